// A KPI's daily values and how they roll up into weeks and months, as dashboards and rules read them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace baton::rules {

enum class Period { day, week, month };

// How several days make one week or month: revenue adds up, a conversion rate is averaged,
// a stock level keeps the last value seen.
enum class Rollup { sum, average, last };

std::optional<Period> parse_period(std::string_view text);
std::optional<Rollup> parse_rollup(std::string_view text);
std::string_view to_string(Period period);
std::string_view to_string(Rollup rollup);

// The first day of the period holding `day`: itself, the Monday of its ISO week, or the 1st of its month.
date::sys_days period_start(date::sys_days day, Period period);

struct Point {
  date::sys_days day;
  double value = 0;
  bool operator==(const Point&) const = default;
};

class Series {
 public:
  // Setting a day that already has a value replaces it: a corrected figure wins.
  void put(date::sys_days day, double value);
  std::optional<double> at(date::sys_days day) const;
  std::size_t size() const { return values_.size(); }

  // Days in [from, to], oldest first.
  std::vector<Point> days(date::sys_days from, date::sys_days to) const;
  // The latest day at or before `day` that has a value.
  std::optional<Point> latest(date::sys_days day) const;

  // What the rules' window functions read of the days in [from, to] that have a value.
  struct Summary {
    int count = 0;
    double sum = 0;
    double min = 0;
    double max = 0;
  };
  Summary summary(date::sys_days from, date::sys_days to) const;

  // One point per period that has data in [from, to], dated by the period's first day.
  // Days outside [from, to] never count, so a week cut by `from` sums only its days inside.
  std::vector<Point> rolled_up(Period period, Rollup rollup, date::sys_days from, date::sys_days to) const;

 private:
  // Sorted by day, one point a day. Points mostly arrive in order (appended), and rules read windows of
  // neighbouring days: a vector keeps them next to each other in memory, where a map scatters them.
  std::vector<Point> values_;

  std::vector<Point>::const_iterator first_at_or_after(date::sys_days day) const;
};

}  // namespace baton::rules
