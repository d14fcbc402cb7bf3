#include "rules/replay.hpp"

namespace baton::rules {

const Expr* value_side(const Expr& condition) {
  const bool comparison =
      condition.kind == Expr::Kind::binary && condition.op != Op::both && condition.op != Op::either;
  return comparison ? &condition.args.at(0) : nullptr;
}

std::optional<double> rule_value(const Expr& condition, const EvaluationData& data, date::sys_days day) {
  const Expr* side = value_side(condition);
  if (side == nullptr) return std::nullopt;
  return evaluate(*side, data, day);
}

std::vector<StateChange> replay(const Expr& condition, const EvaluationData& data, date::sys_days from,
                                date::sys_days to, std::chrono::seconds hold_for) {
  std::vector<StateChange> changes;
  AlertStatus status;
  for (date::sys_days day = from; day <= to; day += date::days(1)) {
    const Instant at = std::chrono::time_point_cast<std::chrono::seconds>(day + date::days(1));
    const AlertStatus next = step(status, holds(condition, data, day), at, hold_for);
    if (next.state != status.state) changes.push_back({at, next.state, rule_value(condition, data, day)});
    status = next;
  }
  return changes;
}

}  // namespace baton::rules
