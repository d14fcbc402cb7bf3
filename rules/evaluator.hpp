// Evaluating a checked expression on the KPIs' daily series, as of the end of one day. Missing data is
// not zero: a window with no value gives no value, and a comparison with no value is unknown, which never
// fires (no data, no alert). Conditions follow three-valued logic: "unknown and false" is false, "unknown
// or true" is true, "not unknown" stays unknown.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "rules/expr.hpp"
#include "rules/series.hpp"

namespace baton::rules {

struct EvaluationData {
  // A KPI's days; nullptr when it has none at all.
  std::function<const Series*(std::string_view key)> series;
  // The target of the period (as the KPI's config sets it) holding `day`, and that period's value up to
  // `day` rolled up as the KPI says: what target() and attainment() read.
  std::function<std::optional<double>(std::string_view key, date::sys_days day)> target;
  std::function<std::optional<double>(std::string_view key, date::sys_days day)> period_value;
};

// A value (nullopt when the data is missing, or a division by zero).
std::optional<double> evaluate(const Expr& expr, const EvaluationData& data, date::sys_days day);
// A condition: true, false, or nullopt when the data needed is missing.
std::optional<bool> holds(const Expr& condition, const EvaluationData& data, date::sys_days day);

}  // namespace baton::rules
