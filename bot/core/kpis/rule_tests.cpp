#include "bot/core/kpis/rule_tests.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/config/checker.hpp"
#include "bot/core/kpis/ingest.hpp"
#include "bot/core/kpis/kpi_data.hpp"
#include "bot/core/kpis/summary.hpp"
#include "rules/alert.hpp"
#include "rules/replay.hpp"

namespace baton {

using namespace config_detail;  // NOLINT(google-build-using-namespace): the checker's own tools

namespace {

constexpr std::size_t kMaxSeriesDays = 3000;
constexpr std::size_t kMaxTests = 1000;
constexpr std::uintmax_t kMaxTestFileBytes = std::uintmax_t{4} * 1024 * 1024;

std::optional<double> number(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

struct Expectation {
  date::sys_days day;
  std::string rule;
  rules::AlertState state = rules::AlertState::inactive;
  std::optional<double> value;
  std::optional<std::string> summary;
};

struct RuleTest {
  std::string name;
  std::map<std::string, std::pair<date::sys_days, std::vector<std::optional<double>>>> series;
  std::vector<Expectation> expect;
};

std::optional<date::sys_days> read_day(Checker& c, const YAML::Node& node, const std::string& key,
                                       const std::string& what) {
  const auto text = c.text(node, key, what, true, key + ": 2026-11-02");
  if (!text) return std::nullopt;
  const auto day = parse_day(*text);
  if (!day) {
    c.error(node[key], what + "." + key + " " + in_quotes(*text) + " is not a date", "write YYYY-MM-DD");
    return std::nullopt;
  }
  return *day;
}

std::optional<RuleTest> read_test(Checker& c, const YAML::Node& node, const std::string& position,
                                  const Config& config, const std::vector<KpiRule>& rules) {
  if (!c.map(node, position, {"name", "series", "expect"})) return std::nullopt;
  RuleTest test;
  test.name = c.text(node, "name", position, true, "name: what the test shows").value_or(position);
  const std::string what = "test " + in_quotes(test.name);
  const std::size_t errors_before = c.errors.size();
  const YAML::Node series = node["series"];
  if (!series.IsMap()) {
    c.error(series.IsDefined() ? series : node, what + " needs series: each KPI's values",
            "series: {revenue: {from: 2026-11-02, values: \"42000 31000x3\"}}");
  } else {
    for (const auto& item : series) {
      const std::string kpi = item.first.Scalar();
      const std::string in = what + ".series." + kpi;
      if (config.kpi(kpi) == nullptr) {
        c.error(item.first, in + ": " + in_quotes(kpi) + " is not a KPI of the config");
        continue;
      }
      if (!c.map(item.second, in, {"from", "values"})) continue;
      const auto from = read_day(c, item.second, "from", in);
      const auto text = c.text(item.second, "values", in, true, "values: \"42000 31000x3 _ 45000\"");
      if (!from || !text) continue;
      auto values = parse_series_values(*text);
      if (const auto* error = std::get_if<std::string>(&values)) {
        c.error(item.second["values"], in + ".values: " + *error);
        continue;
      }
      test.series[kpi] = {*from, std::get<0>(std::move(values))};
    }
  }
  const YAML::Node expect = node["expect"];
  if (!expect.IsSequence() || expect.size() == 0) {
    c.error(expect.IsDefined() ? expect : node, what + " needs expect: the states it checks",
            "expect: [{at: 2026-11-04, rule: revenue-below-target, state: firing}]");
  } else {
    for (std::size_t i = 0; i < expect.size(); ++i) {
      const YAML::Node e = expect[i];
      const std::string in = what + ".expect[" + std::to_string(i) + "]";
      if (!c.map(e, in, {"at", "rule", "state", "value", "summary"})) continue;
      Expectation x;
      const auto day = read_day(c, e, "at", in);
      const auto rule = c.text(e, "rule", in, true, "rule: revenue-below-target");
      const auto state = c.text(e, "state", in, true, "state: firing");
      if (rule &&
          std::none_of(rules.begin(), rules.end(), [&](const KpiRule& r) { return r.name == *rule; })) {
        c.error(e["rule"], in + ".rule " + in_quotes(*rule) + " is not a rule of the rules tested");
      }
      if (state && *state != "inactive" && *state != "pending" && *state != "firing" &&
          *state != "resolved") {
        c.error(e["state"],
                in + ".state must be inactive, pending, firing or resolved, not " + in_quotes(*state));
      }
      if (const auto value = c.text(e, "value", in)) {
        x.value = number(*value);
        if (!x.value) c.error(e["value"], in + ".value " + in_quotes(*value) + " is not a number");
      }
      x.summary = c.text(e, "summary", in);
      if (!day || !rule || !state) continue;
      x.day = *day;
      x.rule = *rule;
      for (const auto s : {rules::AlertState::inactive, rules::AlertState::pending, rules::AlertState::firing,
                           rules::AlertState::resolved}) {
        if (rules::to_string(s) == *state) x.state = s;
      }
      test.expect.push_back(std::move(x));
    }
  }
  if (c.errors.size() != errors_before) return std::nullopt;
  return test;
}

bool same_value(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

std::string shown(std::optional<double> value) {
  if (!value) return "none";
  std::ostringstream out;
  out << *value;
  return out.str();
}

// Runs one test; the differences, one a line, or nothing when it passes.
std::string run_test(const RuleTest& test, const Config& config, const std::vector<KpiRule>& rules) {
  KpiData data(config.kpis, rules);
  std::optional<date::sys_days> first;
  for (const auto& [kpi, series] : test.series) {
    for (std::size_t i = 0; i < series.second.size(); ++i) {
      if (series.second[i]) data.put(kpi, series.first + date::days(static_cast<int>(i)), *series.second[i]);
    }
    first = first ? std::min(*first, series.first) : series.first;
  }
  date::sys_days last = test.expect.front().day;
  for (const Expectation& x : test.expect)
    last = std::max(last, x.day);
  if (!first || *first > last) first = last;
  std::string differences;
  for (const KpiRule& rule : rules) {
    const bool checked = std::any_of(test.expect.begin(), test.expect.end(),
                                     [&](const Expectation& x) { return x.rule == rule.name; });
    if (!checked) continue;
    const rules::Program& program = data.program(rule);
    rules::AlertStatus status;
    for (date::sys_days day = *first; day <= last; day += date::days(1)) {
      const rules::Instant at = std::chrono::time_point_cast<std::chrono::seconds>(day + date::days(1));
      status = rules::step(status, program.holds(day), at, rule.hold_for);
      for (const Expectation& x : test.expect) {
        if (x.rule != rule.name || x.day != day) continue;
        const auto value = program.shown_value(day);
        const std::string where = "    " + day_text(day) + " " + rule.name + ": ";
        if (status.state != x.state) {
          differences += where + "expected " + std::string(rules::to_string(x.state)) + ", got " +
                         std::string(rules::to_string(status.state)) + " (value " + shown(value) + ")\n";
        }
        if (x.value && (!value || !same_value(*value, *x.value))) {
          differences += where + "expected value " + shown(x.value) + ", got " + shown(value) + "\n";
        }
        if (x.summary) {
          const KpiDefinition* kpi = config.kpi(rule.kpi);
          const std::string summary =
              render_summary(rule, kpi, value, data.target(rule.kpi, day), Locale::en);
          if (summary != *x.summary) {
            differences += where + "expected summary \"" + *x.summary + "\", got \"" + summary + "\"\n";
          }
        }
      }
    }
  }
  return differences;
}

}  // namespace

std::variant<std::vector<std::optional<double>>, std::string> parse_series_values(std::string_view text) {
  std::vector<std::optional<double>> out;
  std::istringstream words{std::string(text)};
  std::string word;
  while (words >> word) {
    const auto x = word.find('x');
    const std::string head = word.substr(0, x);
    std::size_t count = 1;
    if (x != std::string::npos) {
      const auto n = number(std::string_view(word).substr(x + 1));
      if (!n || *n < 1 || *n != std::floor(*n) || *n > static_cast<double>(kMaxSeriesDays)) {
        return "\"" + word + "\": after x comes a number of days, 1 to " + std::to_string(kMaxSeriesDays);
      }
      count = static_cast<std::size_t>(*n);
    }
    if (out.size() + count > kMaxSeriesDays) {
      return "more than " + std::to_string(kMaxSeriesDays) + " days";
    }
    if (head == "_") {
      out.insert(out.end(), count, std::nullopt);
      continue;
    }
    // A step is a sign after the first character: "-5" is a number, "5-1" a descent.
    const auto sign = head.find_first_of("+-", 1);
    const auto start = number(std::string_view(head).substr(0, sign));
    const auto step = sign == std::string::npos
                          ? std::optional<double>(0)
                          : number(std::string_view(head).substr(head[sign] == '+' ? sign + 1 : sign));
    if (!start || !step || (sign != std::string::npos && x == std::string::npos)) {
      return "\"" + word + "\" is not a value: write 42000, _ (no value), 31000x3 or 100+10x5";
    }
    for (std::size_t i = 0; i < count; ++i)
      out.emplace_back(*start + *step * static_cast<double>(i));
  }
  if (out.empty()) return std::string("no values: write them separated by spaces, like \"42000 31000x3\"");
  return out;
}

RuleTestReport run_rule_tests(const std::filesystem::path& file, const Config& config) {
  RuleTestReport report;
  const Environment no_environment = [](const std::string&) { return std::optional<std::string>(); };
  Checker c(std::filesystem::absolute(file), no_environment);
  const auto done = [&]() -> RuleTestReport& {
    for (ConfigDiagnostic& d : c.errors) {
      if (d.file.empty()) d.file = file;
    }
    report.errors.insert(report.errors.end(), c.errors.begin(), c.errors.end());
    return report;
  };
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxTestFileBytes) {
    c.errors.push_back(
        {0,
         0,
         ec ? "cannot read the test file: " + ec.message() : "the test file is larger than 4 MiB",
         "",
         {}});
    return done();
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (auto not_utf8 = utf8_diagnostic(text.str(), file)) {
    c.errors.push_back(std::move(*not_utf8));
    return done();
  }
  YAML::Node root;
  try {
    root = YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    c.error(e.mark, "this is not valid YAML: " + e.msg, "check the indentation");
    return done();
  }
  if (!c.map(root, "the test file", {"rule_files", "tests"})) return done();
  std::vector<KpiRule> rules = config.rules;
  if (const YAML::Node files = root["rule_files"]; files.IsDefined()) {
    rules.clear();
    if (!files.IsSequence()) {
      c.error(files, "rule_files must be a list of files", "rule_files: [kpi-rules.yaml]");
      return done();
    }
    for (const auto& item : files) {
      RulesResult loaded = load_rules(c.resolve(item.Scalar()), config.kpis, config.org.departments());
      report.errors.insert(report.errors.end(), loaded.errors.begin(), loaded.errors.end());
      for (KpiRule& r : loaded.rules) {
        if (std::any_of(rules.begin(), rules.end(), [&](const KpiRule& o) { return o.name == r.name; })) {
          c.error(item, "rule " + in_quotes(r.name) + " is in two of the rule files", "rename one of them");
        }
        rules.push_back(std::move(r));
      }
    }
  }
  const YAML::Node tests = root["tests"];
  if (!tests.IsSequence() || tests.size() == 0 || tests.size() > kMaxTests) {
    c.error(tests.IsDefined() ? tests : root, "the test file needs tests: a list of 1 to 1000 tests",
            "see `baton rules test --help` and deploy/examples/kpi-rules.test.yaml");
    return done();
  }
  std::vector<RuleTest> parsed;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (auto test = read_test(c, tests[i], "tests[" + std::to_string(i) + "]", config, rules))
      parsed.push_back(std::move(*test));
  }
  if (!c.errors.empty() || !report.errors.empty()) return done();
  for (const RuleTest& test : parsed) {
    ++report.tests;
    const std::string differences = run_test(test, config, rules);
    if (differences.empty()) {
      report.text += "PASS  " + test.name + "\n";
    } else {
      ++report.failed;
      report.text += "FAIL  " + test.name + "\n" + differences;
    }
  }
  report.text += std::to_string(report.tests) + (report.tests == 1 ? " test, " : " tests, ") +
                 std::to_string(report.failed) + " failed\n";
  return report;
}

}  // namespace baton
