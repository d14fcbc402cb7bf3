// Roll-ups are computed on demand from the daily values: there is one stored truth per day.
#include "rules/series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace baton::rules {
namespace {

const double kNone = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
  if (text == "day") return Period::day;
  if (text == "week") return Period::week;
  if (text == "month") return Period::month;
  return std::nullopt;
}

std::optional<Rollup> parse_rollup(std::string_view text) {
  if (text == "sum") return Rollup::sum;
  if (text == "average") return Rollup::average;
  if (text == "last") return Rollup::last;
  return std::nullopt;
}

std::string_view to_string(Period period) {
  switch (period) {
    case Period::day:
      return "day";
    case Period::week:
      return "week";
    case Period::month:
      return "month";
  }
  return "day";
}

std::string_view to_string(Rollup rollup) {
  switch (rollup) {
    case Rollup::sum:
      return "sum";
    case Rollup::average:
      return "average";
    case Rollup::last:
      return "last";
  }
  return "sum";
}

date::sys_days period_start(date::sys_days day, Period period) {
  switch (period) {
    case Period::day:
      return day;
    case Period::week: {
      const date::weekday wd{day};
      // c_encoding: Sunday = 0 ... Saturday = 6; ISO weeks start on Monday.
      const int since_monday = (static_cast<int>(wd.c_encoding()) + 6) % 7;
      return day - date::days{since_monday};
    }
    case Period::month: {
      const date::year_month_day ymd{day};
      return date::sys_days{ymd.year() / ymd.month() / 1};
    }
  }
  return day;
}

void Series::put(date::sys_days day, double value) {
  if (values_.empty()) {
    first_ = day;
  } else if (day < first_) {
    values_.insert(values_.begin(), static_cast<std::size_t>((first_ - day).count()), kNone);
    first_ = day;
  }
  const auto slot = static_cast<std::size_t>((day - first_).count());
  if (slot >= values_.size()) values_.resize(slot + 1, kNone);
  if (std::isnan(values_[slot])) ++count_;
  values_[slot] = value;
}

std::pair<std::size_t, std::size_t> Series::slots(date::sys_days from, date::sys_days to) const {
  if (values_.empty() || to < first_ || to < from) return {0, 0};
  const auto begin = from < first_ ? 0 : static_cast<std::size_t>((from - first_).count());
  const auto end = std::min(values_.size(), static_cast<std::size_t>((to - first_).count()) + 1);
  return {std::min(begin, end), end};
}

std::optional<double> Series::at(date::sys_days day) const {
  const auto [begin, end] = slots(day, day);
  if (begin == end || std::isnan(values_[begin])) return std::nullopt;
  return values_[begin];
}

std::vector<Point> Series::days(date::sys_days from, date::sys_days to) const {
  std::vector<Point> out;
  const auto [begin, end] = slots(from, to);
  for (std::size_t i = begin; i < end; ++i) {
    if (!std::isnan(values_[i])) out.push_back({first_ + date::days(static_cast<int>(i)), values_[i]});
  }
  return out;
}

std::optional<Point> Series::latest(date::sys_days day) const {
  const auto [begin, end] = slots(first_, day);
  for (std::size_t i = end; i > begin; --i) {
    if (!std::isnan(values_[i - 1]))
      return Point{first_ + date::days(static_cast<int>(i - 1)), values_[i - 1]};
  }
  return std::nullopt;
}

Series::Summary Series::summary(date::sys_days from, date::sys_days to) const {
  Summary out;
  const auto [begin, end] = slots(from, to);
  for (std::size_t i = begin; i < end; ++i) {
    const double v = values_[i];
    if (std::isnan(v)) continue;
    out.min = out.count == 0 ? v : std::min(out.min, v);
    out.max = out.count == 0 ? v : std::max(out.max, v);
    out.sum += v;
    ++out.count;
  }
  return out;
}

std::vector<Point> Series::rolled_up(Period period, Rollup rollup, date::sys_days from,
                                     date::sys_days to) const {
  std::vector<Point> out;
  int count = 0;
  for (const Point& p : days(from, to)) {
    const date::sys_days start = period_start(p.day, period);
    if (out.empty() || out.back().day != start) {
      if (!out.empty() && rollup == Rollup::average) out.back().value /= count;
      out.push_back({start, 0});
      count = 0;
    }
    ++count;
    switch (rollup) {
      case Rollup::sum:
      case Rollup::average:
        out.back().value += p.value;
        break;
      case Rollup::last:
        out.back().value = p.value;
        break;
    }
  }
  if (!out.empty() && rollup == Rollup::average) out.back().value /= count;
  return out;
}

}  // namespace baton::rules
