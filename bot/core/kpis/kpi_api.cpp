#include "bot/core/kpis/kpi_api.hpp"

#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "bot/core/crypto/hmac.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/kpis/ingest.hpp"
#include "bot/core/limits/rate_limit.hpp"

namespace baton {
namespace {

constexpr std::size_t kMaxNesting = 8;
constexpr int kMaxDaysRead = 3 * 366;

using nlohmann::json;

constexpr std::string_view kSendToken = "send Authorization: Bearer <token> with a token from kpi_api.tokens";
constexpr std::string_view kNoTokens = "the KPI API is off: give kpi_api tokens in the config to turn it on";

HttpResponse unauthorized(std::string_view message) {
  HttpResponse response = HttpResponse::error(401, "unauthorized", message);
  response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"baton\"");
  return response;
}

// The token the request carries, checked against every configured one in constant time.
const KpiApiToken* bearer(const HttpRequest& request, const Config& config) {
  const auto header = request.header("authorization");
  if (!header || header->size() < 7) return nullptr;
  std::string scheme(header->substr(0, 7));
  for (char& c : scheme)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return nullptr;
  const std::string_view given = header->substr(7);
  const KpiApiToken* found = nullptr;
  for (const KpiApiToken& token : config.kpi_tokens) {
    // No early exit: how long this takes says nothing about which token came close.
    if (constant_time_equal(given, token.token.reveal()) && found == nullptr) found = &token;
  }
  return found;
}

// 429 with Retry-After when the token is over rate_limits.kpi_api; each token has its own allowance.
std::optional<HttpResponse> over_rate(RateLimiter& limiter, const KpiApiToken& token, const Config& config,
                                      const Clock& clock, const Log& log) {
  const RateLimit limit = config.rate_limits.kpi_api;
  const auto wait = limiter.take(token.name, clock.monotonic(), limit);
  if (!wait) return std::nullopt;
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(*wait).count();
  log.info("kpi api token over the rate limit", {{"token", token.name}, {"limit", to_string(limit)}});
  HttpResponse response = HttpResponse::error(429, "rate_limited",
                                              "this token is limited to " + to_string(limit) +
                                                  " requests: retry after " + std::to_string(seconds) + " s");
  response.headers.emplace_back("Retry-After", std::to_string(seconds));
  return response;
}

HttpResponse errors_response(int status, const json& errors) {
  return HttpResponse::json_of(status,
                               json{{"error", status == 403 ? "forbidden" : "invalid_points"},
                                    {"message", status == 403 ? "this token may not write some of these KPIs"
                                                              : "no point was stored: fix the points listed"},
                                    {"errors", errors}});
}

// A batch read from the body: the points, or the errors of every bad one (status 400 or 403).
struct Batch {
  std::vector<KpiPoint> points;
  json errors = json::array();
  int status = 200;
};

Batch read_batch(const json& body, const Config& config, const KpiApiToken& token, SysTime now) {
  Batch batch;
  const json& points = body.at("points");
  const KpiIntake intake(config, now);
  json forbidden = json::array();
  for (std::size_t i = 0; i < points.size(); ++i) {
    const json& item = points[i];
    const auto fail = [&](const std::string& error) {
      batch.errors.push_back({{"index", i}, {"error", error}});
    };
    if (!item.is_object()) {
      fail("a point is an object: {\"kpi\": \"revenue\", \"at\": \"2026-11-20\", \"value\": 12345.6}");
      continue;
    }
    for (const auto& [name, value] : item.items()) {
      if (name != "kpi" && name != "at" && name != "value")
        fail("unknown field \"" + name + "\": a point has kpi, at and value");
    }
    if (!item.contains("kpi") || !item["kpi"].is_string()) {
      fail("kpi must be a KPI key, as a string");
      continue;
    }
    const auto key = item["kpi"].get<std::string>();
    const auto kpi = intake.writable_kpi(key);
    if (const auto* error = std::get_if<std::string>(&kpi)) {
      fail(*error);
      continue;
    }
    if (!token.allows(key)) {
      forbidden.push_back({{"index", i}, {"error", "this token may not write KPI \"" + key + "\""}});
      continue;
    }
    if (!item.contains("at") || !item["at"].is_string()) {
      fail("at must be a date (\"2026-11-20\") or an RFC 3339 instant, as a string");
      continue;
    }
    if (!item.contains("value") || !item["value"].is_number()) {
      fail("value must be a number, not " +
           std::string(item.contains("value") ? item["value"].type_name() : "missing"));
      continue;
    }
    auto point = intake.point(key, item["at"].get<std::string>(), item["value"].get<double>());
    if (auto* error = std::get_if<std::string>(&point)) {
      fail(*error);
      continue;
    }
    batch.points.push_back(std::get<KpiPoint>(std::move(point)));
  }
  if (!forbidden.empty()) {
    batch.errors = std::move(forbidden);
    batch.status = 403;
    return batch;
  }
  if (batch.errors.empty()) {
    for (const auto& [later, earlier] : duplicate_points(batch.points)) {
      batch.errors.push_back(
          {{"index", later}, {"error", "the same kpi and day as point " + std::to_string(earlier)}});
    }
  }
  if (!batch.errors.empty()) batch.status = 400;
  return batch;
}

boost::asio::awaitable<HttpResponse> post_points(KpiApi api, RateLimiter& limiter, HttpRequest& request,
                                                 const Log& log) {
  const std::shared_ptr<const Config> config = api.config.get();
  const KpiApiToken* token = bearer(request, *config);
  if (token == nullptr) {
    co_return unauthorized(config->kpi_tokens.empty() ? kNoTokens : kSendToken);
  }
  if (auto refusal = over_rate(limiter, *token, *config, api.clock, log)) co_return std::move(*refusal);
  if (const auto type = request.header("content-type");
      type && type->find("application/json") == std::string_view::npos) {
    co_return HttpResponse::error(415, "unsupported_media_type", "send the points as application/json");
  }
  if (json_nesting(request.body) > kMaxNesting) {
    co_return HttpResponse::error(400, "invalid_json", "the body nests deeper than a list of points");
  }
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    co_return HttpResponse::error(400, "invalid_json", "the body is not valid JSON");
  }
  if (!body.is_object() || !body.contains("points") || !body["points"].is_array()) {
    co_return HttpResponse::error(400, "invalid_body", "the body is {\"points\": [...]}");
  }
  if (body["points"].empty())
    co_return HttpResponse::error(400, "invalid_body", "points is empty: send at least one");
  if (body["points"].size() > kMaxPointsPerBatch) {
    co_return HttpResponse::error(413, "too_many_points",
                                  "a request holds at most " + std::to_string(kMaxPointsPerBatch) +
                                      " points; send " + std::to_string(body["points"].size()) +
                                      " in several");
  }
  Batch batch = read_batch(body, *config, *token, api.clock.now());
  if (batch.status != 200) {
    log.info("kpi points refused", {{"token", token->name}, {"errors", std::to_string(batch.errors.size())}});
    co_return errors_response(batch.status, batch.errors);
  }
  const std::string source = "api:" + token->name;
  const SysTime now = api.clock.now();
  auto write = [points = std::move(batch.points), source, now](Store& store) {
    return store.put_kpi_points(points, source, now);
  };
  KpiWriteResult result;
  try {
    result = co_await api.store.run(std::move(write));
  } catch (const std::exception& e) {
    log.error("kpi points not stored", {{"token", token->name}, {"error", e.what()}});
    HttpResponse response =
        HttpResponse::error(503, "unavailable", "nothing was stored: try again in a minute");
    response.headers.emplace_back("Retry-After", "60");
    co_return response;
  }
  std::set<std::string> kpis;
  for (const json& item : body["points"])
    kpis.insert(item["kpi"].get<std::string>());
  if (api.stored && result.stored + result.replaced > 0) api.stored(kpis);
  const int accepted = result.stored + result.replaced + result.unchanged;
  log.info("kpi points stored", {{"token", token->name},
                                 {"stored", std::to_string(result.stored)},
                                 {"replaced", std::to_string(result.replaced)},
                                 {"unchanged", std::to_string(result.unchanged)}});
  co_return HttpResponse::json_of(200, json{{"accepted", accepted},
                                            {"stored", result.stored},
                                            {"replaced", result.replaced},
                                            {"unchanged", result.unchanged}});
}

std::optional<date::sys_days> query_day(const HttpRequest& request, std::string_view name,
                                        std::string& error) {
  const auto text = request.query_param(name);
  if (!text) return std::nullopt;
  const auto day = parse_day(*text);
  if (!day) error = std::string(name) + "=" + *text + " is not a date: write YYYY-MM-DD";
  return day;
}

boost::asio::awaitable<HttpResponse> get_series(KpiApi api, RateLimiter& limiter, HttpRequest& request,
                                                const Log& log) {
  const std::shared_ptr<const Config> config = api.config.get();
  const KpiApiToken* token = bearer(request, *config);
  if (token == nullptr) {
    co_return unauthorized(config->kpi_tokens.empty() ? kNoTokens : kSendToken);
  }
  if (auto refusal = over_rate(limiter, *token, *config, api.clock, log)) co_return std::move(*refusal);
  const std::string key = request.params["key"];
  const KpiDefinition* kpi = config->kpi(key);
  if (kpi == nullptr) co_return HttpResponse::error(404, "unknown_kpi", "there is no KPI \"" + key + "\"");
  const KpiIntake intake(*config, api.clock.now());
  std::string error;
  const auto to = query_day(request, "to", error).value_or(*parse_day(intake.today(*kpi)));
  const auto from = query_day(request, "from", error).value_or(to - date::days(29));
  const std::string period_text = request.query_param("period").value_or("day");
  const auto period = rules::parse_period(period_text);
  if (!error.empty()) co_return HttpResponse::error(400, "invalid_query", error);
  if (!period)
    co_return HttpResponse::error(400, "invalid_query",
                                  "period is day, week or month, not \"" + period_text + "\"");
  if (from > to) co_return HttpResponse::error(400, "invalid_query", "from is after to");
  if ((to - from).count() >= kMaxDaysRead) {
    co_return HttpResponse::error(400, "invalid_query", "ask for three years at most at a time");
  }
  const std::string first = day_text(from);
  const std::string last = day_text(to);
  auto read = [key, first, last](Store& store) { return store.kpi_points(key, first, last); };
  std::vector<KpiPointRecord> records;
  try {
    records = co_await api.store.read(std::move(read));
  } catch (const std::exception&) {
    co_return HttpResponse::error(503, "unavailable", "the store did not answer: try again in a minute");
  }
  rules::Series series;
  for (const KpiPointRecord& r : records)
    series.put(*parse_day(r.point.day), r.point.value);
  json points = json::array();
  for (const rules::Point& p : series.rolled_up(*period, kpi->rollup, from, to)) {
    json point{{"start", day_text(p.day)}, {"value", p.value}};
    if (const auto target = kpi->target(*period)) point["target"] = *target;
    points.push_back(std::move(point));
  }
  json out{{"kpi", kpi->key},
           {"name", {{"en", kpi->name.en}, {"fr", kpi->name.fr}}},
           {"unit", rules::to_string(kpi->unit)},
           {"direction", kpi->direction == Direction::higher_is_better ? "higher" : "lower"},
           {"rollup", rules::to_string(kpi->rollup)},
           {"period", rules::to_string(*period)},
           {"from", first},
           {"to", last},
           {"points", std::move(points)}};
  co_return HttpResponse::json_of(200, out);
}

}  // namespace

void add_kpi_routes(Router& router, const KpiApi& api) {
  // Reads and writes count against the same allowance of their token.
  auto limiter = std::make_shared<RateLimiter>();
  router.add("POST", "/api/v1/kpis", [api, limiter](HttpRequest& request, const Log& log) {
    return post_points(api, *limiter, request, log);
  });
  router.add("GET", "/api/v1/kpis/{key}", [api, limiter](HttpRequest& request, const Log& log) {
    return get_series(api, *limiter, request, log);
  });
}

}  // namespace baton
