// Roll-ups are computed on demand from the daily values: there is one stored truth per day.
#include "rules/series.hpp"

#include <algorithm>

namespace baton::rules {

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

std::vector<Point>::const_iterator Series::first_at_or_after(date::sys_days day) const {
  return std::lower_bound(values_.begin(), values_.end(), day,
                          [](const Point& p, date::sys_days d) { return p.day < d; });
}

void Series::put(date::sys_days day, double value) {
  if (values_.empty() || values_.back().day < day) {
    values_.push_back({day, value});
    return;
  }
  const auto at = values_.begin() + (first_at_or_after(day) - values_.cbegin());
  if (at != values_.end() && at->day == day) {
    at->value = value;
  } else {
    values_.insert(at, {day, value});
  }
}

std::optional<double> Series::at(date::sys_days day) const {
  const auto it = first_at_or_after(day);
  if (it == values_.end() || it->day != day) return std::nullopt;
  return it->value;
}

std::vector<Point> Series::days(date::sys_days from, date::sys_days to) const {
  std::vector<Point> out;
  for (auto it = first_at_or_after(from); it != values_.end() && it->day <= to; ++it)
    out.push_back(*it);
  return out;
}

std::optional<Point> Series::latest(date::sys_days day) const {
  auto it = first_at_or_after(day + date::days(1));
  if (it == values_.begin()) return std::nullopt;
  return *--it;
}

Series::Summary Series::summary(date::sys_days from, date::sys_days to) const {
  Summary out;
  for (auto it = first_at_or_after(from); it != values_.end() && it->day <= to; ++it) {
    const double v = it->value;
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
