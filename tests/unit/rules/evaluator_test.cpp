// Evaluation of every function at the edges of its window and with missing days, units aside (the checker
// has them), and the three-valued logic of conditions when data is missing.
#include "rules/evaluator.hpp"

#include <map>

#include <catch2/catch.hpp>

#include "rules/parser.hpp"

using namespace baton::rules;
using namespace date::literals;

namespace {

date::sys_days day(unsigned d) {
  return date::sys_days{2026_y / 11 / d};
}

// November 2026: revenue 100 a day in the first week, 150 in the second, none on the 10th; stock-outs on
// three days; orders only on the 14th (0, for divisions by zero).
struct Shop {
  std::map<std::string, Series, std::less<>> series;
  EvaluationData data;
  Shop() {
    for (unsigned d = 1; d <= 14; ++d) {
      if (d != 10) series["revenue"].put(day(d), d <= 7 ? 100 : 150);
    }
    for (unsigned d : {2u, 9u, 13u})
      series["stockouts"].put(day(d), 1);
    for (unsigned d = 1; d <= 14; ++d) {
      if (d != 2 && d != 9 && d != 13) series["stockouts"].put(day(d), 0);
    }
    series["orders"].put(day(14), 0);
    data.series = [this](std::string_view key) -> const Series* {
      const auto it = series.find(key);
      return it == series.end() ? nullptr : &it->second;
    };
    // A monthly target of 4,000 EUR; the month so far is the sum of its days up to the one asked.
    data.target = [](std::string_view key, date::sys_days) -> std::optional<double> {
      if (key == "revenue") return 4000.0;
      return std::nullopt;
    };
    data.period_value = [this](std::string_view key, date::sys_days d) -> std::optional<double> {
      const auto it = series.find(key);
      if (it == series.end()) return std::nullopt;
      return it->second.summary(period_start(d, Period::month), d).sum;
    };
  }
};

Expr parsed(std::string_view text) {
  auto result = parse_expression(text);
  REQUIRE(std::holds_alternative<Expr>(result));
  return std::get<Expr>(std::move(result));
}

std::optional<double> value(const Shop& shop, std::string_view text, unsigned on) {
  return evaluate(parsed(text), shop.data, day(on));
}

std::optional<bool> truth(const Shop& shop, std::string_view text, unsigned on) {
  return holds(parsed(text), shop.data, day(on));
}

}  // namespace

TEST_CASE("window functions read today and the days before it, skipping missing days", "[rules][evaluator]") {
  const Shop shop;
  CHECK(value(shop, "last(revenue)", 14) == 150);
  CHECK(value(shop, "last(revenue)", 10) == 150);  // the 10th is missing: the 9th's
  CHECK(value(shop, "revenue", 7) == 100);         // alone, a KPI is its last value
  CHECK_FALSE(evaluate(parsed("last(revenue)"), shop.data, date::sys_days{2026_y / 10 / 31}));  // before any
  // 7d on the 14th is the 8th to the 14th: six values (the 10th is missing), all 150.
  CHECK(value(shop, "sum(revenue, 7d)", 14) == 900);
  CHECK(value(shop, "avg(revenue, 7d)", 14) == 150);
  // On the 8th, 7d reaches back to the 2nd: six days at 100 and one at 150.
  CHECK(value(shop, "sum(revenue, 7d)", 8) == 750);
  CHECK(value(shop, "min(revenue, 1w)", 8) == 100);
  CHECK(value(shop, "max(revenue, 1w)", 8) == 150);
  CHECK(value(shop, "sum(revenue, 1d)", 10) == std::nullopt);  // a window with no value has none
  CHECK(value(shop, "sum(revenue, 7d)", 25) == std::nullopt);  // the 19th to the 25th: no data
  CHECK(value(shop, "last(revenue)", 25) == 150);              // the last value seen still stands
  CHECK(value(shop, "avg(nothing, 7d)", 14) == std::nullopt);  // a KPI with no data at all
}

TEST_CASE("change compares a window with the one before it, as averages", "[rules][evaluator]") {
  const Shop shop;
  CHECK(value(shop, "change(revenue, 7d)", 14) == Approx(50));   // 150 against 100
  CHECK(value(shop, "change(revenue, 7d)", 7) == std::nullopt);  // nothing before the 1st
  CHECK(value(shop, "change(revenue, 1d)", 8) == Approx(50));
  CHECK(value(shop, "change(revenue, 1d)", 11) == std::nullopt);  // the 10th, before it, is missing
}

TEST_CASE("count_over counts the days its condition holds, each day on its own value", "[rules][evaluator]") {
  const Shop shop;
  CHECK(value(shop, "count_over(stockouts > 0, 14d)", 14) == 3);
  CHECK(value(shop, "count_over(stockouts > 0, 7d)", 14) == 2);  // the 9th and the 13th
  CHECK(value(shop, "count_over(stockouts > 0, 1d)", 12) == 0);
  CHECK(value(shop, "count_over(revenue > 120 and stockouts == 0, 14d)", 14) == 4);  // 8, 11, 12, 14
  CHECK(value(shop, "count_over(nothing > 0, 7d)", 14) == 0);                        // no data: no day counts
}

TEST_CASE("targets and attainment come from the KPI's period", "[rules][evaluator]") {
  const Shop shop;
  CHECK(value(shop, "target(revenue)", 14) == 4000);
  // 7 × 100 + 6 × 150 = 1,600 of 4,000 by the 14th (the 10th is missing).
  CHECK(value(shop, "attainment(revenue)", 14) == Approx(1600.0 / 4000 * 100));
  CHECK(value(shop, "attainment(orders)", 14) == std::nullopt);  // no target
}

TEST_CASE("arithmetic and comparisons with missing data or a division by zero decide nothing",
          "[rules][evaluator]") {
  const Shop shop;
  CHECK(value(shop, "-last(revenue) * 2 + 10", 14) == -290);
  CHECK(value(shop, "last(revenue) / last(orders)", 14) == std::nullopt);
  CHECK(truth(shop, "last(revenue) > 100", 14) == true);
  CHECK(truth(shop, "last(revenue) > 200", 14) == false);
  CHECK(truth(shop, "avg(nothing, 7d) > 0", 14) == std::nullopt);
  CHECK(truth(shop, "not avg(nothing, 7d) > 0", 14) == std::nullopt);
  CHECK(truth(shop, "avg(nothing, 7d) > 0 or last(revenue) > 100", 14) == true);
  CHECK(truth(shop, "avg(nothing, 7d) > 0 and last(revenue) > 200", 14) == false);
  CHECK(truth(shop, "avg(nothing, 7d) > 0 and last(revenue) > 100", 14) == std::nullopt);
  CHECK(truth(shop, "last(revenue) == 150 and not (last(stockouts) != 0)", 14) == true);
}
