#include "bot/core/kpis/kpi.hpp"

#include <array>
#include <utility>

namespace baton {
namespace {

constexpr std::array kBuiltins{
    std::pair{BuiltinKpi::standup_participation, std::string_view("standup_participation")},
    std::pair{BuiltinKpi::handoffs_opened, std::string_view("handoffs_opened")},
    std::pair{BuiltinKpi::handoffs_overdue, std::string_view("handoffs_overdue")},
    std::pair{BuiltinKpi::handoff_sla_compliance, std::string_view("handoff_sla_compliance")},
};

}  // namespace

std::optional<BuiltinKpi> parse_builtin_kpi(std::string_view text) {
  for (const auto& [kpi, name] : kBuiltins) {
    if (name == text) return kpi;
  }
  return std::nullopt;
}

std::string_view to_string(BuiltinKpi kpi) {
  for (const auto& [builtin, name] : kBuiltins) {
    if (builtin == kpi) return name;
  }
  return "none";
}

rules::Unit builtin_unit(BuiltinKpi kpi) {
  switch (kpi) {
    case BuiltinKpi::standup_participation:
    case BuiltinKpi::handoff_sla_compliance:
      return rules::Unit::percent();
    case BuiltinKpi::handoffs_opened:
    case BuiltinKpi::handoffs_overdue:
      return rules::Unit::count();
    case BuiltinKpi::none:
      break;
  }
  return rules::Unit::number();
}

std::optional<double> KpiDefinition::target(rules::Period period) const {
  const auto found = targets.find(period);
  if (found == targets.end()) return std::nullopt;
  return found->second;
}

std::optional<rules::Period> KpiDefinition::target_period() const {
  if (targets.empty()) return std::nullopt;
  return targets.begin()->first;  // day < week < month
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info") return Severity::info;
  if (text == "warning") return Severity::warning;
  if (text == "critical") return Severity::critical;
  return std::nullopt;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::critical:
      return "critical";
  }
  return "warning";
}

}  // namespace baton
