// What the store keeps for handoffs: each handoff with its current state, the audit trail of everything
// that happened to it, the messages that show it (to update when it changes), its SLA timers, and the
// workflow runs that chain handoffs across departments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock/clock.hpp"
#include "bot/core/outbox/outbox_item.hpp"

namespace baton {

enum class HandoffState { open, accepted, done, rejected, cancelled };
std::string_view to_string(HandoffState state);
std::optional<HandoffState> parse_handoff_state(std::string_view text);
// Done, rejected and cancelled: nothing more happens to it.
constexpr bool is_closed(HandoffState state) {
  return state == HandoffState::done || state == HandoffState::rejected || state == HandoffState::cancelled;
}

enum class Priority { low, normal, high };
std::string_view to_string(Priority priority);
std::optional<Priority> parse_priority(std::string_view text);

struct Handoff {
  std::int64_t number = 0;  // H-<number>; given by the store
  std::string from_department;
  std::string to_department;
  std::string title;
  std::string requester;  // member key
  std::string assignee;   // named when it was created, or who accepted it; empty until then
  Priority priority = Priority::normal;
  HandoffState state = HandoffState::open;
  Platform platform = Platform::console;  // where it was asked
  SysTime created_at{};
  SysTime accept_by{};     // first response target, in the target department's business hours
  SysTime due_at{};        // resolution: the requester's due time, or the department's target
  bool due_given = false;  // the requester typed the due time
  std::optional<SysTime> accepted_at;
  std::optional<SysTime> closed_at;
  std::string close_note;  // why it was rejected or cancelled, or what was done
  std::string context;     // what earlier steps of its workflow said when they were done
  // Part of a workflow run: its id, the stage (0-based) and the step's key.
  std::int64_t workflow_run = 0;
  int stage = 0;
  std::string step;
  // Bumped by every change, so a change decided on a stale read is refused rather than applied.
  int version = 0;
};

// "H-12".
std::string handoff_label(std::int64_t number);
// "H-12", "h12", "12", "#12" -> 12.
std::optional<std::int64_t> parse_handoff_label(std::string_view text);

// One line of the audit trail. The key makes recording the same thing twice impossible.
struct HandoffEvent {
  std::int64_t handoff = 0;
  std::string key;     // "H-12/accepted/v3", "H-12/escalated-referent/accept"
  std::string action;  // created, accepted, done, rejected, cancelled, edited, reminded, escalated-...
  std::string by;      // member key; empty when baton itself did it
  std::string platform;
  SysTime at{};
  std::string note;
};

// A message showing the handoff (its post in a channel, the referent's notification): updated through
// the outbox whenever the handoff changes, so its buttons match its state.
struct HandoffPost {
  std::int64_t handoff = 0;
  std::string outbox_key;  // the message as first queued
  Platform platform = Platform::console;
  Destination destination;
};

// Something that must happen at a set time unless the handoff has moved on by then.
enum class HandoffTimerKind {
  accept_breach,    // not accepted within the first-response target: tell the referent
  accept_managers,  // still not accepted a while later: tell the managers
  due_reminder,     // due soon: remind the assignee (or the referent, while nobody has it)
  due_breach,       // past due: tell the referent
  due_managers,     // still not done a while later: tell the managers
};
std::string_view to_string(HandoffTimerKind kind);
std::optional<HandoffTimerKind> parse_handoff_timer_kind(std::string_view text);

struct HandoffTimer {
  std::int64_t id = 0;  // given by the store
  std::int64_t handoff = 0;
  HandoffTimerKind kind = HandoffTimerKind::due_reminder;
  SysTime at{};
};

enum class WorkflowState { running, done, stopped };
std::string_view to_string(WorkflowState state);

struct WorkflowRun {
  std::int64_t id = 0;   // given by the store; W-<id>
  std::string workflow;  // its key in config
  std::string title;     // "Black Friday"
  std::string started_by;
  SysTime started_at{};
  int stage = 0;  // the stage whose handoffs are open
  WorkflowState state = WorkflowState::running;
  std::optional<SysTime> closed_at;
  std::string note;  // why it stopped
};

struct HandoffQuery {
  std::vector<HandoffState> states;  // any of these; empty: every state
  std::string to_department;         // empty: any
  std::string from_department;
  std::string member;  // requested by or assigned to this member
  std::optional<SysTime> due_before;
  std::optional<SysTime> created_from;  // created in [created_from, created_to)
  std::optional<SysTime> created_to;
  std::int64_t workflow_run = 0;
  int limit = 200;
};

// The writes of one change to handoffs, made inside one transaction (Store::handoff_transaction): a
// change is stored with its audit line, its timers and its messages, or not at all.
class HandoffWriter {
 public:
  virtual ~HandoffWriter() = default;
  virtual std::optional<Handoff> handoff(std::int64_t number) = 0;
  // Stores a new handoff; returns it with its number.
  virtual Handoff insert(Handoff handoff) = 0;
  // Stores `handoff` if its version is still the stored one; bumps the version. False when another
  // change came first.
  virtual bool update(Handoff& handoff) = 0;
  // False when an event with that key was recorded before.
  virtual bool record(const HandoffEvent& event) = 0;
  // Replaces the handoff's timers that have not fired with these.
  virtual void set_timers(std::int64_t handoff, const std::vector<HandoffTimer>& timers) = 0;
  // Marks a timer fired; false when it had fired already (or is gone).
  virtual bool claim_timer(std::int64_t id, SysTime at) = 0;
  virtual void add_post(const HandoffPost& post) = 0;
  virtual std::vector<HandoffPost> posts(std::int64_t handoff) = 0;
  // Queues a message; false when its key was queued before.
  virtual bool enqueue(const OutboxItem& item) = 0;

  virtual WorkflowRun insert_run(WorkflowRun run) = 0;
  virtual std::optional<WorkflowRun> run(std::int64_t id) = 0;
  virtual void update_run(const WorkflowRun& run) = 0;
  virtual std::vector<Handoff> handoffs_of_run(std::int64_t run) = 0;
};

}  // namespace baton
