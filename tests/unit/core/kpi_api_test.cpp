// KPI points in the store (replacement with history, all or nothing) and the KPI API's answers.
#include "bot/core/kpis/kpi_api.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/kpis/ingest.hpp"
#include "tests/support/async.hpp"
#include "tests/support/kpi_fixtures.hpp"
#include "tests/support/stores.hpp"

using namespace baton;
using nlohmann::json;

namespace {

struct ApiRig {
  test::TempDir dir;
  ManualClock clock{*parse_iso8601("2026-11-22T12:00:00Z")};
  LiveConfig config{std::make_shared<const Config>(test::kpi_config(dir))};
  std::string kind = GENERATE(from_range(test::store_kinds()));  // each test on each store
  std::unique_ptr<Store> owned = test::open_store(kind, dir, clock);
  Store& store = *owned;
  boost::asio::io_context io;
  StoreExecutor executor{store, io.get_executor()};
  Router router;
  std::vector<std::set<std::string>> told;

  ApiRig() {
    add_kpi_routes(router,
                   {config, executor, clock, [this](const std::set<std::string>& k) { told.push_back(k); }});
  }

  HttpResponse call(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::string& token = test::kShopToken) {
    HttpRequest request;
    request.method = method;
    request.target = target;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    if (!token.empty()) request.headers.emplace_back("authorization", "Bearer " + token);
    request.headers.emplace_back("content-type", "application/json");
    request.body = body;
    const Router::Match match = router.match(method, request.path);
    REQUIRE(match.handler != nullptr);
    request.params = match.params;
    return test::run_sync(io, (*match.handler)(request, Log::discard()));
  }

  HttpResponse post(const json& points, const std::string& token = test::kShopToken) {
    return call("POST", "/api/v1/kpis", json{{"points", points}}.dump(), token);
  }
};

}  // namespace

TEST_CASE("writing a KPI's day again replaces its value and keeps the old one", "[kpis][store]") {
  test::TempDir dir;
  ManualClock clock(*parse_iso8601("2026-11-22T12:00:00Z"));
  const std::string kind = GENERATE(from_range(test::store_kinds()));
  const auto owned = test::open_store(kind, dir, clock);
  Store& store = *owned;
  const SysTime first = clock.now();
  const KpiWriteResult a = store.put_kpi_points(
      {{"revenue", "2026-11-20", 100}, {"revenue", "2026-11-21", 110}}, "api:shop", first);
  CHECK(a.stored == 2);
  const KpiWriteResult b =
      store.put_kpi_points({{"revenue", "2026-11-20", 120}, {"revenue", "2026-11-21", 110}}, "csv:fix.csv",
                           first + std::chrono::hours(1));
  CHECK(b.stored == 0);
  CHECK(b.replaced == 1);
  CHECK(b.unchanged == 1);
  const auto points = store.kpi_points("revenue", "2026-11-01", "2026-11-30");
  REQUIRE(points.size() == 2);
  CHECK(points[0].point.value == 120);
  CHECK(points[0].source == "csv:fix.csv");
  const auto history = store.kpi_point_history("revenue", "2026-11-20");
  REQUIRE(history.size() == 1);
  CHECK(history[0].before.point.value == 100);
  CHECK(history[0].before.source == "api:shop");
  CHECK(history[0].replaced_by == 120);
  CHECK(history[0].replaced_by_source == "csv:fix.csv");
  CHECK(store.kpi_points("", "2026-11-21", "2026-11-21").size() == 1);
}

TEST_CASE("the KPI API stores a good batch and says how many points it took", "[kpis][api]") {
  ApiRig rig;
  const HttpResponse response =
      rig.post(json::array({{{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 12345.6}},
                            {{"kpi", "conversion"}, {"at", "2026-11-20T22:30:00Z"}, {"value", 2.1}}}));
  REQUIRE(response.status == 200);
  CHECK(json::parse(response.body) ==
        json{{"accepted", 2}, {"stored", 2}, {"replaced", 0}, {"unchanged", 0}});
  CHECK(rig.store.kpi_points("conversion", "2026-11-20", "2026-11-21").at(0).point.day == "2026-11-20");
  CHECK(rig.store.kpi_points("revenue", "2026-11-20", "2026-11-20").at(0).source == "api:shop");
  REQUIRE(rig.told.size() == 1);
  CHECK(rig.told[0] == std::set<std::string>{"revenue", "conversion"});
  // The same again changes nothing and wakes no rule.
  CHECK(json::parse(rig.post(json::array({{{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 12345.6}}}))
                        .body)["unchanged"] == 1);
  CHECK(rig.told.size() == 1);
}

TEST_CASE("the KPI API names every bad point and stores none of the batch", "[kpis][api]") {
  ApiRig rig;
  const HttpResponse response = rig.post(json::array({
      {{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 1}},
      {{"kpi", "revnue"}, {"at", "2026-11-20"}, {"value", 1}},
      {{"kpi", "revenue"}, {"at", "20/11/2026"}, {"value", 1}},
      {{"kpi", "revenue"}, {"at", "2026-11-21"}, {"value", "12"}},
      "revenue",
      {{"kpi", "revenue"}, {"at", "2026-11-21"}, {"value", 1}, {"unit", "EUR"}},
  }));
  REQUIRE(response.status == 400);
  const json body = json::parse(response.body);
  REQUIRE(body["errors"].size() == 5);
  CHECK(body["errors"][0]["index"] == 1);
  CHECK(body["errors"][0]["error"].get<std::string>().find("did you mean \"revenue\"") != std::string::npos);
  CHECK(body["errors"][1]["index"] == 2);
  CHECK(body["errors"][2]["error"].get<std::string>().find("value must be a number, not string") !=
        std::string::npos);
  CHECK(body["errors"][3]["index"] == 4);
  CHECK(body["errors"][4]["error"].get<std::string>().find("unknown field \"unit\"") != std::string::npos);
  CHECK(rig.store.kpi_points("", "2026-01-01", "2026-12-31").empty());
  CHECK(rig.told.empty());

  const HttpResponse twice =
      rig.post(json::array({{{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 1}},
                            {{"kpi", "revenue"}, {"at", "2026-11-20T10:00:00Z"}, {"value", 2}}}));
  CHECK(twice.status == 400);
  CHECK(twice.body.find("the same kpi and day as point 0") != std::string::npos);
}

TEST_CASE("the KPI API refuses a missing or wrong token, and a KPI the token may not write", "[kpis][api]") {
  ApiRig rig;
  const json points = json::array({{{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 1}}});
  const HttpResponse none = rig.post(points, "");
  CHECK(none.status == 401);
  CHECK(std::find(none.headers.begin(), none.headers.end(),
                  std::pair<std::string, std::string>{"WWW-Authenticate", "Bearer realm=\"baton\""}) !=
        none.headers.end());
  CHECK(rig.post(points, "not-a-token").status == 401);
  CHECK(rig.post(points, std::string(test::kShopToken) + "x").status == 401);
  const HttpResponse forbidden = rig.post(points, test::kWarehouseToken);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.body.find("may not write KPI \\\"revenue\\\"") != std::string::npos);
  CHECK(rig.store.kpi_points("", "2026-01-01", "2026-12-31").empty());
}

TEST_CASE("the KPI API refuses bad JSON, an empty or oversized batch", "[kpis][api]") {
  ApiRig rig;
  CHECK(rig.call("POST", "/api/v1/kpis", "{\"points\": [").status == 400);
  CHECK(rig.call("POST", "/api/v1/kpis", "[1, 2]").body.find("{\\\"points\\\": [...]}") != std::string::npos);
  CHECK(rig.call("POST", "/api/v1/kpis", std::string(100, '[') + std::string(100, ']'))
            .body.find("nests deeper") != std::string::npos);
  CHECK(rig.post(json::array()).status == 400);
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxPointsPerBatch; ++i)
    many.push_back({{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 1}});
  const HttpResponse big = rig.post(many);
  CHECK(big.status == 413);
  CHECK(big.body.find("at most 10000 points") != std::string::npos);
}

TEST_CASE("each KPI API token is held to rate_limits.kpi_api with 429 and Retry-After",
          "[kpis][api][limits]") {
  ApiRig rig;
  Config limited = *rig.config.get();
  limited.rate_limits.kpi_api = RateLimit{3, std::chrono::minutes(1)};
  rig.config.set(std::make_shared<const Config>(std::move(limited)));
  const json points = json::array({{{"kpi", "revenue"}, {"at", "2026-11-20"}, {"value", 1}}});
  CHECK(rig.post(points).status == 200);
  CHECK(rig.call("GET", "/api/v1/kpis/revenue?from=2026-11-01&to=2026-11-30").status == 200);
  CHECK(rig.post(points).status == 200);
  // Reads and writes share the token's allowance: the fourth request waits for its share of the minute.
  const HttpResponse refused = rig.post(points);
  CHECK(refused.status == 429);
  CHECK(json::parse(refused.body) ==
        json{{"error", "rate_limited"},
             {"message", "this token is limited to 3/min requests: retry after 20 s"}});
  CHECK(std::find(refused.headers.begin(), refused.headers.end(),
                  std::pair<std::string, std::string>{"Retry-After", "20"}) != refused.headers.end());
  // Another token has its own allowance; a wrong token is refused for what it is, not counted.
  CHECK(rig.call("GET", "/api/v1/kpis/revenue?from=2026-11-01&to=2026-11-30", "", test::kWarehouseToken)
            .status == 200);
  CHECK(rig.post(points, "not-a-token").status == 401);
  rig.clock.advance(std::chrono::seconds(20));
  CHECK(rig.post(points).status == 200);
  CHECK(rig.post(points).status == 429);
}

TEST_CASE("the KPI API reads a series by day, week or month, with targets", "[kpis][api]") {
  ApiRig rig;
  json points = json::array();
  for (int day = 16; day <= 22; ++day)
    points.push_back(
        {{"kpi", "revenue"}, {"at", "2026-11-" + std::to_string(day)}, {"value", 1000 * (day - 15)}});
  REQUIRE(rig.post(points).status == 200);
  const HttpResponse days =
      rig.call("GET", "/api/v1/kpis/revenue?from=2026-11-20&to=2026-11-22", {}, test::kWarehouseToken);
  REQUIRE(days.status == 200);
  const json body = json::parse(days.body);
  CHECK(body["unit"] == "EUR");
  CHECK(body["name"]["fr"] == "Chiffre d'affaires");
  CHECK(body["points"] == json::array({{{"start", "2026-11-20"}, {"value", 5000.0}, {"target", 40000.0}},
                                       {{"start", "2026-11-21"}, {"value", 6000.0}, {"target", 40000.0}},
                                       {{"start", "2026-11-22"}, {"value", 7000.0}, {"target", 40000.0}}}));
  const json weeks = json::parse(rig.call("GET", "/api/v1/kpis/revenue?from=2026-11-16&period=week").body);
  CHECK(weeks["points"] ==
        json::array({{{"start", "2026-11-16"}, {"value", 28000.0}, {"target", 280000.0}}}));
  CHECK(rig.call("GET", "/api/v1/kpis/revenue?period=year").status == 400);
  CHECK(rig.call("GET", "/api/v1/kpis/revenue?from=2026-13-01").status == 400);
  CHECK(rig.call("GET", "/api/v1/kpis/revenue?from=2026-11-22&to=2026-11-01").status == 400);
  CHECK(rig.call("GET", "/api/v1/kpis/profit").status == 404);
  CHECK(rig.call("GET", "/api/v1/kpis/revenue", {}, "").status == 401);
  // A date that is not UTF-8 once decoded is quoted back as U+FFFD in valid JSON (found by fuzzing: the
  // answer threw, a 500 through the server).
  const auto garbled = rig.call("GET", "/api/v1/kpis/revenue?from=%E31-");
  CHECK(garbled.status == 400);
  const json said = json::parse(garbled.body, nullptr, false);
  REQUIRE_FALSE(said.is_discarded());
  const std::string replacement_character = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
  CHECK_THAT(said.value("message", ""), Catch::Contains(replacement_character + "1-"));
}
