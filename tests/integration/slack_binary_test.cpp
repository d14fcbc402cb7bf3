// baton on Slack, end to end: the real binary on loopback, Slack's requests signed as Slack signs them,
// and a fake Slack Web API in the test process receiving what baton sends.
#include "tests/support/slack_binary.hpp"

#include <algorithm>
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "bot/core/http/form.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;
using test::command_form;
using test::FakeSlack;
using test::SlackBaton;

TEST_CASE("a slash command is answered in the HTTP response, in the caller's language", "[binary][slack]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const auto reply = baton.command(command_form(slack, "team"));
  REQUIRE(reply.status == 200);
  const auto body = json::parse(reply.body);
  CHECK(body["response_type"] == "ephemeral");
  CHECK(body["text"] == "Team map — Test Shop");
  CHECK(body["blocks"][0]["type"] == "header");
  const auto french = json::parse(baton.command(command_form(slack, "team", "U0MARCMANA")).body);
  CHECK(french["text"] == "Organisation — Test Shop");
  CHECK(baton.metrics().find(R"(baton_slack_commands_total{answer="direct"} 2)") != std::string::npos);
}

TEST_CASE("requests without Slack's valid signature are refused with 401 and counted",
          "[binary][slack][security]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const std::string form = command_form(slack, "team");
  test::HttpConnection c("127.0.0.1", baton.port);

  const auto unsigned_request =
      c.request("POST", "/slack/commands", form, "Content-Type: application/x-www-form-urlencoded\r\n");
  CHECK(unsigned_request.status == 401);
  CHECK(unsigned_request.body == "{}");
  const auto wrong_secret =
      c.request("POST", "/slack/commands", form,
                test::slack_headers(form, "application/x-www-form-urlencoded", "not-our-secret-at-all"));
  CHECK(wrong_secret.status == 401);
  const auto old =
      c.request("POST", "/slack/commands", form,
                test::slack_headers(form, "application/x-www-form-urlencoded", test::kSigningSecret,
                                    std::to_string(std::stoll(test::now_seconds()) - 600)));
  CHECK(old.status == 401);

  const std::string metrics = baton.metrics();
  CHECK(metrics.find(R"(baton_slack_rejected_total{route="/slack/commands",reason="missing_headers"} 1)") !=
        std::string::npos);
  CHECK(metrics.find(R"(baton_slack_rejected_total{route="/slack/commands",reason="mismatch"} 1)") !=
        std::string::npos);
  CHECK(metrics.find(R"(baton_slack_rejected_total{route="/slack/commands",reason="stale"} 1)") !=
        std::string::npos);
  // The log is read from the process as it writes it: wait for the line rather than race it.
  CHECK(baton.process->wait_for_err("slack request refused"));
}

TEST_CASE("the Events API URL is verified with its challenge", "[binary][slack][events]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const auto reply = baton.event(
      R"({"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})");
  CHECK(reply.status == 200);
  CHECK(json::parse(reply.body)["challenge"] == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
}

TEST_CASE("signed bodies that are not what Slack sends are refused with 400 and what is wrong",
          "[binary][slack][limits]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const auto message = [](const test::HttpReply& reply) {
    return json::parse(reply.body).value("message", "");
  };
  const std::string deep = std::string(65, '[') + std::string(65, ']');

  const auto not_json = baton.event("{\"type\":");
  CHECK(not_json.status == 400);
  CHECK(message(not_json) == "the body is not valid JSON");
  const auto array = baton.event("[1,2]");
  CHECK(array.status == 400);
  CHECK(message(array) == "the body is not a JSON object");
  const auto nested = baton.event(R"({"type":"event_callback","event":)" + deep + "}");
  CHECK(nested.status == 400);
  CHECK(message(nested) == "the body nests deeper than 64 levels");
  // 64 levels are still read: the limit is where it says.
  const auto at_limit = baton.event(R"({"type":"url_verification","challenge":"c","x":)" +
                                    std::string(63, '[') + std::string(63, ']') + "}");
  CHECK(at_limit.status == 200);

  const auto no_payload = baton.interaction(form_encode({{"text", "hello"}}));
  CHECK(no_payload.status == 400);
  CHECK(message(no_payload) == "no interaction payload");
  const auto deep_payload = baton.interaction(form_encode({{"payload", deep}}));
  CHECK(deep_payload.status == 400);
  CHECK(message(deep_payload) == "the payload field nests deeper than 64 levels");

  // baton still answers what Slack does send.
  CHECK(baton.command(command_form(slack, "whoami", "U0SAMSTAFF", "t-after")).status == 200);
}

TEST_CASE("rate limits: a member's third command in a minute, and a token's third API call, are held back",
          "[binary][slack][limits]") {
  FakeSlack slack;
  test::TempDir secrets;
  const auto token_file = secrets.write("shop.token", "a-long-shop-token-123456\n");
  SlackBaton baton(slack,
                   "rate_limits: {commands: 2/min, kpi_api: 2/min}\n" + test::kpi_api_config(token_file));
  const auto text = [&](const std::string& user, const std::string& trigger) {
    const auto reply = baton.command(command_form(slack, "whoami", user, trigger));
    REQUIRE(reply.status == 200);
    return json::parse(reply.body).value("text", "");
  };
  CHECK(text("U0SAMSTAFF", "t1") == "What baton knows about you");
  CHECK(text("U0SAMSTAFF", "t2") == "What baton knows about you");
  CHECK_THAT(
      text("U0SAMSTAFF", "t3"),
      Catch::Contains("You are sending commands faster than baton takes them from one person (2/min)."));
  // Marc has his own allowance, and is told in French when he spends it.
  CHECK(text("U0MARCMANA", "t4") == "Ce que baton sait de vous");
  CHECK(text("U0MARCMANA", "t5") == "Ce que baton sait de vous");
  CHECK_THAT(text("U0MARCMANA", "t6"), Catch::Contains("Vous envoyez des commandes plus vite"));

  test::HttpConnection c("127.0.0.1", baton.port);
  const std::string auth = "Authorization: Bearer a-long-shop-token-123456\r\n";
  CHECK(c.request("GET", "/api/v1/kpis/revenue?from=2026-11-01&to=2026-11-02", "", auth).status == 200);
  CHECK(c.request("GET", "/api/v1/kpis/revenue?from=2026-11-01&to=2026-11-02", "", auth).status == 200);
  const auto limited = c.request("GET", "/api/v1/kpis/revenue?from=2026-11-01&to=2026-11-02", "", auth);
  CHECK(limited.status == 429);
  const std::string retry_after = limited.header("retry-after");
  CHECK((retry_after == "30" || retry_after == "29"));  // the real clock has moved on a little
  CHECK_THAT(json::parse(limited.body).value("message", ""),
             Catch::StartsWith("this token is limited to 2/min requests: retry after"));
  CHECK(baton.process->wait_for_err("command over the rate limit"));
}

TEST_CASE("with slack.team_id, requests from another workspace are refused even when signed",
          "[binary][slack][tenancy]") {
  FakeSlack slack;
  SlackBaton baton(slack, test::in_section("slack", "  team_id: T0TEST\n"));
  const auto foreign_form = [&](const std::string& team) {
    return form_encode({{"team_id", team},
                        {"channel_id", "C0LOGISTIC"},
                        {"user_id", "U0SAMSTAFF"},
                        {"command", "/baton"},
                        {"text", "whoami"},
                        {"response_url", slack.response_url("cmd")},
                        {"trigger_id", "t-" + team}});
  };
  const auto refused = baton.command(foreign_form("T0OTHER"));
  CHECK(refused.status == 403);
  CHECK(json::parse(refused.body) ==
        json{{"error", "forbidden"}, {"message", "this baton does not serve that Slack workspace"}});
  CHECK(baton.command(foreign_form("")).status == 403);  // naming none is not naming ours
  CHECK(baton.command(foreign_form("T0TEST")).status == 200);

  std::string other_event = test::event_envelope("Ev0FOREIGN", test::dm_event("U0SAMSTAFF", "help"));
  other_event.replace(other_event.find("T0TEST"), 6, "T0OTHER");
  CHECK(baton.event(other_event).status == 403);
  CHECK(baton.event(R"({"token":"x","challenge":"c1","type":"url_verification"})").status == 200);
  const json click{{"type", "block_actions"},
                   {"team", {{"id", "T0OTHER"}, {"domain", "other"}}},
                   {"user", {{"id", "U0SAMSTAFF"}, {"team_id", "T0OTHER"}}},
                   {"channel", {{"id", "C0LOGISTIC"}}},
                   {"actions", {{{"action_id", "team.show"}, {"value", "logistics"}, {"type", "button"}}}}};
  CHECK(baton.interaction(form_encode({{"payload", click.dump()}})).status == 403);

  CHECK(baton.metric_reaches(
      R"(baton_slack_rejected_total{route="/slack/commands",reason="foreign_workspace"} 2)"));
  CHECK(baton.metric_reaches(
      R"(baton_slack_rejected_total{route="/slack/events",reason="foreign_workspace"} 1)"));
  CHECK(baton.metric_reaches(
      R"(baton_slack_rejected_total{route="/slack/interactivity",reason="foreign_workspace"} 1)"));
  CHECK(baton.process->wait_for_err("slack request from a workspace baton does not serve"));
  // Nothing of the foreign event was kept, nor answered.
  CHECK(slack.calls("chat.postMessage").empty());
}

TEST_CASE("an event Slack retries three times is handled once, even after a restart",
          "[binary][slack][events]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const std::string mention = test::event_envelope(
      "Ev0MENTION1",
      R"({"type":"app_mention","user":"U0SAMSTAFF","channel":"C0LOGISTIC","text":"<@U0BATON> whoami","ts":"1.1"})");
  CHECK(baton.event(mention).status == 200);
  CHECK(baton.event(mention, "X-Slack-Retry-Num: 1\r\nX-Slack-Retry-Reason: http_timeout\r\n").status == 200);
  CHECK(baton.event(mention, "X-Slack-Retry-Num: 2\r\nX-Slack-Retry-Reason: http_timeout\r\n").status == 200);
  REQUIRE(slack.wait_for("chat.postEphemeral", 1));
  CHECK(baton.metrics().find(R"(baton_slack_events_total{type="app_mention",outcome="duplicate"} 2)") !=
        std::string::npos);

  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);
  baton.start();
  CHECK(baton.event(mention, "X-Slack-Retry-Num: 3\r\nX-Slack-Retry-Reason: http_timeout\r\n").status == 200);
  CHECK(baton.metrics().find(R"(baton_slack_events_total{type="app_mention",outcome="duplicate"} 1)") !=
        std::string::npos);
  // A later event from the same person in the same channel comes after, in the same lane: when its
  // answer has arrived, any second answer to the first would have too.
  CHECK(
      baton
          .event(test::event_envelope(
              "Ev0MENTION2",
              R"({"type":"app_mention","user":"U0SAMSTAFF","channel":"C0LOGISTIC","text":"<@U0BATON> help","ts":"1.2"})"))
          .status == 200);
  REQUIRE(slack.wait_for("chat.postEphemeral", 2));
  const auto answers = slack.calls("chat.postEphemeral");
  REQUIRE(answers.size() == 2);
  CHECK(answers[0].arguments["text"] == "What baton knows about you");
  CHECK(answers[0].arguments["user"] == "U0SAMSTAFF");
  CHECK(answers[1].arguments["text"] == "What baton can do for you");
}

TEST_CASE("a direct message to baton is answered in the conversation", "[binary][slack][events]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  CHECK(baton.event(test::event_envelope("Ev0DM1", test::dm_event("U0MARCMANA", "team logistique"))).status ==
        200);
  // baton's own messages come back as events too; they must not be answered.
  CHECK(
      baton
          .event(test::event_envelope(
              "Ev0DM2",
              R"({"type":"message","subtype":"bot_message","bot_id":"B1","channel":"DU0MARCMANA","channel_type":"im","text":"Logistique"})"))
          .status == 200);
  REQUIRE(slack.wait_for("chat.postMessage", 1));
  CHECK(slack.texts_in("DU0MARCMANA") == std::vector<std::string>{"Logistique"});
}

TEST_CASE("a button click replaces the clicked message", "[binary][slack][interactivity]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const json payload{
      {"type", "block_actions"},
      {"user", {{"id", "U0SAMSTAFF"}}},
      {"channel", {{"id", "C0LOGISTIC"}}},
      {"container", {{"type", "message"}, {"message_ts", "1700000001.000100"}, {"channel_id", "C0LOGISTIC"}}},
      {"response_url", slack.response_url("click1")},
      {"trigger_id", "1234.5678"},
      {"actions",
       {{{"action_id", "team.show"},
         {"value", "logistics"},
         {"type", "button"},
         {"action_ts", "1700000002.1"}}}}};
  const auto reply = baton.interaction(form_encode({{"payload", payload.dump()}}));
  CHECK(reply.status == 200);
  REQUIRE(slack.wait_for("response_url", 1));
  const auto update = slack.calls("response_url").at(0);
  CHECK(update.arguments["replace_original"] == true);
  CHECK(update.arguments["text"] == "Logistics");
  CHECK(update.path == "/hooks/commands/T0TEST/1234/click1");
}

TEST_CASE("through 429s and an outage, every message arrives once and in order", "[binary][slack][outbox]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  slack.start_outage(429, 1);
  const std::vector<std::string> asked{"whoami", "help", "team", "language"};
  for (std::size_t i = 0; i < asked.size(); ++i) {
    CHECK(
        baton.event(test::event_envelope("Ev0Q" + std::to_string(i), test::dm_event("U0SAMSTAFF", asked[i])))
            .status == 200);
    // Each answer is stored before the next question: the order they were stored in is the order asked.
    REQUIRE(baton.metric_reaches("baton_outbox_pending " + std::to_string(i + 1) + "\n"));
  }
  REQUIRE(slack.refused() > 0);
  // Slack limits each method apart: after a call refused with Retry-After: 1, that method was not called
  // again for a full second. (A lower bound only: a slow machine makes the gaps longer, never shorter.)
  // A call let through just before the outage began may be followed at once: only refusals hold.
  std::map<std::string, test::FakeSlack::Arrival> last;
  for (const auto& call : slack.arrivals()) {
    if (const auto before = last.find(call.method); before != last.end() && before->second.retry_after) {
      INFO(call.method);
      CHECK(call.at - before->second.at >= 990ms);
    }
    last[call.method] = call;
  }
  CHECK(last.count("chat.postMessage") == 1);
  slack.start_outage(503);
  const std::size_t refused = slack.refused();
  for (int i = 0; i < 500 && slack.refused() < refused + 2; ++i)
    std::this_thread::sleep_for(10ms);
  slack.end_outage();
  REQUIRE(slack.wait_for("chat.postMessage", asked.size()));
  CHECK(slack.texts_in("DU0SAMSTAFF") ==
        std::vector<std::string>{
            "What baton knows about you", "What baton can do for you", "Team map — Test Shop",
            "I speak English with you. To change, type /baton language en or /baton language fr."});
  REQUIRE(baton.metric_reaches("baton_outbox_pending 0\n"));
  CHECK(baton.metrics().find(R"(baton_outbox_sent_total{platform="slack"} 4)") != std::string::npos);
}

TEST_CASE("a Slack API that hangs is timed out and tried again, and holds up no request meanwhile",
          "[binary][slack][faults]") {
  FakeSlack slack;
  SlackBaton baton(slack, "http_client: {timeout: 500ms}\n");
  slack.hang_next(3, 3s);
  CHECK(baton.event(test::event_envelope("Ev0HUNG", test::dm_event("U0SAMSTAFF", "whoami"))).status == 200);
  // While baton's calls to Slack hang, what comes in is answered as usual: no thread waits on them.
  for (int i = 0; i < 5; ++i) {
    const auto reply =
        baton.command(command_form(slack, "help", "U0SAMSTAFF", "t-hung-" + std::to_string(i)));
    CHECK(reply.status == 200);
    CHECK(json::parse(reply.body).value("text", "") == "What baton can do for you");
  }
  REQUIRE(slack.wait_for("chat.postMessage", 1));
  CHECK(slack.hung() == 3);
  CHECK(slack.texts_in("DU0SAMSTAFF") == std::vector<std::string>{"What baton knows about you"});
  // Marked sent once Slack's answer is read, a moment after Slack recorded the call.
  CHECK(baton.metric_reaches(R"(baton_outbox_sent_total{platform="slack"} 1)"));
  REQUIRE(baton.metric_reaches("baton_outbox_pending 0\n"));
  CHECK(baton.process->wait_for_err("outbox delivery will be retried"));
}

TEST_CASE("messages queued when baton is killed are delivered after it restarts", "[binary][slack][outbox]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  slack.start_outage(503);
  CHECK(baton.event(test::event_envelope("Ev0KILL1", test::dm_event("U0SAMSTAFF", "whoami"))).status == 200);
  CHECK(baton.event(test::event_envelope("Ev0KILL2", test::dm_event("U0SAMSTAFF", "help"))).status == 200);
  REQUIRE(baton.metric_reaches("baton_outbox_pending 2\n"));
  baton.process->signal(SIGKILL);
  CHECK(baton.process->wait() == 128 + SIGKILL);
  CHECK(slack.calls("chat.postMessage").empty());

  // What `baton outbox` shows meanwhile.
  const auto listed = test::run_to_end(
      BATON_BINARY,
      {"outbox", "--config", (baton.dir / "baton.yaml").string(), "--store",
       (baton.dir / "baton.db").string()},
      "", {{"SLACK_SIGNING_SECRET", test::kSigningSecret}, {"SLACK_BOT_TOKEN", test::kBotToken}});
  CHECK(listed.status == 0);
  CHECK(listed.out.find("outbox: 2 pending, 0 failed") != std::string::npos);
  CHECK(listed.out.find("last error: HTTP 503") != std::string::npos);

  slack.end_outage();
  baton.start();
  REQUIRE(slack.wait_for("chat.postMessage", 2));
  // The two events were handled side by side, so their answers may have been stored in either order.
  std::vector<std::string> texts = slack.texts_in("DU0SAMSTAFF");
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{"What baton can do for you", "What baton knows about you"});
}

TEST_CASE("a message Slack refuses for good is listed as failed with the reason", "[binary][slack][outbox]") {
  FakeSlack slack;
  SlackBaton baton(slack, R"(  - key: it
    name: IT
    referent: ada
    members: [ada]
    channels: {slack: C404GONE00}
)");
  // An app mention in a channel that no longer exists: the reply cannot be delivered.
  CHECK(
      baton
          .event(test::event_envelope(
              "Ev0GONE",
              R"({"type":"app_mention","user":"U0ADAADMIN","channel":"C404GONE00","text":"<@U0BATON> team","ts":"1.1"})"))
          .status == 200);
  REQUIRE(baton.metric_reaches(R"(baton_outbox_failed_total{platform="slack",reason="refused"} 1)"));
  const auto listed = test::run_to_end(
      BATON_BINARY,
      {"outbox", "--failed", "--config", (baton.dir / "baton.yaml").string(), "--store",
       (baton.dir / "baton.db").string()},
      "", {{"SLACK_SIGNING_SECRET", test::kSigningSecret}, {"SLACK_BOT_TOKEN", test::kBotToken}});
  CHECK(listed.out.find("reason: channel_not_found") != std::string::npos);
}

TEST_CASE("a modal opens for /baton language, and its submission is checked, stored and confirmed",
          "[binary][slack][dialog]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const auto opened = baton.command(command_form(slack, "language", "U0SAMSTAFF", "trigger-modal-1"));
  CHECK(opened.status == 200);
  CHECK(opened.body.empty());  // the modal is the answer, opened right after the acknowledgement
  REQUIRE(slack.wait_for("views.open", 1));
  const auto views = slack.calls("views.open");
  REQUIRE(views.size() == 1);
  CHECK(views[0].arguments["trigger_id"] == "trigger-modal-1");
  const json view = views[0].arguments["view"];
  CHECK(view["callback_id"] == "language.choose");
  CHECK(json::parse(view["private_metadata"].get<std::string>())["channel"] == "C0LOGISTIC");

  const auto submit = [&](const std::string& value, const std::string& view_id) {
    const json payload{
        {"type", "view_submission"},
        {"user", {{"id", "U0SAMSTAFF"}}},
        {"view",
         {{"id", view_id},
          {"hash", "156663117.cd33ad1f"},
          {"callback_id", "language.choose"},
          {"private_metadata", view["private_metadata"]},
          {"state",
           {{"values",
             {{"language",
               {{"value", {{"type", "static_select"}, {"selected_option", {{"value", value}}}}}}}}}}}}}};
    return baton.interaction(form_encode({{"payload", payload.dump()}}));
  };
  const auto refused = submit("de", "V0001");
  CHECK(refused.status == 200);
  CHECK(json::parse(refused.body) ==
        json::parse(R"({"response_action":"errors","errors":{"language":"Choose English or French."}})"));

  const auto accepted = submit("fr", "V0002");
  CHECK(accepted.status == 200);
  CHECK(accepted.body.empty());  // closes the modal
  REQUIRE(slack.wait_for("chat.postEphemeral", 1));
  const auto confirmation = slack.calls("chat.postEphemeral").at(0);
  CHECK(confirmation.arguments["channel"] == "C0LOGISTIC");
  CHECK(confirmation.arguments["user"] == "U0SAMSTAFF");
  CHECK(confirmation.arguments["text"] == "C'est noté : désormais, je vous parle en français.");
  CHECK(json::parse(baton.command(command_form(slack, "whoami", "U0SAMSTAFF", "t2")).body)["text"] ==
        "Ce que baton sait de vous");
}

TEST_CASE("a member's Slack profile sets the zone and language the config leaves to the defaults",
          "[binary][slack][profiles]") {
  FakeSlack slack;
  slack.set_profile("U0SAMSTAFF", "Asia/Tokyo", "fr-FR");  // Sam has neither in the config
  SlackBaton baton(slack);
  REQUIRE(slack.wait_for("users.info", 3));
  std::string answer;
  for (int i = 0; i < 500 && answer.find("Asia/Tokyo") == std::string::npos; ++i) {
    answer = baton.command(command_form(slack, "whoami", "U0SAMSTAFF", "t-" + std::to_string(i))).body;
    std::this_thread::sleep_for(10ms);
  }
  const json reply = json::parse(answer);
  CHECK(reply["text"] == "Ce que baton sait de vous");
  CHECK(reply.dump().find("Asia/Tokyo") != std::string::npos);
}
