// KPI series in memory, as rules read them: the stored days of each KPI, with the targets and rollups
// the config gives, behind the rules engine's EvaluationData, and the rules compiled over them.
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
  // Every KPI of `kpis` has its series from the start (empty until points come), so that the rules,
  // compiled here once, read the series they were bound to.
  explicit KpiData(std::vector<KpiDefinition> kpis, const std::vector<KpiRule>& rules = {});
  // The programs point into this object.
  KpiData(const KpiData&) = delete;
  KpiData& operator=(const KpiData&) = delete;

  void put(const KpiPoint& point);
  void put(const std::string& kpi, date::sys_days day, double value);
  const rules::Series* series(std::string_view kpi) const;
  const KpiDefinition* definition(std::string_view kpi) const;

  // The target of the KPI's target period holding `day`.
  std::optional<double> target(std::string_view kpi, date::sys_days day) const;
  // That period's value from its first day up to `day`, rolled up as the KPI says.
  std::optional<double> period_value(std::string_view kpi, date::sys_days day) const;

  // What the evaluator reads; valid while this KpiData lives.
  const rules::EvaluationData& evaluation_data() const { return evaluation_; }
  // A rule's condition, compiled; the rule must be one of those given to the constructor.
  const rules::Program& program(const KpiRule& rule) const;

 private:
  // Looked up by key for every KPI a rule names: hashed, and by string_view without a copy.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  std::vector<KpiDefinition> kpis_;
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;  // key -> kpis_
  // A map's values stay where they are when others are added: programs hold pointers to them.
  std::unordered_map<std::string, rules::Series, KeyHash, std::equal_to<>> series_;
  rules::EvaluationData evaluation_;
  std::unordered_map<std::string, rules::Program, KeyHash, std::equal_to<>> programs_;  // by rule name
};

// "2026-11-20" as a day; the caller has validated it.
date::sys_days day_of(const std::string& text);

}  // namespace baton
