// A rule replayed over stored history, one evaluation at the end of each day: what `baton rules
// backtest` prints, and how a rule can be tried on the past before it is trusted with the future.
#pragma once

#include <optional>
#include <vector>

#include "rules/alert.hpp"
#include "rules/evaluator.hpp"

namespace baton::rules {

struct StateChange {
  Instant at;  // the end of the day evaluated (midnight UTC after it)
  AlertState state;
  std::optional<double> value;  // the left side of the rule's comparison, where it has one
};

// The expression whose value a rule shows: the left side of its top comparison; nullptr for a condition
// of another shape (conditions joined by and / or).
const Expr* value_side(const Expr& condition);

// The value a rule shows beside its state: the left side of its top comparison ("avg(revenue, 7d)" in
// "avg(revenue, 7d) < 1000 EUR"); nullopt for a condition of another shape.
std::optional<double> rule_value(const Expr& condition, const EvaluationData& data, date::sys_days day);

// Every change of state from `from` to `to` (both evaluated), starting inactive.
std::vector<StateChange> replay(const Expr& condition, const EvaluationData& data, date::sys_days from,
                                date::sys_days to, std::chrono::seconds hold_for);

}  // namespace baton::rules
