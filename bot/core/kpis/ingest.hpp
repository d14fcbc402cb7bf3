// KPI points from outside (the API, a CSV file, a chat command) judged one by one before any is stored:
// the KPI exists and is not computed by baton, the day is a real day not in the future, the value is a
// finite number. Callers store a batch only when every point passed, so a request is all or nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/core/clock/clock.hpp"
#include "bot/core/clock/iso8601.hpp"  // parse_day, day_text
#include "bot/core/config/config.hpp"
#include "bot/core/store/kpi_records.hpp"

namespace baton {

inline constexpr std::size_t kMaxPointsPerBatch = 10'000;
inline constexpr double kMaxKpiMagnitude = 1e15;

// A point's day from its `at`: a date ("2026-11-20") as it is, or an RFC 3339 instant placed on its day in
// `zone` (the owning department's), so a sale at 23:30 in Paris counts for that Paris day.
std::variant<std::string, std::string> point_day(std::string_view at, const date::time_zone& zone);

// A value as typed: "12345.6", "-3", "95%" (a percent KPI only), with "," accepted as the decimal mark
// ("95,5") since French speakers type it. nullopt when it is not a number.
std::optional<double> parse_kpi_value(std::string_view text, const rules::Unit& unit);

class KpiIntake {
 public:
  KpiIntake(const Config& config, SysTime now);

  // The point, or why it cannot be stored ("unknown KPI \"revnue\": did you mean \"revenue\"?").
  std::variant<KpiPoint, std::string> point(std::string_view kpi, std::string_view at, double value) const;

  // The KPI with that key, or an error naming the closest one; refused when baton computes it.
  std::variant<const KpiDefinition*, std::string> writable_kpi(std::string_view key) const;

  // Today in the department's calendar: what a point without a date is for.
  std::string today(const KpiDefinition& kpi) const;

 private:
  const Config& config_;
  SysTime now_;
};

// Two points of one batch for the same KPI and day make it ambiguous which should win: for each point
// after the first, the index of the earlier one.
std::vector<std::pair<std::size_t, std::size_t>> duplicate_points(const std::vector<KpiPoint>& points);

}  // namespace baton
