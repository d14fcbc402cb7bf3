#include "rules/alert.hpp"

namespace baton::rules {

std::string_view to_string(AlertState state) {
  switch (state) {
    case AlertState::inactive:
      return "inactive";
    case AlertState::pending:
      return "pending";
    case AlertState::firing:
      return "firing";
    case AlertState::resolved:
      return "resolved";
  }
  return "inactive";
}

AlertStatus step(const AlertStatus& status, std::optional<bool> condition, Instant at,
                 std::chrono::seconds hold_for) {
  AlertStatus next = status;
  // A resolution is said once; what follows starts from nothing.
  if (next.state == AlertState::resolved) next = AlertStatus{};
  if (!condition) {
    // Unknown: no step forward, none back. A pending alert does not fire on missing data.
    return next;
  }
  if (!*condition) {
    if (next.state == AlertState::firing)
      return AlertStatus{AlertState::resolved, std::nullopt, next.fired_at};
    return AlertStatus{};
  }
  if (next.state == AlertState::inactive) {
    next.state = AlertState::pending;
    next.active_since = at;
  }
  if (next.state == AlertState::pending && at - *next.active_since >= hold_for) {
    next.state = AlertState::firing;
    next.fired_at = at;
  }
  return next;
}

}  // namespace baton::rules
