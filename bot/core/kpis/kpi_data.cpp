#include "bot/core/kpis/kpi_data.hpp"

#include <stdexcept>

#include "bot/core/kpis/ingest.hpp"

namespace baton {

date::sys_days day_of(const std::string& text) {
  const auto day = parse_day(text);
  return day.value_or(date::sys_days());
}

KpiData::KpiData(std::vector<KpiDefinition> kpis, const std::vector<KpiRule>& rules)
    : kpis_(std::move(kpis)) {
  for (std::size_t i = 0; i < kpis_.size(); ++i) {
    index_.emplace(kpis_[i].key, i);
    series_[kpis_[i].key];
  }
  evaluation_.series = [this](std::string_view kpi) { return series(kpi); };
  evaluation_.target = [this](std::string_view kpi, date::sys_days day) { return target(kpi, day); };
  evaluation_.period_value = [this](std::string_view kpi, date::sys_days day) {
    return period_value(kpi, day);
  };
  for (const KpiRule& rule : rules)
    programs_.emplace(rule.name, rules::Program(rule.condition, evaluation_));
}

const rules::Program& KpiData::program(const KpiRule& rule) const {
  const auto found = programs_.find(rule.name);
  if (found == programs_.end()) throw std::logic_error("KPI data: no program for the rule " + rule.name);
  return found->second;
}

void KpiData::put(const KpiPoint& point) {
  put(point.kpi, day_of(point.day), point.value);
}

void KpiData::put(const std::string& kpi, date::sys_days day, double value) {
  series_[kpi].put(day, value);
}

const rules::Series* KpiData::series(std::string_view kpi) const {
  const auto found = series_.find(kpi);
  return found == series_.end() ? nullptr : &found->second;
}

const KpiDefinition* KpiData::definition(std::string_view kpi) const {
  const auto found = index_.find(kpi);
  return found == index_.end() ? nullptr : &kpis_[found->second];
}

std::optional<double> KpiData::target(std::string_view kpi, date::sys_days) const {
  const KpiDefinition* definition = this->definition(kpi);
  if (definition == nullptr) return std::nullopt;
  const auto period = definition->target_period();
  return period ? definition->target(*period) : std::nullopt;
}

std::optional<double> KpiData::period_value(std::string_view kpi, date::sys_days day) const {
  const KpiDefinition* definition = this->definition(kpi);
  const rules::Series* days = series(kpi);
  if (definition == nullptr || days == nullptr) return std::nullopt;
  const rules::Period period = definition->target_period().value_or(rules::Period::day);
  const auto rolled = days->rolled_up(period, definition->rollup, rules::period_start(day, period), day);
  if (rolled.empty()) return std::nullopt;
  return rolled.back().value;
}

}  // namespace baton
