// A rule replayed day by day over a made-up fortnight: each change of state once, with its value.
#include "rules/replay.hpp"

#include <map>

#include <catch2/catch.hpp>

#include "rules/parser.hpp"

using namespace baton::rules;
using namespace date::literals;

namespace {

date::sys_days day(unsigned d) {
  return date::sys_days{2026_y / 11 / d};
}

Expr parsed(std::string_view text) {
  auto result = parse_expression(text);
  REQUIRE(std::holds_alternative<Expr>(result));
  return std::get<Expr>(std::move(result));
}

}  // namespace

TEST_CASE("a replay lists each change of state once, at the end of the day, with the rule's value",
          "[rules][replay]") {
  // Revenue drops under 100 from the 4th to the 7th, and has no value on the 9th.
  Series revenue;
  for (unsigned d = 1; d <= 10; ++d) {
    if (d != 9) revenue.put(day(d), d >= 4 && d <= 7 ? 80 : 120);
  }
  EvaluationData data;
  data.series = [&](std::string_view key) -> const Series* { return key == "revenue" ? &revenue : nullptr; };
  data.target = [](std::string_view, date::sys_days) { return std::optional<double>(); };
  data.period_value = data.target;

  // Firing after the condition held for a day: pending at the end of the 4th, firing at the end of the 5th.
  const auto changes =
      replay(Program(parsed("sum(revenue, 1d) < 100"), data), day(1), day(10), std::chrono::hours(24));
  REQUIRE(changes.size() == 4);
  CHECK(changes[0].state == AlertState::pending);
  CHECK(changes[0].at == std::chrono::time_point_cast<std::chrono::seconds>(day(5)));
  CHECK(changes[0].value == 80);
  CHECK(changes[1].state == AlertState::firing);
  CHECK(changes[1].at == std::chrono::time_point_cast<std::chrono::seconds>(day(6)));
  CHECK(changes[2].state == AlertState::resolved);
  CHECK(changes[2].at == std::chrono::time_point_cast<std::chrono::seconds>(day(9)));
  CHECK(changes[2].value == 120);
  // At the end of the 9th (no value that day) the resolution has been said: inactive again.
  CHECK(changes[3].state == AlertState::inactive);
  CHECK(changes[3].at == std::chrono::time_point_cast<std::chrono::seconds>(day(10)));
  CHECK_FALSE(changes[3].value.has_value());

  CHECK(
      replay(Program(parsed("sum(revenue, 1d) < 10"), data), day(1), day(10), std::chrono::hours(0)).empty());
  CHECK_FALSE(Program(parsed("sum(revenue, 1d) < 100 or last(revenue) > 1"), data).shown_value(day(4)));
  CHECK(Program(parsed("last(revenue) + 1 > 100"), data).shown_value(day(4)) == 81);
}
