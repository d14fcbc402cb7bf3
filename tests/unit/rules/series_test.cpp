#include "rules/series.hpp"

#include <catch2/catch.hpp>

using namespace baton::rules;
using namespace date::literals;

namespace {
date::sys_days day(date::year_month_day ymd) {
  return date::sys_days{ymd};
}
}  // namespace

TEST_CASE("a later value for the same day replaces the earlier one", "[series]") {
  Series s;
  s.put(day(2026_y / 11 / 20), 100);
  s.put(day(2026_y / 11 / 20), 120);
  CHECK(s.size() == 1);
  CHECK(s.at(day(2026_y / 11 / 20)) == 120);
  CHECK_FALSE(s.at(day(2026_y / 11 / 21)).has_value());
}

TEST_CASE("weeks start on Monday and months on the 1st", "[series]") {
  // 2026-11-22 is a Sunday; its ISO week began on Monday 2026-11-16.
  CHECK(period_start(day(2026_y / 11 / 22), Period::week) == day(2026_y / 11 / 16));
  CHECK(period_start(day(2026_y / 11 / 16), Period::week) == day(2026_y / 11 / 16));
  CHECK(period_start(day(2026_y / 11 / 22), Period::month) == day(2026_y / 11 / 1));
  CHECK(period_start(day(2026_y / 11 / 22), Period::day) == day(2026_y / 11 / 22));
}

TEST_CASE("days roll up into weeks by sum, average or last value", "[series]") {
  Series s;
  s.put(day(2026_y / 11 / 16), 10);  // Monday
  s.put(day(2026_y / 11 / 18), 20);
  s.put(day(2026_y / 11 / 22), 30);  // Sunday, same week
  s.put(day(2026_y / 11 / 23), 5);   // next Monday
  const auto from = day(2026_y / 11 / 1);
  const auto to = day(2026_y / 11 / 30);

  const auto sums = s.rolled_up(Period::week, Rollup::sum, from, to);
  REQUIRE(sums.size() == 2);
  CHECK(sums[0] == Point{day(2026_y / 11 / 16), 60});
  CHECK(sums[1] == Point{day(2026_y / 11 / 23), 5});

  const auto averages = s.rolled_up(Period::week, Rollup::average, from, to);
  CHECK(averages[0].value == Approx(20));
  CHECK(averages[1].value == Approx(5));

  const auto lasts = s.rolled_up(Period::week, Rollup::last, from, to);
  CHECK(lasts[0].value == 30);

  const auto months = s.rolled_up(Period::month, Rollup::sum, from, to);
  REQUIRE(months.size() == 1);
  CHECK(months[0] == Point{day(2026_y / 11 / 1), 65});
}

TEST_CASE("a roll-up counts only the days inside the range", "[series]") {
  Series s;
  s.put(day(2026_y / 11 / 16), 10);
  s.put(day(2026_y / 11 / 18), 20);
  const auto cut = s.rolled_up(Period::week, Rollup::sum, day(2026_y / 11 / 17), day(2026_y / 11 / 30));
  REQUIRE(cut.size() == 1);
  CHECK(cut[0].value == 20);
  CHECK(s.days(day(2026_y / 11 / 17), day(2026_y / 11 / 17)).empty());
}

TEST_CASE("periods and roll-ups are read from their config names", "[series]") {
  CHECK(parse_period("week") == Period::week);
  CHECK_FALSE(parse_period("fortnight").has_value());
  CHECK(parse_rollup("average") == Rollup::average);
  CHECK_FALSE(parse_rollup("median").has_value());
  CHECK(to_string(Rollup::last) == "last");
}
