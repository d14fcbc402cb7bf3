#include "bot/core/kpis/ingest.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/text/suggest.hpp"

namespace baton {
namespace {

constexpr date::year kFirstYear{2000};

std::string between_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

}  // namespace

std::variant<std::string, std::string> point_day(std::string_view at, const date::time_zone& zone) {
  using Result = std::variant<std::string, std::string>;
  if (at.size() == 10) {
    if (const auto day = parse_day(at)) return Result(std::in_place_index<0>, day_text(*day));
    return Result(std::in_place_index<1>,
                  between_quotes(at) + " is not a date: write YYYY-MM-DD, like 2026-11-20");
  }
  const auto instant = parse_iso8601(at);
  if (!instant) {
    return Result(std::in_place_index<1>,
                  between_quotes(at) +
                      " is neither a date (2026-11-20) nor an RFC 3339 instant (2026-11-20T18:30:00Z)");
  }
  const auto local = zone.to_local(*instant);
  return Result(std::in_place_index<0>,
                day_text(date::sys_days(std::chrono::floor<date::days>(local).time_since_epoch())));
}

std::optional<double> parse_kpi_value(std::string_view text, const rules::Unit& unit) {
  std::string number(text);
  while (!number.empty() && number.back() == ' ')
    number.pop_back();
  while (!number.empty() && number.front() == ' ')
    number.erase(number.begin());
  if (unit.kind == rules::Unit::Kind::percent && number.ends_with('%')) {
    number.pop_back();
    while (!number.empty() && number.back() == ' ')
      number.pop_back();
  }
  if (number.find(',') != std::string::npos && number.find('.') == std::string::npos) {
    number[number.find(',')] = '.';
  }
  if (number.starts_with('+')) number.erase(number.begin());
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc{} || end != number.data() + number.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

KpiIntake::KpiIntake(const Config& config, SysTime now) : config_(config), now_(now) {}

std::variant<const KpiDefinition*, std::string> KpiIntake::writable_kpi(std::string_view key) const {
  const KpiDefinition* kpi = config_.kpi(key);
  if (kpi == nullptr) {
    std::vector<std::string> keys;
    for (const KpiDefinition& k : config_.kpis) {
      if (k.builtin == BuiltinKpi::none) keys.push_back(k.key);
    }
    const auto suggestion = closest(std::string(key), keys);
    if (key.empty()) return std::string("no KPI named: give its key, like revenue");
    return "unknown KPI " + between_quotes(key) +
           (suggestion ? ": did you mean " + between_quotes(*suggestion) + "?"
                       : std::string(": it is not in the config"));
  }
  if (kpi->builtin != BuiltinKpi::none) {
    return "KPI " + between_quotes(key) + " is computed by baton (" + std::string(to_string(kpi->builtin)) +
           ") and cannot be written";
  }
  return kpi;
}

std::string KpiIntake::today(const KpiDefinition& kpi) const {
  const date::time_zone* zone = config_.department_calendar(kpi.department).zone;
  const auto local = zone->to_local(now_);
  return day_text(date::sys_days(std::chrono::floor<date::days>(local).time_since_epoch()));
}

std::variant<KpiPoint, std::string> KpiIntake::point(std::string_view key, std::string_view at,
                                                     double value) const {
  const auto found = writable_kpi(key);
  if (const auto* error = std::get_if<std::string>(&found)) return *error;
  const KpiDefinition& kpi = *std::get<const KpiDefinition*>(found);
  const auto day = point_day(at, *config_.department_calendar(kpi.department).zone);
  if (day.index() == 1) return std::get<1>(day);
  const std::string& text = std::get<0>(day);
  const date::year_month_day ymd{*parse_day(text)};
  if (ymd.year() < kFirstYear) return "the day " + text + " is before 2000: is the date right?";
  // A day ahead of the department's today is refused: figures are of what happened. One day of slack
  // allows for a source in a time zone further east.
  const auto tomorrow = *parse_day(today(kpi)) + date::days(1);
  if (date::sys_days(ymd) > tomorrow)
    return "the day " + text + " is in the future: figures are of days that have begun";
  if (!std::isfinite(value) || std::fabs(value) > kMaxKpiMagnitude) {
    return "the value is not a finite number of at most 10^15 in size";
  }
  return KpiPoint{kpi.key, text, value};
}

std::vector<std::pair<std::size_t, std::size_t>> duplicate_points(const std::vector<KpiPoint>& points) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::map<std::pair<std::string, std::string>, std::size_t> first;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto [at, inserted] = first.emplace(std::pair{points[i].kpi, points[i].day}, i);
    if (!inserted) out.emplace_back(i, at->second);
  }
  return out;
}

}  // namespace baton
