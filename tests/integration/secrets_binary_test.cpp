// Secrets stay secret: whatever arrives (members pasting a token into a command, requests signed with a
// wrong secret, an API token where it does not belong), no configured secret appears in the log, in
// /metrics, in a reply or in check-config's output. The values are distinctive strings, so a match is
// never a coincidence.
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/fake_slack.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/teams_binary.hpp"

using namespace baton;

namespace {

constexpr const char* kApiToken = "kpi-api-token-from-a-file-4b9d2e7a";

}  // namespace

TEST_CASE("no configured secret reaches the log, /metrics, a reply or check-config", "[binary][secrets]") {
  namespace fs = std::filesystem;
  test::FakeSlack slack;
  test::TempDir secrets;
  const auto token_file = secrets.write("kpi.token", std::string(kApiToken) + "\n");
  fs::permissions(token_file, fs::perms::owner_read | fs::perms::owner_write);
  test::SlackBaton baton(slack, test::kpi_api_config(token_file));
  const std::vector<std::string> all_secrets{test::kSigningSecret, test::kBotToken, kApiToken};

  std::vector<test::HttpReply> replies;
  // Members at work, one of them pasting secrets into what they type.
  const std::vector<std::string> typed{"help",
                                       "kpi",
                                       "handoff logistics \"Restock SKU-123\" due:fri",
                                       "kpi set revenue 5 " + std::string(test::kSigningSecret),
                                       "whoami " + std::string(test::kBotToken),
                                       std::string("team ") + kApiToken};
  for (const std::string& text : typed) {
    replies.push_back(baton.command(test::command_form(slack, text)));
  }
  const std::string form = test::command_form(slack, "kpi");
  test::HttpConnection c("127.0.0.1", baton.port);
  // Signed with another secret, and with the bot token as the signing secret: both refused.
  for (const std::string& wrong : std::vector<std::string>{"another-secret-entirely", test::kBotToken}) {
    const auto refused =
        c.request("POST", "/slack/commands", form,
                  test::slack_headers(form, "application/x-www-form-urlencoded", wrong, test::now_seconds()));
    CHECK(refused.status == 401);
    replies.push_back(refused);
  }
  // The KPI API: its own token, a wrong one, and the bot token as a bearer.
  const std::string points = R"({"points":[{"kpi":"revenue","at":"2026-11-20","value":12}]})";
  for (const std::string& bearer : std::vector<std::string>{kApiToken, "not-a-token", test::kBotToken}) {
    replies.push_back(
        c.request("POST", "/api/v1/kpis", points,
                  "Authorization: Bearer " + bearer + "\r\nContent-Type: application/json\r\n"));
  }
  CHECK(replies[replies.size() - 3].status == 200);
  CHECK(replies[replies.size() - 2].status == 401);
  CHECK(replies[replies.size() - 1].status == 401);
  replies.push_back(test::http_get(baton.port, "/metrics"));
  replies.push_back(test::http_get(baton.port, "/readyz"));
  CHECK_THAT(replies.back().body + replies[replies.size() - 2].body, Catch::Contains("baton_"));

  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);
  const std::string log = baton.process->err() + baton.process->out();
  // The log has every request in it, so not finding a secret there means something.
  CHECK_THAT(log, Catch::Contains("/slack/commands") && Catch::Contains("/api/v1/kpis") &&
                      Catch::Contains("event=stopped"));
  const auto checked = test::run_to_end(
      BATON_BINARY, {"check-config", (baton.dir / "baton.yaml").string()}, "",
      {{"SLACK_SIGNING_SECRET", test::kSigningSecret}, {"SLACK_BOT_TOKEN", test::kBotToken}});
  CHECK(checked.status == 0);
  for (const std::string& secret : all_secrets) {
    INFO("secret: " << secret);
    CHECK_THAT(log, !Catch::Contains(secret));
    CHECK_THAT(checked.out + checked.err, !Catch::Contains(secret));
    for (const test::HttpReply& reply : replies)
      CHECK_THAT(reply.body, !Catch::Contains(secret));
  }
}

TEST_CASE("no Teams secret reaches the log, a reply, a posted card or /metrics", "[binary][secrets][teams]") {
  using nlohmann::json;
  test::FakeTeams teams(test::kAppId, test::kAppPassword);
  test::TeamsBaton baton(teams);
  const std::vector<std::string> all_secrets{test::kWebhookSecret, test::kAppPassword};
  const auto in_channel = [](const std::string& text) {
    return json{
        {"type", "message"},
        {"id", "1485983408511"},
        {"serviceUrl", "https://smba.trafficmanager.net/emea/"},
        {"channelId", "msteams"},
        {"from", {{"id", "29:sam"}, {"name", "Sam Staff"}}},
        {"conversation", {{"isGroup", true}, {"id", "19:logistics@thread.tacv2;messageid=1485983408511"}}},
        {"text", text},
        {"channelData", {{"teamsChannelId", "19:logistics@thread.tacv2"}, {"tenant", {{"id", "tenant-1"}}}}}}
        .dump();
  };
  std::vector<test::HttpReply> replies;
  // Through the outgoing webhook: secrets pasted into commands, and a request with a wrong HMAC.
  replies.push_back(baton.webhook(in_channel("<at>baton</at> whoami " + std::string(test::kWebhookSecret))));
  replies.push_back(baton.webhook(in_channel("<at>baton</at> team " + std::string(test::kAppPassword))));
  const auto refused =
      baton.webhook(in_channel("<at>baton</at> help"), "HMAC " + std::string(test::kWebhookSecret));
  CHECK(refused.status == 401);
  replies.push_back(refused);
  // Through the bot: a direct message with the app's password in it, answered through the connector.
  const json message =
      test::personal_message(teams, "act-secret", "whoami " + std::string(test::kAppPassword));
  REQUIRE(baton.activity(message, teams.sign(teams.claims())).status == 200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/act-secret", 1));
  const std::string posted =
      teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-secret").at(0).body.dump();
  replies.push_back(test::http_get(baton.port, "/metrics"));

  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);
  const std::string log = baton.process->err() + baton.process->out();
  CHECK_THAT(log, Catch::Contains("/teams/webhook") && Catch::Contains("/teams/messages"));
  CHECK_THAT(posted, Catch::Contains("[redacted]"));  // the echo of what Marc typed, without the secret
  for (const std::string& secret : all_secrets) {
    INFO("secret: " << secret);
    CHECK_THAT(log, !Catch::Contains(secret));
    CHECK_THAT(posted, !Catch::Contains(secret));
    for (const test::HttpReply& reply : replies)
      CHECK_THAT(reply.body, !Catch::Contains(secret));
  }
}
