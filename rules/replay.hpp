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
// of another shape (conditions joined by and / or). Program::shown_value evaluates it.
const Expr* value_side(const Expr& condition);

// Every change of state of a rule's condition from `from` to `to` (both evaluated), starting inactive.
std::vector<StateChange> replay(const Program& condition, date::sys_days from, date::sys_days to,
                                std::chrono::seconds hold_for);

}  // namespace baton::rules
