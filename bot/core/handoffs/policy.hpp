// How handoffs are run, as the config says: each department's SLA targets, counted in its business
// hours, and the named workflows that chain departments.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "bot/core/org/org_map.hpp"
#include "bot/core/store/handoff_records.hpp"

namespace baton {

struct SlaTargets {
  std::chrono::minutes accept{std::chrono::hours(4)};    // first response: accepted (or rejected) by then
  std::chrono::minutes resolve{std::chrono::hours(24)};  // done by then, unless the requester gave a due time
};

// A department's SLA. All durations are working time in the department's business calendar.
struct HandoffSla {
  std::array<SlaTargets, 3> targets{};                         // by Priority: low, normal, high
  std::chrono::minutes remind_before{std::chrono::hours(2)};   // the assignee's reminder before the due time
  std::chrono::minutes escalate_after{std::chrono::hours(4)};  // from a breach to the managers' escalation

  const SlaTargets& of(Priority priority) const { return targets[static_cast<std::size_t>(priority)]; }
  SlaTargets& of(Priority priority) { return targets[static_cast<std::size_t>(priority)]; }
};

// One department's part of a workflow step.
struct WorkflowTask {
  std::string key;  // "stock-check"
  std::string department;
  LocalizedText title;
  // How long the department has, in its working time; the SLA's resolution target when unset.
  std::chrono::minutes within{0};
};

// A stage opens all its tasks at once (one, or several in parallel); the next opens when all are done.
struct WorkflowStage {
  std::vector<WorkflowTask> tasks;
};

struct Workflow {
  std::string key;  // "campaign-launch"
  LocalizedText name;
  std::vector<WorkflowStage> stages;
};

}  // namespace baton
