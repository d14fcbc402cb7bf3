// One baton for the fuzz targets that go through its routes and commands: the organisation below, a
// SQLite store in a fresh folder, a manual clock, Slack over HTTP, a Teams outgoing webhook and the KPI
// API, all on one io_context that each input runs to completion. Rate limits are off: the fuzzer is one
// member sending thousands of commands a second, and the limit would answer nearly all of them. Requests are
// signed as the platforms sign them, so what the fuzzer writes reaches the parsers behind the signature
// checks rather than stopping at them.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/crypto/hmac.hpp"
#include "bot/core/http/client.hpp"
#include "bot/core/http/http.hpp"
#include "bot/core/kpis/kpi_api.hpp"
#include "bot/core/metrics/metrics.hpp"
#include "bot/core/outbox/outbox.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "bot/core/store/store_executor.hpp"
#include "integrations/slack/signature.hpp"
#include "integrations/slack/slack_inbound.hpp"
#include "integrations/slack/web_api.hpp"
#include "integrations/teams/teams_inbound.hpp"
#include "integrations/teams/webhook_auth.hpp"
#include "tests/support/async.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::fuzz {

inline constexpr const char* kSigningSecret = "fuzz-signing-secret-0000";
inline constexpr const char* kWebhookToken = "ZnV6ei13ZWJob29rLXNlY3VyaXR5LXRva2VuLTAwMDA=";
inline constexpr const char* kApiToken = "fuzz-api-token-000000";

inline constexpr const char* kWorldYaml = R"(company: Fuzz Shop
timezone: Europe/Paris
locale: en
slack:
  signing_secret_env: SLACK_SIGNING_SECRET
  bot_token_env: SLACK_BOT_TOKEN
  api_base_url: http://127.0.0.1:1/api
teams:
  webhook_token_env: TEAMS_WEBHOOK_TOKEN
members:
  - {key: ada, name: Ada Admin, role: admin, ids: {slack: U0ADAADMIN, teams: "29:ada"}}
  - {key: marc, name: Marc Manager, role: manager, locale: fr, ids: {slack: U0MARCMANA, teams: "29:marc"}}
  - {key: sam, name: Sam Staff, timezone: America/Montreal, ids: {slack: U0SAMSTAFF, teams: "29:sam"}}
  - {key: lea, name: Léa Équipe, locale: fr, ids: {slack: U0LEAEQUIP}}
departments:
  - key: logistics
    name: {en: Logistics, fr: Logistique}
    referent: marc
    members: [marc, sam]
    channels: {slack: C0LOGISTIC, teams: {id: "19:logistics@thread.tacv2"}}
  - key: customer-service
    name: {en: Customer service, fr: Service client}
    referent: lea
    members: [lea, ada]
    channels: {slack: C0CUSTSERV, teams: {id: "19:customer-service@thread.tacv2"}}
rituals:
  - key: standup
    kind: standup
    name: {en: Logistics stand-up, fr: Point logistique}
    department: logistics
    schedule: weekdays 09:30
kpis:
  - {key: revenue, unit: currency:EUR, targets: {day: 1000}, department: logistics}
  - {key: stockouts, unit: count, department: logistics}
kpi_api:
  tokens:
    - {name: shop, token_env: KPI_TOKEN, kpis: [revenue]}
rate_limits: {commands: off, kpi_api: off}
)";

class World {
 public:
  World()
      : config_(load()),
        clock_(*parse_iso8601("2026-11-23T08:00:00Z")),
        sqlite_({dir_ / "baton.db"}, clock_),
        store_(sqlite_, io_.get_executor()),
        live_(std::make_shared<const Config>(config_)),
        services_{config_.org, profiles_, store_, clock_, Log::discard(), {"fuzz", clock_.now(), {}},
                  &live_,      {}},
        commands_(services_),
        outbox_(io_.get_executor(), store_, clock_, config_.outbox, metrics_, Log::discard()),
        http_(io_.get_executor(), {}),
        api_(http_, config_.slack.api_base_url, config_.slack.bot_token, Log::discard()),
        slack_(config_.slack, commands_, outbox_, store_, api_, config_.org, clock_, metrics_,
               Log::discard()),
        teams_(config_.teams, commands_, outbox_, store_, nullptr, config_.org, clock_, metrics_,
               Log::discard()) {
    sqlite_.migrate();
    slack_.add_routes(router_);
    teams_.add_routes(router_);
    add_kpi_routes(router_, {live_, store_, clock_, {}});
  }

  // What baton answers to this request, with every piece of work it started run to its end.
  HttpResponse request(const std::string& method, const std::string& path,
                       std::vector<std::pair<std::string, std::string>> headers, std::string body) {
    HttpRequest request;
    request.method = method;
    request.target = path;
    const std::size_t question = path.find('?');
    request.path = path.substr(0, question);
    if (question != std::string::npos) request.query = path.substr(question + 1);
    request.headers = std::move(headers);
    request.body = std::move(body);
    const Router::Match match = router_.match(method, request.path);
    if (match.handler == nullptr) return HttpResponse::error(match.status, "not_found", request.path);
    request.params = match.params;
    return test::run_sync(io_, (*match.handler)(request, Log::discard()));
  }

  // A POST signed with Slack's v0 scheme, as Slack sends it now.
  HttpResponse slack(const std::string& path, std::string body, std::string content_type) {
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count());
    return request("POST", path,
                   {{"content-type", std::move(content_type)},
                    {"x-slack-request-timestamp", timestamp},
                    {"x-slack-signature", slack::sign(kSigningSecret, timestamp, body)}},
                   std::move(body));
  }

  // A POST from the Teams outgoing webhook, signed with its security token.
  HttpResponse teams_webhook(std::string body) {
    const std::string key = *base64_decode(kWebhookToken);
    return request("POST", "/teams/webhook",
                   {{"content-type", "application/json"},
                    {"authorization", teams::outgoing_webhook_authorization(key, body)}},
                   std::move(body));
  }

  // The KPI API with the shop's token.
  HttpResponse kpi_api(const std::string& method, const std::string& path, std::string body) {
    return request(
        method, path,
        {{"content-type", "application/json"}, {"authorization", std::string("Bearer ") + kApiToken}},
        std::move(body));
  }

  Reply command(Platform platform, const std::string& user_id, std::string text, bool direct = false) {
    Inbound in;
    in.platform = platform;
    in.user_id = user_id;
    in.channel = direct ? "" : "C0LOGISTIC";
    in.text = std::move(text);
    in.direct = direct;
    return test::run_sync(io_, commands_.handle(std::move(in)));
  }

  const Config& config() const { return config_; }

 private:
  static Config load() {
    const std::map<std::string, std::string> env{{"SLACK_SIGNING_SECRET", kSigningSecret},
                                                 {"SLACK_BOT_TOKEN", "xoxb-fuzz-0000"},
                                                 {"TEAMS_WEBHOOK_TOKEN", kWebhookToken},
                                                 {"KPI_TOKEN", kApiToken}};
    ConfigResult result =
        parse_config(kWorldYaml, "fuzz.yaml", [&env](const std::string& name) -> std::optional<std::string> {
          const auto found = env.find(name);
          if (found == env.end()) return std::nullopt;
          return found->second;
        });
    if (!result.config) {
      std::fputs(format_diagnostics("fuzz.yaml", result.errors).c_str(), stderr);
      std::abort();
    }
    return std::move(*result.config);
  }

  test::TempDir dir_;
  Config config_;
  ManualClock clock_;
  boost::asio::io_context io_;
  SqliteStore sqlite_;
  StoreExecutor store_;
  LiveConfig live_;
  Profiles profiles_;
  Services services_;
  CommandLayer commands_;
  Metrics metrics_;
  Outbox outbox_;
  HttpClient http_;
  slack::WebApi api_;
  slack::SlackInbound slack_;
  teams::TeamsInbound teams_;
  Router router_;
};

// Made on the first input and kept: a store per input would cost more than the input.
inline World& world() {
  static World instance;
  return instance;
}

}  // namespace baton::fuzz
