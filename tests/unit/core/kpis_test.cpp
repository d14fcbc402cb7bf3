// KPIs in the config, the rules file, values formatted per language, CSV and point intake, summaries and
// rule unit tests.
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/kpis/csv.hpp"
#include "bot/core/kpis/csv_import.hpp"
#include "bot/core/kpis/format.hpp"
#include "bot/core/kpis/ingest.hpp"
#include "bot/core/kpis/rule_tests.hpp"
#include "bot/core/kpis/summary.hpp"
#include "tests/support/kpi_fixtures.hpp"

using namespace baton;

namespace {

std::string all_errors(const std::vector<ConfigDiagnostic>& errors) {
  return format_diagnostics("baton.yaml", errors);
}

RulesResult rules_of(const Config& config, const std::string& yaml) {
  return parse_rules(yaml, "/tmp/rules.yaml", config.kpis, config.org.departments());
}

SysTime noon(const char* day) {
  return *parse_iso8601(std::string(day) + "T12:00:00Z");
}

}  // namespace

TEST_CASE("KPIs are read with their units, targets, rollups, owners and tokens", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  REQUIRE(config.kpis.size() == 4);
  const KpiDefinition& revenue = *config.kpi("revenue");
  CHECK(revenue.name.fr == "Chiffre d'affaires");
  CHECK(revenue.unit == rules::Unit::money("EUR"));
  CHECK(revenue.rollup == rules::Rollup::sum);  // an amount adds up
  CHECK(revenue.target(rules::Period::week) == 280000);
  CHECK_FALSE(revenue.target(rules::Period::month));
  CHECK(revenue.target_period() == rules::Period::day);
  const KpiDefinition& conversion = *config.kpi("conversion");
  CHECK(conversion.rollup == rules::Rollup::average);  // a rate does not
  CHECK(conversion.target(rules::Period::month) == 2.5);
  CHECK(config.kpi("stock-sku-123")->direction == Direction::lower_is_better);
  CHECK(config.kpi("logistics-sla")->builtin == BuiltinKpi::handoff_sla_compliance);
  CHECK(config.kpi("logistics-sla")->unit == rules::Unit::percent());
  REQUIRE(config.kpi_tokens.size() == 2);
  CHECK(config.kpi_tokens[0].allows("revenue"));
  CHECK_FALSE(config.kpi_tokens[0].allows("stock-sku-123"));
  CHECK(config.kpi_tokens[0].token.reveal() == test::kShopToken);
}

TEST_CASE("the rules file loads with the config, checked against its KPIs", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  REQUIRE(config.rules.size() == 2);
  const KpiRule& revenue = *config.rule("revenue-below-target");
  CHECK(revenue.hold_for == std::chrono::hours(48));
  CHECK(revenue.routes == std::vector<std::string>{"customer-service"});  // the KPI's owner by default
  CHECK(revenue.kpi == "revenue");
  CHECK(revenue.value_unit == rules::Unit::money("EUR"));
  CHECK(revenue.kpis == std::set<std::string>{"revenue"});
  const KpiRule& stock = *config.rule("stock-low");
  CHECK(stock.severity == Severity::critical);
  CHECK(stock.routes == std::vector<std::string>{"logistics", "customer-service"});
  CHECK(stock.open_handoff);
}

TEST_CASE("a bad KPI section is reported entry by entry", "[kpis]") {
  const std::string yaml = std::string(test::kTeamYaml) + R"(
kpis:
  - key: revenue
    unit: euros
    department: sales
  - key: revenue
    unit: currency:EUR
    target: 40000
    department: logistics
  - key: sla
    builtin: handoff_sla_compliance
    unit: percent
    department: logistics
  - key: orders
    unit: count
    targets: {day: lots, year: 3}
    department: logistics
kpi_api:
  tokens:
    - {name: shop, token_env: KPI_TOKEN_SHOP, kpis: [revenu, sla]}
)";
  const ConfigResult result = parse_config(yaml, "/tmp/baton.yaml", test::kpi_environment());
  const std::string errors = all_errors(result.errors);
  CHECK(errors.find("unit \"euros\" is not a unit") != std::string::npos);
  CHECK(errors.find(".department \"sales\" is not a department") != std::string::npos);
  CHECK(errors.find("KPI \"revenue\" is listed twice") != std::string::npos);
  CHECK(errors.find("adds its days up (rollup: sum), so one target cannot fit") != std::string::npos);
  CHECK(errors.find("is built in (handoff_sla_compliance): its unit is %") != std::string::npos);
  CHECK(errors.find("target \"lots\" is not a number") != std::string::npos);
  CHECK(errors.find("unknown key \"year\"") != std::string::npos);
  CHECK(errors.find("\"revenu\" is not a KPI") != std::string::npos);
  CHECK(errors.find("did you mean \"revenue\"?") != std::string::npos);
  CHECK(errors.find("\"sla\" is computed by baton and cannot be written") != std::string::npos);
}

TEST_CASE("a rules file that is a text or a list, not a map, is an error, not a crash", "[kpis]") {
  // Found by fuzzing: pointing the error at "rules" in a scalar threw out of the checker.
  for (const char* yaml : {"a < 1 or c == 3", "- one\n- two\n", "42"}) {
    INFO(yaml);
    const RulesResult result = parse_rules(yaml, "/tmp/rules.yaml", {}, {});
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message == "the rules file must hold rules: a list of rules");
  }
}

TEST_CASE("a rule's expression error points at its line and column, with a caret", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir, "");
  SECTION("unknown KPI") {
    const auto result = rules_of(config, "rules:\n  - name: a\n    expr: avg(revenu, 7d) < 100 EUR\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].line == 3);
    CHECK(result.errors[0].column == 15);  // "revenu", after "    expr: avg("
    CHECK(result.errors[0].message.find("unknown KPI \"revenu\"") != std::string::npos);
    CHECK(result.errors[0].message.find("\n    avg(revenu, 7d) < 100 EUR\n        ^ here") !=
          std::string::npos);
    CHECK(result.errors[0].file == "/tmp/rules.yaml");
  }
  SECTION("euros compared with a percentage, in a quoted expression") {
    const auto result = rules_of(config, "rules:\n  - name: a\n    expr: \"last(revenue) < 95%\"\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].column == 12);  // the quote shifts it by one
    CHECK(result.errors[0].message.find("percentage") != std::string::npos);
  }
  SECTION("a parse error") {
    const auto result = rules_of(config, "rules:\n  - name: a\n    expr: last(revenue) <\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].line == 3);
  }
  SECTION("not a condition") {
    const auto result = rules_of(config, "rules:\n  - name: a\n    expr: last(revenue) * 2\n");
    REQUIRE(result.errors.size() == 1);
  }
  SECTION("a parse error is said alone, not followed by what it hides (the KPI's target, in each language)") {
    const auto result =
        rules_of(config,
                 "rules:\n  - name: a\n    expr: attainment(revenue) < < 90%\n    summary:\n"
                 "      en: \"{{kpi.name}} at {{target}}\"\n      fr: \"{{kpi.name}} à {{target}}\"\n");
    INFO(all_errors(result.errors));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].line == 3);
  }
}

TEST_CASE("a rule's other fields are checked: name, for, severity, route, summary, labels", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir, "");
  const auto result = rules_of(config, R"(rules:
  - name: Revenue Drop
    expr: last(revenue) < 100
  - name: ok
    expr: last(revenue) < 100
  - name: ok
    expr: last(stock-sku-123) < 3
    for: soon
    severity: urgent
    route: [logistic]
    summary: "{{value}} of {{kpi.name}}, target {{target}}, {{owner}}"
    labels: {Team: x}
    open_handoff: yes
)");
  const std::string errors = all_errors(result.errors);
  CHECK(result.rules.empty());
  CHECK(errors.find("name \"Revenue Drop\" is not a rule name") != std::string::npos);
  CHECK(errors.find("rule \"ok\" is listed twice") != std::string::npos);
  CHECK(errors.find("for is not a duration: \"soon\"") != std::string::npos);
  CHECK(errors.find("severity must be info, warning or critical, not \"urgent\"") != std::string::npos);
  CHECK(errors.find("route \"logistic\" is not a department") != std::string::npos);
  CHECK(errors.find("did you mean \"logistics\"?") != std::string::npos);
  CHECK(errors.find("unknown placeholder {{owner}}") != std::string::npos);
  CHECK(errors.find("shows {{target}}, but KPI \"stock-sku-123\" has no target") != std::string::npos);
  CHECK(errors.find("\"Team\" is not a label name") != std::string::npos);
  CHECK(errors.find("open_handoff must be true or false") != std::string::npos);
  CHECK(errors.find("/tmp/rules.yaml:2:11: error:") != std::string::npos);
}

TEST_CASE("a rules file that is not a list of rules says what it should be", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir, "");
  CHECK(all_errors(rules_of(config, "- name: a\n").errors).find("must hold rules: a list") !=
        std::string::npos);
  CHECK(all_errors(rules_of(config, "rules: [\n").errors).find("not valid YAML") != std::string::npos);
  CHECK(all_errors(rules_of(config, "rule:\n  - name: a\n").errors).find("did you mean \"rules\"?") !=
        std::string::npos);
  // Through the config, a missing rules file is named.
  const ConfigResult missing = test::kpi_config_result(dir, "alerts:\n  rules_file: nowhere.yaml\n", "");
  CHECK(all_errors(missing.errors).find("cannot read the rules file") != std::string::npos);
}

TEST_CASE("values are formatted in the reader's language and the KPI's unit", "[kpis]") {
  using rules::Unit;
  CHECK(format_kpi_value(12345.6, Unit::money("EUR"), Locale::en) == "€12,345.60");
  CHECK(format_kpi_value(12345.6, Unit::money("EUR"), Locale::fr) == "12\u202F345,60\u00A0€");
  CHECK(format_kpi_value(40000, Unit::money("EUR"), Locale::en) == "€40,000");
  CHECK(format_kpi_value(-1200, Unit::money("USD"), Locale::en) == "-$1,200");
  CHECK(format_kpi_value(99, Unit::money("CHF"), Locale::en) == "99 CHF");
  CHECK(format_kpi_value(95.25, Unit::percent(), Locale::en) == "95.3%");
  CHECK(format_kpi_value(95, Unit::percent(), Locale::fr) == "95\u00A0%");
  CHECK(format_kpi_value(1234567, Unit::count(), Locale::en) == "1,234,567");
  CHECK(format_kpi_value(150, Unit::duration(), Locale::en) == "2h 30m");
  CHECK(format_kpi_value(45, Unit::duration(), Locale::fr) == "45\u00A0min");
  CHECK(format_kpi_value(0.125, Unit::number(), Locale::en) == "0.13");
  CHECK(format_change(12.5, Locale::en) == "+12.5%");
  CHECK(format_kpi_value(4e20, Unit::percent(), Locale::en) == "4e+20");  // no overflow
  CHECK(format_change(-3, Locale::fr) == "-3,0\u00A0%");
}

TEST_CASE("CSV is read as spreadsheets write it", "[kpis][csv]") {
  const auto rows = std::get<std::vector<CsvRow>>(parse_csv(
      "\xEF\xBB\xBFkpi,at,value\r\nrevenue,2026-11-20,\"12,5\"\r\n\r\n\"a \"\"b\"\"\",\"x\ny\",3\n"));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == std::vector<std::string>{"kpi", "at", "value"});
  CHECK(rows[1].fields == std::vector<std::string>{"revenue", "2026-11-20", "12,5"});
  CHECK(rows[2].line == 4);  // the blank line 3 is skipped
  CHECK(rows[2].fields == std::vector<std::string>{"a \"b\"", "x\ny", "3"});
  CHECK(std::get<CsvError>(parse_csv("a,b\n\"open,c\n")).line == 2);
  CHECK(std::get<CsvError>(parse_csv("\"a\"b,c\n")).message.find("after a closing quote") !=
        std::string::npos);
}

TEST_CASE("a CSV wider or longer than the limits is refused with the line and the limit",
          "[kpis][csv][limits]") {
  std::string wide = "kpi,at,value\n";
  for (int i = 0; i < 51; ++i)
    wide += (i == 0 ? "" : ",") + std::to_string(i);
  const CsvError too_wide = std::get<CsvError>(parse_csv(wide + "\n"));
  CHECK(too_wide.line == 2);
  CHECK(too_wide.message == "more than 50 columns");
  std::string fifty = "a";
  for (int i = 1; i < 50; ++i)
    fifty += ",a";
  CHECK(std::holds_alternative<std::vector<CsvRow>>(parse_csv(fifty + "\n")));

  std::string long_file;
  long_file.reserve(kMaxCsvRows * 4);
  for (std::size_t i = 0; i <= kMaxCsvRows; ++i)
    long_file += "a,1\n";
  const CsvError too_long = std::get<CsvError>(parse_csv(long_file));
  CHECK(too_long.message == "more than 100000 rows: split the file");
  long_file.resize(long_file.size() - 4);  // one row fewer: read
  CHECK(std::get<std::vector<CsvRow>>(parse_csv(long_file)).size() == kMaxCsvRows);
}

TEST_CASE("a point's day comes from a date, or an instant in the department's time zone", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  const KpiIntake intake(config, noon("2026-11-22"));
  // 23:30 UTC on the 20th is already the 21st in Paris.
  CHECK(std::get<KpiPoint>(intake.point("revenue", "2026-11-20T23:30:00Z", 10)).day == "2026-11-21");
  CHECK(std::get<KpiPoint>(intake.point("revenue", "2026-11-20", 10)).day == "2026-11-20");
  CHECK(std::get<KpiPoint>(intake.point("revenue", "2026-11-23", 10)).day ==
        "2026-11-23");  // a day ahead is fine
  CHECK(std::get<std::string>(intake.point("revenue", "2026-11-25", 10)).find("in the future") !=
        std::string::npos);
  CHECK(std::get<std::string>(intake.point("revenue", "2026-02-30", 10)).find("is not a date") !=
        std::string::npos);
  CHECK(std::get<std::string>(intake.point("revenue", "yesterday", 10)).find("neither a date") !=
        std::string::npos);
  CHECK(std::get<std::string>(intake.point("revenu", "2026-11-20", 10)).find("did you mean \"revenue\"") !=
        std::string::npos);
  CHECK(std::get<std::string>(intake.point("logistics-sla", "2026-11-20", 10)).find("computed by baton") !=
        std::string::npos);
  CHECK(std::get<std::string>(intake.point("revenue", "2026-11-20", 1e300)).find("finite") !=
        std::string::npos);
  CHECK(parse_kpi_value("95,5 %", rules::Unit::percent()) == 95.5);
  CHECK(parse_kpi_value("+12", rules::Unit::count()) == 12);
  CHECK_FALSE(parse_kpi_value("95%", rules::Unit::count()));
  CHECK_FALSE(parse_kpi_value("1 200", rules::Unit::count()));
}

TEST_CASE("a CSV import names every bad line and keeps no point when one is bad", "[kpis][csv]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  const KpiIntake intake(config, noon("2026-11-22"));
  SECTION("all good") {
    const KpiImport read =
        read_kpi_csv("value,kpi,at\n12.5,revenue,2026-11-20\n3,stock-sku-123,2026-11-20\n", intake);
    CHECK(read.errors.empty());
    CHECK(read.points ==
          std::vector<KpiPoint>{{"revenue", "2026-11-20", 12.5}, {"stock-sku-123", "2026-11-20", 3}});
  }
  SECTION("bad lines") {
    const KpiImport read = read_kpi_csv(
        "kpi,at,value\nrevenue,2026-11-20,10\nrevnue,2026-11-20,1\nrevenue,2026-11-21,ten\nrevenue,2026-11-"
        "20,11\n"
        "revenue,2026-11-21\n",
        intake);
    CHECK(read.points.empty());
    REQUIRE(read.errors.size() == 4);
    CHECK(read.errors[0].line == 3);
    CHECK(read.errors[0].message.find("unknown KPI \"revnue\"") != std::string::npos);
    CHECK(read.errors[1].line == 4);
    CHECK(read.errors[1].message.find("\"ten\" is not a number") != std::string::npos);
    CHECK(read.errors[2].line == 5);
    CHECK(read.errors[2].message.find("same KPI and day as line 2") != std::string::npos);
    CHECK(read.errors[3].line == 6);
    CHECK(read.errors[3].message.find("2 fields") != std::string::npos);
  }
  SECTION("a header without the columns") {
    const KpiImport read = read_kpi_csv("name,date,amount\nrevenue,2026-11-20,10\n", intake);
    REQUIRE(read.errors.size() == 1);
    CHECK(read.errors[0].message.find("no column kpi") != std::string::npos);
  }
  SECTION("empty") {
    CHECK(read_kpi_csv("", intake).errors.at(0).message.find("empty") != std::string::npos);
    CHECK(read_kpi_csv("kpi,at,value\n", intake).errors.at(0).message.find("no points") != std::string::npos);
  }
}

TEST_CASE("an alert's summary fills its template in the reader's language", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  const KpiRule& rule = *config.rule("revenue-below-target");
  const KpiDefinition* revenue = config.kpi("revenue");
  CHECK(render_summary(rule, revenue, 31000, 40000, Locale::en) == "Revenue at €31,000, target €40,000");
  CHECK(render_summary(rule, revenue, 31000, 40000, Locale::fr) ==
        "Chiffre d'affaires à 31\u202F000\u00A0€, objectif 40\u202F000\u00A0€");
  CHECK(render_summary(rule, revenue, std::nullopt, 40000, Locale::en) ==
        "Revenue at no value, target €40,000");
  const KpiRule& stock = *config.rule("stock-low");  // no summary written: the default one
  CHECK(render_summary(stock, config.kpi("stock-sku-123"), 4, std::nullopt, Locale::en) ==
        "stock-sku-123: 4");
  CHECK(render_summary(stock, config.kpi("stock-sku-123"), 4, std::nullopt, Locale::fr) ==
        "stock-sku-123 : 4");
}

TEST_CASE("series values for rule tests: numbers, gaps, repeats and steps", "[kpis]") {
  using Values = std::vector<std::optional<double>>;
  CHECK(std::get<Values>(parse_series_values("1 _ 2x2 10+5x3 3-1x2 -4")) ==
        Values{1, std::nullopt, 2, 2, 10, 15, 20, 3, 2, -4});
  CHECK(std::get<Values>(parse_series_values("_x2")) == Values{std::nullopt, std::nullopt});
  CHECK(std::get<std::string>(parse_series_values("1x0")).find("number of days") != std::string::npos);
  CHECK(std::get<std::string>(parse_series_values("abc")).find("is not a value") != std::string::npos);
  CHECK(std::get<std::string>(parse_series_values("1+2")).find("is not a value") != std::string::npos);
  CHECK(std::get<std::string>(parse_series_values("1x9999")).find("1 to 3000") != std::string::npos);
  CHECK(std::holds_alternative<std::string>(parse_series_values("  ")));
}

TEST_CASE("rule tests pass, fail with the difference, and refuse a bad test file", "[kpis]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  const auto tests = dir.write("rules.test.yaml", R"(tests:
  - name: two days under 80% of target fire
    series:
      revenue: {from: 2026-11-02, values: "42000 31000x3 45000"}
    expect:
      - {at: 2026-11-03, rule: revenue-below-target, state: pending, value: 31000}
      - {at: 2026-11-05, rule: revenue-below-target, state: firing,
         summary: "Revenue at €31,000, target €40,000"}
      - {at: 2026-11-06, rule: revenue-below-target, state: resolved}
  - name: a wrong expectation
    series:
      stock-sku-123: {from: 2026-11-02, values: "50 8"}
    expect:
      - {at: 2026-11-03, rule: stock-low, state: pending, value: 9}
)");
  const RuleTestReport report = run_rule_tests(tests, config);
  REQUIRE(report.errors.empty());
  CHECK(report.tests == 2);
  CHECK(report.failed == 1);
  CHECK(report.text.find("PASS  two days under 80% of target fire\n") != std::string::npos);
  CHECK(report.text.find("FAIL  a wrong expectation\n"
                         "    2026-11-03 stock-low: expected pending, got firing (value 8)\n"
                         "    2026-11-03 stock-low: expected value 9, got 8\n") != std::string::npos);
  CHECK(report.text.find("2 tests, 1 failed") != std::string::npos);

  const auto bad = dir.write("bad.test.yaml", R"(tests:
  - name: x
    series:
      revenu: {from: 2026-11-02, values: "1"}
    expect:
      - {at: 2026-11-03, rule: nope, state: burning}
)");
  const RuleTestReport refused = run_rule_tests(bad, config);
  const std::string errors = all_errors(refused.errors);
  CHECK(errors.find("\"revenu\" is not a KPI of the config") != std::string::npos);
  CHECK(errors.find("rule \"nope\" is not a rule of the rules tested") != std::string::npos);
  CHECK(errors.find("state must be inactive, pending, firing or resolved, not \"burning\"") !=
        std::string::npos);
}
