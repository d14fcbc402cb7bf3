// Rules engine benchmark: 10,000 rules over 1,000 KPIs with two years of daily points. Measures a full
// evaluation (every rule, as of the last day), an incremental one (one new point, only the rules that
// read its KPI, as the alert watch does) and the memory of the series, against a hand-written loop that
// computes the same windows and thresholds straight from arrays. The engine must reach at least half the
// loop's speed. Both must agree on every rule, or the figures mean nothing.
//   rules_bench [--json FILE] [--runs N]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bot/core/kpis/kpi_data.hpp"
#include "rules/checker.hpp"
#include "rules/evaluator.hpp"
#include "rules/parser.hpp"
#include "tests/bench/bench_support.hpp"

using namespace baton;
using Stopwatch = std::chrono::steady_clock;

namespace {

constexpr int kKpis = 1'000;
constexpr int kRules = 10'000;
constexpr int kDays = 730;
const date::sys_days kFirstDay = date::sys_days{date::year{2024} / 12 / 1};
const double kMissing = std::numeric_limits<double>::quiet_NaN();

// What a rule computes, for the hand-written loop.
enum class Shape { avg_below, last_above, sum_above, min_below, change_below };

struct HandRule {
  int kpi = 0;
  Shape shape = Shape::avg_below;
  int window = 1;
  double threshold = 0;
};

std::string key_of(int kpi) {
  return "k" + std::to_string(kpi);
}

std::string expression_of(const HandRule& r) {
  const std::string k = key_of(r.kpi);
  const std::string w = std::to_string(r.window) + "d";
  const std::string t = std::to_string(r.threshold);
  switch (r.shape) {
    case Shape::avg_below:
      return "avg(" + k + ", " + w + ") < " + t;
    case Shape::last_above:
      return "last(" + k + ") > " + t;
    case Shape::sum_above:
      return "sum(" + k + ", " + w + ") > " + t;
    case Shape::min_below:
      return "min(" + k + ", " + w + ") < " + t;
    case Shape::change_below:
      return "change(" + k + ", " + w + ") < " + t + "%";
  }
  return {};
}

// The hand-written loop: each KPI a dense array by day (NaN where a day has no value).
struct Hand {
  std::vector<std::vector<double>> values;

  // The window [day - n + 1, day]: count, sum, min of the days that have a value.
  void window(int kpi, int day, int n, int& count, double& sum, double& min) const {
    count = 0;
    sum = 0;
    min = 0;
    const std::vector<double>& v = values[static_cast<std::size_t>(kpi)];
    for (int d = std::max(0, day - n + 1); d <= day && d < static_cast<int>(v.size()); ++d) {
      const double x = v[static_cast<std::size_t>(d)];
      if (std::isnan(x)) continue;
      min = count == 0 ? x : std::min(min, x);
      sum += x;
      ++count;
    }
  }

  // True, false, or -1 for unknown (missing data), as the engine's three values.
  int holds(const HandRule& r, int day) const {
    int count = 0;
    double sum = 0, min = 0;
    switch (r.shape) {
      case Shape::avg_below:
        window(r.kpi, day, r.window, count, sum, min);
        return count == 0 ? -1 : (sum / count < r.threshold);
      case Shape::last_above: {
        const std::vector<double>& v = values[static_cast<std::size_t>(r.kpi)];
        for (int d = std::min(day, static_cast<int>(v.size()) - 1); d >= 0; --d) {
          if (!std::isnan(v[static_cast<std::size_t>(d)]))
            return v[static_cast<std::size_t>(d)] > r.threshold;
        }
        return -1;
      }
      case Shape::sum_above:
        window(r.kpi, day, r.window, count, sum, min);
        return count == 0 ? -1 : (sum > r.threshold);
      case Shape::min_below:
        window(r.kpi, day, r.window, count, sum, min);
        return count == 0 ? -1 : (min < r.threshold);
      case Shape::change_below: {
        int before_count = 0;
        double before_sum = 0, ignored = 0;
        window(r.kpi, day, r.window, count, sum, min);
        window(r.kpi, day - r.window, r.window, before_count, before_sum, ignored);
        if (count == 0 || before_count == 0) return -1;
        const double was = before_sum / before_count;
        if (was == 0) return -1;
        return (sum / count - was) / std::fabs(was) * 100 < r.threshold;
      }
    }
    return -1;
  }
};

int engine_value(std::optional<bool> held) {
  return held ? static_cast<int>(*held) : -1;
}

struct Figures {
  double engine_full_ms = 0, hand_full_ms = 0;
  double engine_one_us = 0, hand_one_us = 0;
  double engine_mib = 0, hand_mib = 0;
  int rules_of_kpi = 0;
  int disagreements = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const auto options = bench::parse_options(argc, argv, "rules_bench");
  if (!options) return 2;
  const std::string& json_path = options->json_path;
  const int runs = options->runs;
  std::mt19937 random(20261130);
  std::uniform_real_distribution<double> level(50, 150);
  std::uniform_int_distribution<int> pick_kpi(0, kKpis - 1);
  std::uniform_int_distribution<int> pick_shape(0, 4);
  const int windows[] = {3, 7, 14, 28, 30};

  // The data: every KPI on every day, but one day in twenty missing.
  std::vector<std::vector<double>> raw(kKpis, std::vector<double>(kDays));
  for (auto& series : raw) {
    for (double& x : series)
      x = random() % 20 == 0 ? kMissing : level(random);
  }
  std::vector<HandRule> hand_rules(kRules);
  for (HandRule& r : hand_rules) {
    r.kpi = pick_kpi(random);
    r.shape = static_cast<Shape>(pick_shape(random));
    r.window = windows[random() % 5];
    r.threshold =
        r.shape == Shape::sum_above ? 100.0 * r.window : (r.shape == Shape::change_below ? -5 : 100);
  }

  Figures f;
  const long base = bench::resident_bytes();
  // The engine: KPIs as the config declares them, series as the alert watch holds them, rules parsed
  // and checked as when they load.
  std::vector<KpiDefinition> definitions;
  for (int k = 0; k < kKpis; ++k) {
    KpiDefinition d;
    d.key = key_of(k);
    d.unit = rules::Unit::number();
    definitions.push_back(d);
  }
  KpiData data(definitions);
  for (int k = 0; k < kKpis; ++k) {
    for (int d = 0; d < kDays; ++d) {
      const double x = raw[static_cast<std::size_t>(k)][static_cast<std::size_t>(d)];
      if (!std::isnan(x)) data.put(key_of(k), kFirstDay + date::days(d), x);
    }
  }
  const rules::KpiFactsOf facts = [](std::string_view) {
    return rules::KpiFacts{rules::Unit::number(), false};
  };
  // The rules compiled as KpiData compiles a config's, each bound to the series it reads.
  std::vector<rules::Expr> conditions;
  std::vector<rules::Program> programs;
  std::map<std::string, std::vector<std::size_t>> rules_of;  // KPI -> rules reading it
  for (std::size_t i = 0; i < hand_rules.size(); ++i) {
    auto parsed = rules::parse_expression(expression_of(hand_rules[i]));
    const auto checked = rules::check_condition(std::get<rules::Expr>(parsed), facts);
    for (const std::string& k : std::get<rules::Checked>(checked).kpis)
      rules_of[k].push_back(i);
    conditions.push_back(std::get<rules::Expr>(std::move(parsed)));
    programs.emplace_back(conditions.back(), data.evaluation_data());
  }
  f.engine_mib = static_cast<double>(bench::resident_bytes() - base) / (1024.0 * 1024.0);
  const long before_hand = bench::resident_bytes();
  Hand hand{raw};
  f.hand_mib = static_cast<double>(bench::resident_bytes() - before_hand) / (1024.0 * 1024.0);

  const int last = kDays - 1;
  const date::sys_days last_day = kFirstDay + date::days(last);
  std::vector<int> engine_out(kRules), hand_out(kRules);
  std::vector<double> engine_full, hand_full, engine_one, hand_one;
  for (int run = 0; run < runs; ++run) {
    auto t0 = Stopwatch::now();
    for (std::size_t i = 0; i < programs.size(); ++i)
      engine_out[i] = engine_value(programs[i].holds(last_day));
    auto t1 = Stopwatch::now();
    for (std::size_t i = 0; i < hand_rules.size(); ++i)
      hand_out[i] = hand.holds(hand_rules[i], last);
    auto t2 = Stopwatch::now();
    engine_full.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    hand_full.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  for (std::size_t i = 0; i < engine_out.size(); ++i)
    f.disagreements += engine_out[i] != hand_out[i] ? 1 : 0;

  // One new point for one KPI, the next day: only the rules reading it are evaluated again.
  const int kpi = 17;
  const std::vector<std::size_t>& affected = rules_of[key_of(kpi)];
  f.rules_of_kpi = static_cast<int>(affected.size());
  hand.values[kpi].push_back(42);
  data.put(key_of(kpi), last_day + date::days(1), 42);
  for (int run = 0; run < runs * 20; ++run) {
    auto t0 = Stopwatch::now();
    for (const std::size_t i : affected)
      engine_out[i] = engine_value(programs[i].holds(last_day + date::days(1)));
    auto t1 = Stopwatch::now();
    for (const std::size_t i : affected)
      hand_out[i] = hand.holds(hand_rules[i], last + 1);
    auto t2 = Stopwatch::now();
    engine_one.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    hand_one.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  for (const std::size_t i : affected)
    f.disagreements += engine_out[i] != hand_out[i] ? 1 : 0;
  f.engine_full_ms = bench::median(engine_full);
  f.hand_full_ms = bench::median(hand_full);
  f.engine_one_us = bench::median(engine_one);
  f.hand_one_us = bench::median(hand_one);

  const double full_ratio = f.hand_full_ms / f.engine_full_ms;
  const double one_ratio = f.hand_one_us / f.engine_one_us;
  std::printf("%-44s %12s %12s %8s %6s\n", "rules engine (medians)", "engine", "hand loop", "ratio", "goal");
  std::printf("%-44s %9.2f ms %9.2f ms %8.2f %6s\n", "full: 10,000 rules, 1,000 KPIs, 730 days",
              f.engine_full_ms, f.hand_full_ms, full_ratio, full_ratio >= 0.5 ? ">=0.5 met" : ">=0.5 MISSED");
  std::printf("%-44s %9.1f us %9.1f us %8.2f %6s\n",
              ("incremental: one point, " + std::to_string(f.rules_of_kpi) + " rules").c_str(),
              f.engine_one_us, f.hand_one_us, one_ratio, one_ratio >= 0.5 ? ">=0.5 met" : ">=0.5 MISSED");
  std::printf("%-44s %8.1f MiB %8.1f MiB\n", "memory of the series (resident)", f.engine_mib, f.hand_mib);
  std::printf("rules where engine and loop disagree: %d\n", f.disagreements);
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << "{\"benchmark\": \"rules\", \"runs\": " << runs << ", \"full_engine_ms\": " << f.engine_full_ms
        << ", \"full_hand_ms\": " << f.hand_full_ms << ", \"full_ratio\": " << full_ratio
        << ", \"incremental_engine_us\": " << f.engine_one_us
        << ", \"incremental_hand_us\": " << f.hand_one_us << ", \"incremental_ratio\": " << one_ratio
        << ", \"incremental_rules\": " << f.rules_of_kpi << ", \"engine_mib\": " << f.engine_mib
        << ", \"hand_mib\": " << f.hand_mib << ", \"disagreements\": " << f.disagreements << "}\n";
  }
  return f.disagreements == 0 ? 0 : 1;
}
