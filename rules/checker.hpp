// Checking an expression against the KPIs it names, when the rules load: unknown KPIs, functions and
// arities, what each argument must be, and units (euros are not compared with a percentage, EUR not
// added to USD). What passes here cannot fail for those reasons when it is evaluated.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "rules/expr.hpp"

namespace baton::rules {

// What the checker needs to know of a KPI.
struct KpiFacts {
  Unit unit;
  bool has_target = false;  // target() and attainment() need one
};
// The KPI with that key, or nullopt when there is none.
using KpiFactsOf = std::function<std::optional<KpiFacts>(std::string_view key)>;

struct Checked {
  enum class Type { value, condition };
  Type type = Type::value;
  Unit unit;                   // a value's
  std::set<std::string> kpis;  // every KPI it reads: new data for them re-evaluates it
};

struct CheckError {
  std::size_t column = 1;
  std::string message;
};

std::variant<Checked, CheckError> check_expression(const Expr& expr, const KpiFactsOf& facts);
// A rule's `expr`: it must be a condition (a comparison, or conditions joined by and / or / not).
std::variant<Checked, CheckError> check_condition(const Expr& expr, const KpiFactsOf& facts);

// The first KPI an expression names, reading left to right; empty when it names none.
std::string first_kpi(const Expr& expr);

// The longest window a function may look back over (two years and a day, to compare a year with the one
// before).
constexpr int kMaxWindowDays = 732;

}  // namespace baton::rules
