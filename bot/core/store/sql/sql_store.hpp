// The Store in SQL: every domain operation written once, as statements of the SQL layer
// (sql/statement.hpp), run by SQLite (sqlite/) or PostgreSQL (postgres/). A database's own store opens
// the connection, migrates its schema, says how it is, and gives its connection to this.
#pragma once

#include <iosfwd>
#include <memory>
#include <string_view>

#include "bot/core/store/store.hpp"

namespace baton {

namespace sql {
class Database;
struct RitualStatements;
struct HandoffStatements;
struct KpiStatements;
struct AlertStatements;
}  // namespace sql

class SqlStore : public Store {
 public:
  ~SqlStore() override;

  std::optional<Locale> member_locale(const std::string& member_key) override;
  void set_member_locale(const std::string& member_key, Locale locale, SysTime at) override;
  bool accept_event(const InboundEvent& event) override;
  UnhandledEvents unhandled_events(const std::string& source, SysTime received_by, SysTime claim_at,
                                   int limit, const EventRetries& retries) override;
  void mark_event_handled(const std::string& source, const std::string& id, SysTime at) override;
  void save_pending_command(const PendingCommand& command) override;
  bool enqueue_answer(const OutboxItem& answer, const std::string& pending_key) override;
  std::vector<PendingCommand> claim_pending_commands(Platform platform, SysTime received_by, SysTime claim_at,
                                                     int limit) override;
  bool enqueue(const OutboxItem& item) override;
  std::vector<std::string> due_lanes(SysTime now, int limit, const std::string& holder) override;
  std::optional<OutboxItem> lane_head(const std::string& lane) override;
  std::optional<OutboxItem> claim_lane_head(const std::string& lane, const std::string& holder, SysTime now,
                                            SysTime until) override;
  std::optional<SysTime> next_due(const std::string& holder) override;
  void mark_sent(std::int64_t id, SysTime at, const std::optional<std::string>& platform_message_id) override;
  void mark_retry(std::int64_t id, SysTime next_attempt, const std::string& error) override;
  void mark_failed(std::int64_t id, SysTime at, const std::string& error) override;
  OutboxStats outbox_stats() override;
  std::vector<OutboxItem> outbox_items(OutboxState state, int limit) override;
  void save_conversation(const ConversationRef& ref) override;
  std::optional<ConversationRef> conversation(Platform platform, const std::string& key) override;
  std::optional<ConversationRef> latest_conversation(Platform platform) override;
  bool set_unreachable(Platform platform, const std::string& member_key, const std::string& reason,
                       SysTime at) override;
  std::optional<std::string> unreachable(Platform platform, const std::string& member_key) override;
  void clear_unreachable(Platform platform, const std::string& member_key) override;
  bool record_occurrence(const OccurrenceRecord& record, const std::vector<OutboxItem>& messages) override;
  std::optional<OccurrenceRecord> occurrence(const std::string& key) override;
  std::vector<OccurrenceRecord> occurrences(const std::string& ritual, const std::string& first_day,
                                            const std::string& last_day) override;
  std::optional<SysTime> scheduler_mark() override;
  void set_scheduler_mark(SysTime at) override;
  void save_standup_answer(const StandupAnswer& answer) override;
  std::vector<StandupAnswer> standup_answers(const std::string& ritual, const std::string& first_day,
                                             const std::string& last_day) override;
  std::optional<StandupDraft> standup_draft(const std::string& member) override;
  void save_standup_draft(const StandupDraft& draft) override;
  void clear_standup_draft(const std::string& member) override;
  void add_days_off(const DaysOff& off) override;
  std::vector<DaysOff> days_off(const std::string& member, const std::string& from_day) override;
  int cancel_days_off(const std::string& member, const std::string& first_day,
                      const std::string& last_day) override;
  bool skip_ritual_day(const std::string& ritual, const std::string& day, const std::string& by,
                       SysTime at) override;
  std::vector<std::string> skipped_days(const std::string& ritual, const std::string& from_day) override;
  bool set_ritual_paused(const std::string& ritual, bool paused, const std::string& by, SysTime at) override;
  std::vector<std::string> paused_rituals() override;
  std::int64_t add_retro_item(const RetroItem& item) override;
  std::vector<RetroItem> retro_items(const std::string& ritual, const std::string& day) override;
  std::vector<RetroItem> open_retro_actions(const std::string& ritual) override;
  bool close_retro_action(std::int64_t id, SysTime at) override;
  void handoff_transaction(const std::function<void(HandoffWriter&)>& work) override;
  std::optional<Handoff> handoff(std::int64_t number) override;
  std::vector<Handoff> handoffs(const HandoffQuery& query) override;
  std::vector<HandoffEvent> handoff_events(std::int64_t number) override;
  std::optional<SysTime> next_handoff_timer() override;
  std::vector<HandoffTimer> due_handoff_timers(SysTime now, int limit) override;
  std::vector<HandoffTimer> handoff_timers(std::int64_t number) override;
  std::optional<WorkflowRun> workflow_run(std::int64_t id) override;
  std::vector<WorkflowRun> workflow_runs(bool running_only, int limit) override;
  std::optional<std::string> sent_message_id(const std::string& outbox_key) override;
  KpiWriteResult put_kpi_points(const std::vector<KpiPoint>& points, const std::string& source,
                                SysTime at) override;
  std::vector<KpiPointRecord> kpi_points(const std::string& kpi, const std::string& first_day,
                                         const std::string& last_day) override;
  std::vector<KpiPointChange> kpi_point_history(const std::string& kpi, const std::string& day) override;
  std::vector<KpiPointRecord> kpi_points_changed_since(std::int64_t revision) override;
  void alert_transaction(const std::function<void(AlertWriter&)>& work) override;
  std::vector<AlertRecord> alerts() override;
  std::vector<AlertEvent> alert_events(SysTime from, SysTime to) override;
  std::vector<AlertNotice> alert_notices(const std::string& rule) override;
  std::int64_t add_silence(const Silence& silence) override;
  std::vector<Silence> silences(SysTime at) override;
  bool end_silence(std::int64_t id, SysTime at) override;
  bool hold_lease(const std::string& name, const std::string& holder, SysTime now, SysTime until) override;
  void release_lease(const std::string& name, const std::string& holder) override;
  int prune(SysTime before) override;

  // The schema version applied against the one this build knows, and whether the database answers.
  StoreStatus status() override;

  // The team's whole state as JSON Lines (sql/transfer.hpp), for `baton export`; returns the rows written.
  std::int64_t export_state(std::ostream& out);
  // Reads an export into this store, which must hold no team's state yet: all of it in one transaction,
  // or nothing. Throws sql::ImportError saying what is wrong with the file or the store.
  std::int64_t import_state(std::istream& in);

 protected:
  SqlStore();
  // "SQLite", "PostgreSQL": what status() says, even when closed.
  virtual std::string_view kind() const = 0;
  // The latest migration recorded in schema_migrations (0 for none).
  int applied_version();
  // The connection the statements run on; throws StoreUnavailable when the store is closed.
  virtual sql::Database& database() = 0;
  // Once the schema is current: the statements are prepared against it.
  void prepare_statements();
  // Before the connection closes.
  void release_statements();
  // After rows were imported with their ids: the database numbers the next rows after them.
  virtual void renumber_after_import() {}

 private:
  struct Statements;
  Statements& statements();
  std::unique_ptr<Statements> statements_;
  sql::RitualStatements& ritual_statements();
  std::unique_ptr<sql::RitualStatements> ritual_statements_;
  sql::HandoffStatements& handoff_statements();
  std::unique_ptr<sql::HandoffStatements> handoff_statements_;
  sql::KpiStatements& kpi_statements();
  std::unique_ptr<sql::KpiStatements> kpi_statements_;
  sql::AlertStatements& alert_statements();
  std::unique_ptr<sql::AlertStatements> alert_statements_;
  // The lane due_lanes() served last when it took lanes in turn: the next turn starts after it.
  std::string lane_turn_;
};

}  // namespace baton
