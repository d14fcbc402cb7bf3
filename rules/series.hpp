// A KPI's daily values and how they roll up into weeks and months, as dashboards and rules read them.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
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
  // Setting a day that already has a value replaces it: a corrected figure wins. Days before 1970 or more
  // than a century from the first one are the callers' to refuse (they validate what comes in).
  void put(date::sys_days day, double value);
  std::optional<double> at(date::sys_days day) const;
  std::size_t size() const { return count_; }

  // Days in [from, to] that have a value, oldest first.
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
  // One slot a day from the first day with a value to the last, NaN where a day has none. KPIs are daily
  // figures, so a window of days is a run of neighbouring slots, read as a hand-written loop would read
  // an array: no search, no pointer to follow (see tests/bench/rules_bench.cpp).
  date::sys_days first_{};
  std::vector<double> values_;
  std::size_t count_ = 0;

  // The slots of [from, to] that exist, as indexes [begin, end).
  std::pair<std::size_t, std::size_t> slots(date::sys_days from, date::sys_days to) const;
};

}  // namespace baton::rules
