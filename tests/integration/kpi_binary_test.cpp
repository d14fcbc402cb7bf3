// KPIs through the real binary: the CSV import, the rules commands on the example config, and the KPI
// API over HTTP.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/binary.hpp"
#include "tests/support/http_client.hpp"

using namespace baton;
using nlohmann::json;

namespace {

const std::string kExamples = std::string(BATON_SOURCE_DIR) + "/deploy/examples/";

test::Completed baton_run(const std::vector<std::string>& args, const test::TempDir& dir) {
  std::vector<std::string> full = args;
  full.insert(full.end(), {"--config", BATON_EXAMPLE_CONFIG, "--store", (dir / "baton.db").string()});
  return test::run_to_end(BATON_BINARY, full);
}

}  // namespace

TEST_CASE("kpi import stores a good CSV and nothing of a bad one, naming each bad line", "[binary][kpis]") {
  test::TempDir dir;
  const auto bad = dir.write("bad.csv",
                             "kpi,at,value\nrevenue,2026-11-02,6500\nrevnue,2026-11-03,1\n"
                             "orders,2026-11-03,many\n");
  const auto refused = baton_run({"kpi", "import", bad.string()}, dir);
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err,
             Catch::Contains(bad.string() + ":3: error: unknown KPI \"revnue\": did you mean \"revenue\"?"));
  CHECK_THAT(refused.err, Catch::Contains(bad.string() + ":4: error: the value \"many\" is not a number"));
  CHECK_THAT(refused.err, Catch::Contains("2 errors in " + bad.string() + "; nothing was stored"));

  // Revenue under 80% of its 6,000 target from the 3rd: the example rule fires on the 5th.
  const auto good = dir.write("sales.csv",
                              "kpi,at,value\nrevenue,2026-11-02,6500\nrevenue,2026-11-03,4200\n"
                              "revenue,2026-11-04,4300\nrevenue,2026-11-05,4100\n"
                              "revenue,2026-11-06,6800\n");
  const auto dry = baton_run({"kpi", "import", "--dry-run", good.string()}, dir);
  CHECK(dry.status == 0);
  CHECK_THAT(dry.out, Catch::Contains("5 points would be stored (--dry-run: nothing was)"));
  const auto stored = baton_run({"kpi", "import", good.string()}, dir);
  CHECK(stored.status == 0);
  CHECK_THAT(stored.out, Catch::Contains("5 points stored (5 new, 0 replaced, 0 unchanged)"));
  const auto again = baton_run({"kpi", "import", good.string()}, dir);
  CHECK_THAT(again.out, Catch::Contains("(0 new, 0 replaced, 5 unchanged)"));

  const auto backtest = baton_run({"rules", "backtest", "--from", "2026-11-01", "--to", "2026-11-10"}, dir);
  CHECK(backtest.status == 0);
  CHECK(backtest.out ==
        "2026-11-04T00:00:00.000Z revenue-below-target pending 70\n"
        "2026-11-06T00:00:00.000Z revenue-below-target firing 68.3333\n"
        "2026-11-07T00:00:00.000Z revenue-below-target resolved 113.333\n"
        "2026-11-08T00:00:00.000Z revenue-below-target inactive -\n");
  const auto one =
      baton_run({"rules", "backtest", "--from", "2026-11-01", "--to", "2026-11-10", "--rule", "nope"}, dir);
  CHECK(one.status == 2);
  CHECK_THAT(one.err, Catch::Contains("there is no rule named nope"));
  CHECK(baton_run({"rules", "backtest", "--from", "2026-11-31", "--to", "2026-12-01"}, dir).status == 2);
}

TEST_CASE("rules check and rules test pass the example rules, and fail what is wrong", "[binary][kpis]") {
  test::TempDir dir;
  const auto check = baton_run({"rules", "check"}, dir);
  CHECK(check.status == 0);
  CHECK_THAT(check.out, Catch::Contains("kpi-rules.yaml: OK — 6 rules reading 6 KPIs"));
  const auto tests = baton_run({"rules", "test", kExamples + "kpi-rules.test.yaml"}, dir);
  INFO(tests.out << tests.err);
  CHECK(tests.status == 0);
  CHECK_THAT(tests.out, Catch::Contains("6 tests, 0 failed"));

  const auto bad_rules = dir.write("bad-rules.yaml", "rules:\n  - name: x\n    expr: last(revenue) > 95%\n");
  const auto refused = baton_run({"rules", "check", bad_rules.string()}, dir);
  CHECK(refused.status == 2);
  CHECK_THAT(refused.err, Catch::Contains(bad_rules.string() + ":3:"));
  CHECK_THAT(refused.err, Catch::Contains("last(revenue) > 95%"));

  const auto failing =
      dir.write("failing.test.yaml",
                "rule_files: [" + kExamples +
                    "kpi-rules.yaml]\n"
                    "tests:\n  - name: stock-outs at four\n    series:\n"
                    "      stockouts: {from: 2026-11-02, values: \"4\"}\n"
                    "    expect:\n      - {at: 2026-11-02, rule: stockouts-high, state: firing}\n");
  const auto failed = baton_run({"rules", "test", failing.string()}, dir);
  CHECK(failed.status == 2);
  CHECK_THAT(failed.out,
             Catch::Contains("FAIL  stock-outs at four\n"
                             "    2026-11-02 stockouts-high: expected firing, got inactive (value 4)\n"));
}

TEST_CASE("the KPI API over HTTP: a token writes its KPIs, dashboards read series", "[binary][kpis]") {
  test::TempDir secrets;
  const auto token_file = secrets.write("shop.token", "a-long-shop-token-123456\n");
  test::RunningBaton baton(test::kSmallOrg + R"(
kpis:
  - {key: revenue, unit: currency:EUR, targets: {day: 1000}, department: it}
  - {key: uptime, unit: percent, target: 99.9, department: it}
kpi_api:
  tokens:
    - {name: shop, token_file: )" +
                           token_file.string() + R"(, kpis: [revenue]}
)");
  test::HttpConnection c("127.0.0.1", baton.port);
  const std::string auth =
      "Authorization: Bearer a-long-shop-token-123456\r\nContent-Type: application/json\r\n";
  const auto stored = c.request("POST", "/api/v1/kpis",
                                R"({"points":[{"kpi":"revenue","at":"2026-11-20","value":1200.5},)"
                                R"({"kpi":"revenue","at":"2026-11-21T09:00:00+01:00","value":800}]})",
                                auth);
  CHECK(stored.status == 200);
  CHECK(json::parse(stored.body)["accepted"] == 2);
  const auto forbidden = c.request("POST", "/api/v1/kpis",
                                   R"({"points":[{"kpi":"uptime","at":"2026-11-20","value":99}]})", auth);
  CHECK(forbidden.status == 403);
  const auto anonymous = c.request("POST", "/api/v1/kpis", R"({"points":[]})");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.header("www-authenticate") == "Bearer realm=\"baton\"");
  const auto series = c.request("GET", "/api/v1/kpis/revenue?from=2026-11-20&to=2026-11-21", "", auth);
  REQUIRE(series.status == 200);
  CHECK(json::parse(series.body)["points"] ==
        json::array({{{"start", "2026-11-20"}, {"value", 1200.5}, {"target", 1000.0}},
                     {{"start", "2026-11-21"}, {"value", 800.0}, {"target", 1000.0}}}));
}
