#include "rules/replay.hpp"

namespace baton::rules {

std::optional<double> rule_value(const Expr& condition, const EvaluationData& data, date::sys_days day) {
  const bool comparison =
      condition.kind == Expr::Kind::binary && condition.op != Op::both && condition.op != Op::either;
  if (!comparison) return std::nullopt;
  return evaluate(condition.args.at(0), data, day);
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
