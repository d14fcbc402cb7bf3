// The handoff desk: creating handoffs, moving them through their states, firing their SLA timers and
// running workflows. Each operation is one store transaction holding the change, its audit line, its
// timers and every message it sends, so nothing is half done and nothing is done twice. Runs on the
// store's executor (Store& in hand); the commands and the SLA watch call it through StoreExecutor::run.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/config/config.hpp"
#include "bot/core/handoffs/cards.hpp"
#include "bot/core/org/profiles.hpp"
#include "bot/core/store/store.hpp"

namespace baton {

enum class HandoffAction { accept, done, reject, cancel };
std::string_view to_string(HandoffAction action);

// Who may do what: members of the target department accept, finish and reject; the requester cancels
// and edits; managers (and admins) may do anything.
bool may_act(const Member& member, HandoffAction action, const Handoff& handoff, const OrgMap& org);
bool may_edit(const Member& member, const Handoff& handoff);

// In characters, however the handoff was asked for (a command, a form, an alert).
inline constexpr std::size_t kMaxHandoffTitle = 200;
inline constexpr std::size_t kMaxHandoffNote = 400;  // a reason, or what was done

struct HandoffRequest {
  std::string to_department;
  std::string title;
  std::optional<SysTime> due;  // the requester's; the department's resolution target otherwise
  std::string assignee;        // a member of the target department, named by the requester
  Priority priority = Priority::normal;
  std::string note;  // where it comes from ("a blocker in Karim's stand-up"), first in its history
};

struct ActResult {
  enum class Outcome {
    applied,
    not_found,
    refused,     // the actor may not do that
    taken,       // accepted by someone else first
    closed,      // done, rejected or cancelled already
    needs_note,  // reject and cancel say why
  };
  Outcome outcome = Outcome::not_found;
  std::optional<Handoff> handoff;  // as it is now
};

// What an edit changes; unset fields stay.
struct HandoffEdit {
  std::optional<std::string> title;
  std::optional<SysTime> due;
  std::optional<Priority> priority;
  std::optional<std::string> assignee;
};

struct WorkflowStart {
  WorkflowRun run;
  std::vector<Handoff> opened;
};

class HandoffDesk {
 public:
  HandoffDesk(const OrgMap& org, const Profiles& profiles, std::shared_ptr<const Config> config,
              std::vector<Platform> platforms, SysTime now);

  Handoff create(Store& store, const Member& requester, const std::string& from_department, Platform platform,
                 const HandoffRequest& request) const;
  // The same inside a transaction the caller holds (an alert opening a handoff with its own changes).
  Handoff create_in(HandoffWriter& writer, Store& store, const Member& requester,
                    const std::string& from_department, Platform platform,
                    const HandoffRequest& request) const;
  ActResult act(Store& store, const Member& actor, Platform platform, std::int64_t number,
                HandoffAction action, const std::string& note) const;
  ActResult edit(Store& store, const Member& actor, Platform platform, std::int64_t number,
                 const HandoffEdit& edit) const;
  // Fires the timers due now, each once; returns how many fired.
  int fire_due_timers(Store& store, int limit) const;
  WorkflowStart start_workflow(Store& store, const Member& starter, const Workflow& workflow,
                               const std::string& title, Platform platform) const;

  // The reader a member is written to as: their language and zone.
  Reader reader_of(Store& store, const Member& member, Platform platform) const;
  // The reader of a department's channel: its referent's language, its calendar's zone.
  Reader channel_reader(Store& store, const Department& department, Platform platform) const;

 private:
  Handoff open(HandoffWriter& writer, Store& store, Handoff draft, const std::string& note) const;
  void announce(HandoffWriter& writer, Store& store, const Handoff& handoff, Msg notice, const Member* to,
                const std::string& who, const std::string& note) const;
  void update_posts(HandoffWriter& writer, Store& store, const Handoff& handoff) const;
  std::vector<HandoffTimer> timers_for(const Handoff& handoff) const;
  void advance_workflow(HandoffWriter& writer, Store& store, const Handoff& done) const;
  std::vector<const Member*> managers() const;

  const OrgMap& org_;
  const Profiles& profiles_;
  std::shared_ptr<const Config> config_;
  std::vector<Platform> platforms_;
  SysTime now_;
};

}  // namespace baton
