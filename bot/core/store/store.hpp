// The Store port: the domain operations baton persists, and nothing about how. SQLite (store/sqlite/) and
// PostgreSQL (store/postgres/) implement it; no SQL or driver type appears on this side of the port.
// Calls block, so they run on the store's own executor (store_executor.hpp), never on network threads.
// An unreachable or broken store throws StoreUnavailable; "not found" and "conflict" are ordinary values.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bot/core/clock/clock.hpp"
#include "bot/core/i18n/locale.hpp"
#include "bot/core/outbox/outbox_item.hpp"
#include "bot/core/store/alert_records.hpp"
#include "bot/core/store/handoff_records.hpp"
#include "bot/core/store/kpi_records.hpp"
#include "bot/core/store/ritual_records.hpp"

namespace baton {

class StoreUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreStatus {
  bool reachable = false;
  int schema_version = 0;    // applied
  int expected_version = 0;  // known to this build
  std::string kind;          // "SQLite"
  std::string detail;        // why it is not ready, when it is not
  bool ready() const { return reachable && schema_version == expected_version; }
};

// Who claims work in a store several instances share, and for how long a claim holds: one that dies
// loses its claims when the lease runs out, and the others take the work over.
struct Lease {
  // Unique among the instances: host and port by default. A store nobody shares keeps this default, the
  // same across restarts, so a restarted baton holds what its predecessor held.
  std::string holder = "baton";
  std::chrono::milliseconds length{30'000};
  bool shared = false;  // other instances may use the store (PostgreSQL)
};

class Store {
 public:
  virtual ~Store() = default;

  // Cheap check that the store answers and its schema is current: what /readyz reports.
  virtual StoreStatus status() = 0;

  // A member's own choice of language, which overrides the one in config.
  virtual std::optional<Locale> member_locale(const std::string& member_key) = 0;
  virtual void set_member_locale(const std::string& member_key, Locale locale, SysTime at) = 0;

  // Inbound events: stored before they are acknowledged, handled after. Returns false when this event
  // was stored before (the platform is retrying it): it must not be handled twice.
  virtual bool accept_event(const InboundEvent& event) = 0;
  // Events stored by `received_by` or earlier and not yet handled (their handler failed or died), oldest
  // first. Each is claimed: its received time becomes `claim_at` (plus its backoff, `retries`), so no
  // other instance takes it before the next pass. One already retried `retries.retries` times is given
  // up instead: marked so, never claimed again, pruned as handled ones are.
  virtual UnhandledEvents unhandled_events(const std::string& source, SysTime received_by, SysTime claim_at,
                                           int limit, const EventRetries& retries) = 0;
  virtual void mark_event_handled(const std::string& source, const std::string& id, SysTime at) = 0;

  // Commands acknowledged before their answer (PendingCommand): kept from the acknowledgement until the
  // answer is enqueued, which enqueue_answer() does in the same transaction as it forgets the command.
  virtual void save_pending_command(const PendingCommand& command) = 0;
  // Enqueues `answer` (false when its key is there already) and forgets the pending command `key`.
  virtual bool enqueue_answer(const OutboxItem& answer, const std::string& pending_key) = 0;
  // Pending commands of `platform` received by `received_by` whose answer never came (their process
  // died), oldest first; each is claimed, as events are, until `claim_at`.
  virtual std::vector<PendingCommand> claim_pending_commands(Platform platform, SysTime received_by,
                                                             SysTime claim_at, int limit) = 0;

  // The outbox. enqueue() returns false (and stores nothing) when the key is already there.
  virtual bool enqueue(const OutboxItem& item) = 0;
  // Lanes whose oldest pending message is due by `now` and not claimed by another holder, in the order
  // their heads were stored.
  virtual std::vector<std::string> due_lanes(SysTime now, int limit, const std::string& holder) = 0;
  // The oldest pending message of a lane: the only one that may be sent next in it.
  virtual std::optional<OutboxItem> lane_head(const std::string& lane) = 0;
  // The lane's head, claimed by `holder` until `until`, when it is due by `now` and nobody else holds
  // it: only the claim's holder sends it. Marking it sent, retried or failed ends the claim; a holder
  // that died loses it when `until` passes, and another instance sends the message.
  virtual std::optional<OutboxItem> claim_lane_head(const std::string& lane, const std::string& holder,
                                                    SysTime now, SysTime until) = 0;
  // When the earliest lane head falls due for `holder` (a head another holds is due when its claim
  // ends); nullopt when nothing is pending.
  virtual std::optional<SysTime> next_due(const std::string& holder) = 0;
  virtual void mark_sent(std::int64_t id, SysTime at,
                         const std::optional<std::string>& platform_message_id) = 0;
  virtual void mark_retry(std::int64_t id, SysTime next_attempt, const std::string& error) = 0;
  virtual void mark_failed(std::int64_t id, SysTime at, const std::string& error) = 0;
  virtual OutboxStats outbox_stats() = 0;
  // Pending or failed messages, oldest first, for `baton outbox`.
  virtual std::vector<OutboxItem> outbox_items(OutboxState state, int limit) = 0;

  // Where baton can write later to a person or a channel on a platform that needs an address it gave
  // (a Teams conversation reference): learnt from the platform, kept across restarts.
  virtual void save_conversation(const ConversationRef& ref) = 0;
  virtual std::optional<ConversationRef> conversation(Platform platform, const std::string& key) = 0;
  // Any address for the platform, the most recent first: where to open a conversation with someone
  // who has none yet (a service URL, a tenant).
  virtual std::optional<ConversationRef> latest_conversation(Platform platform) = 0;

  // A person the platform will not let baton reach (they blocked it, never installed it). Recording
  // returns true the first time only, so whoever must hear about it hears once.
  virtual bool set_unreachable(Platform platform, const std::string& member_key, const std::string& reason,
                               SysTime at) = 0;
  virtual std::optional<std::string> unreachable(Platform platform, const std::string& member_key) = 0;
  virtual void clear_unreachable(Platform platform, const std::string& member_key) = 0;

  // Ritual occurrences. Recording one claims it, and the messages it sends are stored in the same
  // transaction: an occurrence is done with all its messages queued, or not done at all. Returns false
  // (storing nothing) when the key was recorded before.
  virtual bool record_occurrence(const OccurrenceRecord& record, const std::vector<OutboxItem>& messages) = 0;
  virtual std::optional<OccurrenceRecord> occurrence(const std::string& key) = 0;
  // A ritual's occurrences on days first_day..last_day (all rituals for an empty `ritual`), by due time.
  virtual std::vector<OccurrenceRecord> occurrences(const std::string& ritual, const std::string& first_day,
                                                    const std::string& last_day) = 0;
  // How far the scheduler got: occurrences due up to here have been run or recorded missed.
  virtual std::optional<SysTime> scheduler_mark() = 0;
  virtual void set_scheduler_mark(SysTime at) = 0;

  // Stand-up answers: one per ritual, day and member; saving again replaces the answer.
  virtual void save_standup_answer(const StandupAnswer& answer) = 0;
  virtual std::vector<StandupAnswer> standup_answers(const std::string& ritual, const std::string& first_day,
                                                     const std::string& last_day) = 0;
  virtual std::optional<StandupDraft> standup_draft(const std::string& member) = 0;
  virtual void save_standup_draft(const StandupDraft& draft) = 0;
  virtual void clear_standup_draft(const std::string& member) = 0;

  // Days off: periods a member is away (no prompts; shown as off in reports).
  virtual void add_days_off(const DaysOff& off) = 0;
  // Periods ending on or after `from_day`, of one member (or everyone for an empty `member`).
  virtual std::vector<DaysOff> days_off(const std::string& member, const std::string& from_day) = 0;
  // Removes a member's periods overlapping first_day..last_day; returns how many.
  virtual int cancel_days_off(const std::string& member, const std::string& first_day,
                              const std::string& last_day) = 0;

  // A ritual skipped on one day, or paused until resumed. Each returns false when nothing changed.
  virtual bool skip_ritual_day(const std::string& ritual, const std::string& day, const std::string& by,
                               SysTime at) = 0;
  virtual std::vector<std::string> skipped_days(const std::string& ritual, const std::string& from_day) = 0;
  virtual bool set_ritual_paused(const std::string& ritual, bool paused, const std::string& by,
                                 SysTime at) = 0;
  virtual std::vector<std::string> paused_rituals() = 0;

  // Retrospective items; actions stay open until closed.
  virtual std::int64_t add_retro_item(const RetroItem& item) = 0;
  virtual std::vector<RetroItem> retro_items(const std::string& ritual, const std::string& day) = 0;
  // Open actions of a ritual (all rituals for an empty `ritual`), oldest first.
  virtual std::vector<RetroItem> open_retro_actions(const std::string& ritual) = 0;
  virtual bool close_retro_action(std::int64_t id, SysTime at) = 0;

  // Handoffs. Every change runs `work` inside one transaction: committed when it returns, rolled back
  // when it throws, so a handoff's state, its audit trail, its timers and its messages move together.
  virtual void handoff_transaction(const std::function<void(HandoffWriter&)>& work) = 0;
  virtual std::optional<Handoff> handoff(std::int64_t number) = 0;
  // Matching handoffs, newest first.
  virtual std::vector<Handoff> handoffs(const HandoffQuery& query) = 0;
  // The audit trail, oldest first.
  virtual std::vector<HandoffEvent> handoff_events(std::int64_t number) = 0;
  // When the earliest timer not yet fired is due; nullopt when there is none.
  virtual std::optional<SysTime> next_handoff_timer() = 0;
  // Timers due by `now`, not yet fired, earliest first.
  virtual std::vector<HandoffTimer> due_handoff_timers(SysTime now, int limit) = 0;
  virtual std::vector<HandoffTimer> handoff_timers(std::int64_t number) = 0;
  virtual std::optional<WorkflowRun> workflow_run(std::int64_t id) = 0;
  // Runs newest first; running ones only when `running_only`.
  virtual std::vector<WorkflowRun> workflow_runs(bool running_only, int limit) = 0;
  // The platform's id of a message the outbox sent, by the key it was queued with: empty when it was sent
  // but its platform gives none (a Teams Workflows post); nothing when it was not sent.
  virtual std::optional<std::string> sent_message_id(const std::string& outbox_key) = 0;

  // KPI points, all in one transaction or none. A day that already has a value gets the new one, the old
  // one going to the history; the same value sent again writes nothing.
  virtual KpiWriteResult put_kpi_points(const std::vector<KpiPoint>& points, const std::string& source,
                                        SysTime at) = 0;
  // A KPI's points on days first_day..last_day, oldest first (every KPI's for an empty `kpi`, by KPI).
  virtual std::vector<KpiPointRecord> kpi_points(const std::string& kpi, const std::string& first_day,
                                                 const std::string& last_day) = 0;
  // The values a KPI's day had before its current one, oldest first.
  virtual std::vector<KpiPointChange> kpi_point_history(const std::string& kpi, const std::string& day) = 0;

  // Points stored by writes after revision `revision` by anyone (this process, another instance, `baton kpi
  // import`), by revision. Writes take revisions one after the other: reading from the highest one seen
  // misses nothing.
  virtual std::vector<KpiPointRecord> kpi_points_changed_since(std::int64_t revision) = 0;

  // Alerts. One evaluation's changes run in one transaction, with any handoff an alert opens.
  virtual void alert_transaction(const std::function<void(AlertWriter&)>& work) = 0;
  virtual std::vector<AlertRecord> alerts() = 0;
  // Changes of state in [from, to), oldest first.
  virtual std::vector<AlertEvent> alert_events(SysTime from, SysTime to) = 0;
  // The notices that named a rule, oldest first.
  virtual std::vector<AlertNotice> alert_notices(const std::string& rule) = 0;
  virtual std::int64_t add_silence(const Silence& silence) = 0;
  // Silences in force at `at`, the first to end first.
  virtual std::vector<Silence> silences(SysTime at) = 0;
  // Lifts a silence still in force; false when there is none with that id.
  virtual bool end_silence(std::int64_t id, SysTime at) = 0;

  // A named lease (the Slack Socket Mode connection): taken by `holder` when free or expired by `now`,
  // or renewed when `holder` has it, until `until`. Returns whether `holder` holds it now.
  virtual bool hold_lease(const std::string& name, const std::string& holder, SysTime now, SysTime until) = 0;
  // Gives the lease up at once, when `holder` has it, so that another instance need not wait it out.
  virtual void release_lease(const std::string& name, const std::string& holder) = 0;

  // Forgets handled events and sent messages older than `before` (platforms stop retrying long before);
  // returns how many rows went. Failed messages stay until someone looks at them.
  virtual int prune(SysTime before) = 0;

  // Flushes and releases the store; later calls throw StoreUnavailable.
  virtual void close() = 0;

  // A store of its own for calls that only read, to be used by one other thread at a time, or nothing
  // when reads should wait their turn with the other calls (StoreExecutor::read).
  virtual std::unique_ptr<Store> open_reader() { return nullptr; }

  // Group commit, for the StoreExecutor (and bulk loads, such as the benchmarks' year of data). A store that
  // groups commits (SQLite: one writer, and a sync to disk per transaction) lets the calls made between
  // begin_group() and commit_group() share one transaction, so that one sync makes all of them durable. A
  // call keeps its atomicity: its own transactions become savepoints, undone alone when it throws, and a
  // statement outside them is atomic by itself, as it is outside a group. group_open() is false once the
  // transaction is gone (SQLite rolls it back by itself on a full disk or an I/O error). Other stores
  // (PostgreSQL, whose sessions run calls side by side) run each call on its own.
  virtual bool groups_commits() const { return false; }
  virtual void begin_group() {}
  virtual bool group_open() { return true; }
  virtual void commit_group() {}
  virtual void rollback_group() noexcept {}
};

}  // namespace baton
