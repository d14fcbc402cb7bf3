// The real baton configured for Teams against a fake Teams in the test process: the outgoing webhook's
// shared secret, the Bot Framework's app and its tokens, the logistics channel, and activities shaped the
// way Teams sends them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/crypto/hmac.hpp"
#include "integrations/teams/webhook_auth.hpp"
#include "tests/support/binary.hpp"
#include "tests/support/fake_teams.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

inline constexpr const char* kWebhookSecret = "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA=";
inline constexpr const char* kAppId = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
inline constexpr const char* kAppPassword = "test-app-password";

// Marc manages logistics (on Teams), Sam works in it; Ada is the admin. `extra` is appended.
inline std::string teams_config(const FakeTeams& teams, const std::string& extra = {}) {
  return R"(company: Test Shop
timezone: Europe/Paris
log: {format: logfmt, level: info}
teams:
  webhook_token_env: TEAMS_WEBHOOK_SECRET
  app_id_env: MICROSOFT_APP_ID
  app_password_env: MICROSOFT_APP_PASSWORD
  token_url: )" +
         teams.token_url() +
         R"(
  openid_metadata_url: )" +
         teams.openid_url() + R"(
outbox: {retry_min: 100ms, retry_max: 400ms}
members:
  - {key: ada, name: Ada Admin, role: admin, ids: {teams: "29:ada"}}
  - {key: marc, name: Marc Manager, role: manager, locale: fr, ids: {teams: "0c3f1a2b-1111-4222-8333-944455556666"}}
  - {key: sam, name: Sam Staff, ids: {teams: "29:sam"}}
departments:
  - key: logistics
    name: {en: Logistics, fr: Logistique}
    referent: marc
    members: [marc, sam]
    channels:
      teams: {id: "19:logistics@thread.tacv2", workflow_url_env: LOGISTICS_WORKFLOW_URL}
)" + extra;
}

class TeamsBaton {
 public:
  explicit TeamsBaton(const FakeTeams& teams, const BatonSetup& setup = {}) : teams_(teams) {
    const auto config = dir.write("baton.yaml", teams_config(teams, setup.extra));
    if (setup.prepare) setup.prepare(dir);
    std::map<std::string, std::string> environment{
        {"TEAMS_WEBHOOK_SECRET", kWebhookSecret},
        {"MICROSOFT_APP_ID", kAppId},
        {"MICROSOFT_APP_PASSWORD", kAppPassword},
        {"LOGISTICS_WORKFLOW_URL", teams.workflow_url("logistics")}};
    if (!setup.clock_start.empty()) environment.emplace("BATON_CLOCK_START", setup.clock_start);
    process = std::make_unique<Process>(
        BATON_BINARY,
        std::vector<std::string>{"serve", "--config", config.string(), "--listen", "127.0.0.1:0", "--store",
                                 (dir / "baton.db").string()},
        environment);
    port = listening_port(*process);
  }

  // Teams refuses a message over its size (MessageSizeTooBig): a test passes only if it took them all.
  ~TeamsBaton() { CHECK(teams_.too_large() == 0); }
  TeamsBaton(const TeamsBaton&) = delete;
  TeamsBaton& operator=(const TeamsBaton&) = delete;

  HttpReply webhook(const std::string& body, std::optional<std::string> authorization = std::nullopt) {
    const std::string key = *base64_decode(kWebhookSecret);
    const std::string auth = authorization.value_or(teams::outgoing_webhook_authorization(key, body));
    HttpConnection c("127.0.0.1", port);
    return c.request("POST", "/teams/webhook", body,
                     "Content-Type: application/json\r\nAuthorization: " + auth + "\r\n");
  }
  HttpReply activity(const nlohmann::json& body, const std::string& token) {
    HttpConnection c("127.0.0.1", port);
    return c.request("POST", "/teams/messages", body.dump(),
                     "Content-Type: application/json\r\nAuthorization: Bearer " + token + "\r\n");
  }
  std::string metrics() { return http_get(port, "/metrics").body; }

  TempDir dir;
  std::unique_ptr<Process> process;
  int port = 0;

 private:
  const FakeTeams& teams_;
};

inline nlohmann::json personal_message(const FakeTeams& teams, const std::string& id,
                                       const std::string& text) {
  return {{"type", "message"},
          {"id", id},
          {"serviceUrl", teams.service_url()},
          {"channelId", "msteams"},
          {"from", {{"id", "29:marc-bf"}, {"aadObjectId", "0c3f1a2b-1111-4222-8333-944455556666"}}},
          {"recipient", {{"id", std::string("28:") + kAppId}}},
          {"conversation",
           {{"conversationType", "personal"}, {"id", "a:personal-marc"}, {"tenantId", "tenant-1"}}},
          {"channelData", {{"tenant", {{"id", "tenant-1"}}}}},
          {"text", text}};
}

// The app added to the logistics team: baton learns where to post in its channel.
inline nlohmann::json logistics_team_install(const FakeTeams& teams) {
  return {{"type", "conversationUpdate"},
          {"id", "cu-team"},
          {"serviceUrl", teams.service_url()},
          {"channelId", "msteams"},
          {"recipient", {{"id", std::string("28:") + kAppId}}},
          {"membersAdded", nlohmann::json::array({{{"id", std::string("28:") + kAppId}}})},
          {"conversation",
           {{"conversationType", "channel"}, {"isGroup", true}, {"id", "19:logistics@thread.tacv2"}}},
          {"channelData",
           {{"eventType", "teamMemberAdded"},
            {"channel", {{"id", "19:logistics@thread.tacv2"}}},
            {"tenant", {{"id", "tenant-1"}}}}}};
}

inline const std::string kLogisticsActivities =
    "/connector/v3/conversations/19:logistics@thread.tacv2/activities";

// The fake numbers the activities it is sent, in order: the id of the first one posted to `path` (whose
// body holds `text`, when given) follows from where it came.
inline std::string first_activity_id(const FakeTeams& teams, const std::string& path,
                                     const std::string& text = {}) {
  int posts = 0;
  for (const auto& call : teams.calls("/connector/v3/conversations/")) {
    if (call.method != "POST" || call.path.find("/activities") == std::string::npos) continue;
    ++posts;
    if (call.path == path && call.body.dump().find(text) != std::string::npos)
      return "activity-" + std::to_string(posts);
  }
  return {};
}

}  // namespace baton::test
