// KPI series in memory, as rules read them: the stored days of each KPI, with the targets and rollups
// the config gives, behind the rules engine's EvaluationData.
#pragma once

#include <string>
#include <unordered_map>
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
  // Looked up by key for every KPI a rule names: hashed, and by string_view without a copy.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  std::vector<KpiDefinition> kpis_;
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;  // key -> kpis_
  std::unordered_map<std::string, rules::Series, KeyHash, std::equal_to<>> series_;
};

// "2026-11-20" as a day; the caller has validated it.
date::sys_days day_of(const std::string& text);

}  // namespace baton
