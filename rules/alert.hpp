// An alert's life, as Prometheus and Alertmanager have taught everyone to read it: inactive, then pending
// while its condition holds for less than the rule's `for`, then firing; resolved when the condition no
// longer holds, and inactive again after that has been said. Missing data decides nothing: the state stays.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace baton::rules {

using Instant = std::chrono::sys_seconds;

enum class AlertState { inactive, pending, firing, resolved };
std::string_view to_string(AlertState state);

struct AlertStatus {
  AlertState state = AlertState::inactive;
  std::optional<Instant> active_since;  // when the condition began to hold, while pending or firing
  std::optional<Instant> fired_at;      // when it began firing: with the rule, the alert's identity
};

// The status after one evaluation at `at`, the condition being true, false or unknown (nullopt).
AlertStatus step(const AlertStatus& status, std::optional<bool> condition, Instant at,
                 std::chrono::seconds hold_for);

}  // namespace baton::rules
