#include "rules/replay.hpp"

namespace baton::rules {

const Expr* value_side(const Expr& condition) {
  const bool comparison = condition.kind == Expr::Kind::binary && is_comparison(condition.op);
  return comparison ? &condition.args.at(0) : nullptr;
}

std::vector<StateChange> replay(const Program& condition, date::sys_days from, date::sys_days to,
                                std::chrono::seconds hold_for) {
  std::vector<StateChange> changes;
  AlertStatus status;
  for (date::sys_days day = from; day <= to; day += date::days(1)) {
    const Instant at = std::chrono::time_point_cast<std::chrono::seconds>(day + date::days(1));
    const AlertStatus next = step(status, condition.holds(day), at, hold_for);
    if (next.state != status.state) changes.push_back({at, next.state, condition.shown_value(day)});
    status = next;
  }
  return changes;
}

}  // namespace baton::rules
