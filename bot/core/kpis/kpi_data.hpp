// KPI series in memory, as rules read them: the stored days of each KPI, with the targets and rollups
// the config gives, behind the rules engine's EvaluationData.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bot/core/kpis/kpi.hpp"
#include "bot/core/store/kpi_records.hpp"
#include "rules/evaluator.hpp"

namespace baton {

class KpiData {
 public:
  explicit KpiData(std::vector<KpiDefinition> kpis);

  void put(const KpiPoint& point);
  void put(const std::string& kpi, date::sys_days day, double value);
  const rules::Series* series(std::string_view kpi) const;
  const KpiDefinition* definition(std::string_view kpi) const;

  // The target of the KPI's target period holding `day`.
  std::optional<double> target(std::string_view kpi, date::sys_days day) const;
  // That period's value from its first day up to `day`, rolled up as the KPI says.
  std::optional<double> period_value(std::string_view kpi, date::sys_days day) const;

  // What the evaluator reads; valid while this KpiData lives.
  rules::EvaluationData evaluation_data() const;

 private:
  std::vector<KpiDefinition> kpis_;
  std::map<std::string, rules::Series, std::less<>> series_;
};

// "2026-11-20" as a day; the caller has validated it.
date::sys_days day_of(const std::string& text);

}  // namespace baton
