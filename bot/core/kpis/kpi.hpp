// The KPIs the company follows and the rules that judge them, as the config declares them: what a number
// means (its unit, which way is better, its targets, who owns it) and when baton speaks up about it.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/config/secret.hpp"
#include "bot/core/org/org_map.hpp"
#include "rules/expr.hpp"
#include "rules/series.hpp"
#include "rules/unit.hpp"

namespace baton {

enum class Direction { higher_is_better, lower_is_better };

// Numbers baton computes itself from what it stores, for one department (or everyone when it is empty).
enum class BuiltinKpi {
  none,
  standup_participation,   // percent of stand-up prompts answered that day
  handoffs_opened,         // handoffs asked of the department that day
  handoffs_overdue,        // its handoffs past their due time at the end of the day
  handoff_sla_compliance,  // percent of its handoffs closed that day within their SLA
};
std::optional<BuiltinKpi> parse_builtin_kpi(std::string_view text);
std::string_view to_string(BuiltinKpi kpi);
rules::Unit builtin_unit(BuiltinKpi kpi);

struct KpiDefinition {
  std::string key;
  LocalizedText name;
  rules::Unit unit;
  Direction direction = Direction::higher_is_better;
  rules::Rollup rollup = rules::Rollup::sum;  // how days make weeks and months
  std::map<rules::Period, double> targets;
  std::string department;  // the owner: hears its alerts, may set its values
  BuiltinKpi builtin = BuiltinKpi::none;

  std::optional<double> target(rules::Period period) const;
  // The period target() and attainment() read in rules: the shortest one with a target.
  std::optional<rules::Period> target_period() const;
};

enum class Severity { info, warning, critical };
std::optional<Severity> parse_severity(std::string_view text);
std::string_view to_string(Severity severity);

// A rule, checked when it loaded: its expression is a condition over KPIs that exist, in units that agree.
struct KpiRule {
  std::string name;
  std::string expr;                  // as written, for messages and `baton rules check`
  rules::Expr condition;             // parsed
  std::set<std::string> kpis;        // every KPI it reads: new data for them re-evaluates it
  std::string kpi;                   // the first KPI it names: whose name and target its summary shows
  rules::Unit value_unit;            // the unit of the value it shows (the left side of its comparison)
  std::chrono::seconds hold_for{0};  // `for`: how long the condition holds before the alert fires
  Severity severity = Severity::warning;
  std::vector<std::string> routes;  // department keys
  LocalizedText summary;            // a template: {{value}}, {{target}}, {{kpi.name}}
  std::map<std::string, std::string> labels;
  bool open_handoff = false;    // firing opens a handoff to the (first) route department
  bool business_hours = false;  // notify only within the route department's working hours
};

// A bearer token allowed to write some KPIs through the API.
struct KpiApiToken {
  std::string name;  // for logs: never the token itself
  Secret token;
  std::set<std::string> kpis;
  bool allows(const std::string& kpi) const { return kpis.count(kpi) > 0; }
};

// When rules are evaluated and how often a firing alert is said again.
struct AlertsConfig {
  std::string rules_file;  // as written in the config, for messages
  std::chrono::seconds evaluate_every{std::chrono::hours(1)};
  std::chrono::seconds repeat_interval{std::chrono::hours(24)};
};

}  // namespace baton
