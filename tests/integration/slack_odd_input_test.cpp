// What outside checks tried on baton's Slack routes, end to end: payloads of unexpected shapes, Slack's
// certificate check, a slow views.open, a command baton died before answering, the team map's buttons (a
// stand-up report's Hand off buttons, the other place a block repeats an action, are in block_kit_test).
// Each is the real binary against the fake Slack, which refuses what Slack refuses.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sqlite3.h>

#include "bot/core/http/form.hpp"
#include "tests/support/slack_binary.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;
using test::command_form;
using test::FakeSlack;
using test::SlackBaton;

namespace {

// A click on the team map's Logistics button, as Slack sends it.
json click_payload(const FakeSlack& slack) {
  return {
      {"type", "block_actions"},
      {"team", {{"id", "T0TEST"}}},
      {"user", {{"id", "U0SAMSTAFF"}}},
      {"channel", {{"id", "C0LOGISTIC"}}},
      {"container", {{"type", "message"}, {"message_ts", "1700000001.000100"}, {"channel_id", "C0LOGISTIC"}}},
      {"response_url", slack.response_url("odd")},
      {"trigger_id", "1234.5678"},
      {"actions", {{{"action_id", "team.show"}, {"value", "logistics"}, {"action_ts", "1700000002.1"}}}}};
}

std::string message_of(const test::HttpReply& reply) {
  const json body = json::parse(reply.body, nullptr, false);
  return body.is_object() ? body.value("message", "") : "";
}

}  // namespace

TEST_CASE("Slack's certificate check is answered 200 with nothing, before any signature",
          "[binary][slack][outside]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  test::HttpConnection c("127.0.0.1", baton.port);
  const auto check = c.request("POST", "/slack/commands", "ssl_check=1&token=abc",
                               "Content-Type: application/x-www-form-urlencoded\r\n");
  CHECK(check.status == 200);
  CHECK(check.body.empty());
  // Anything else unsigned is still refused.
  CHECK(c.request("POST", "/slack/commands", "text=help&ssl_check=0",
                  "Content-Type: application/x-www-form-urlencoded\r\n")
            .status == 401);
}

TEST_CASE("Slack payloads with fields of unexpected types are refused with 400 naming the field, never a 500",
          "[binary][slack][outside]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  const auto refused = [&](const json& payload, const std::string& field) {
    INFO(payload.dump());
    const auto reply = baton.interaction(form_encode({{"payload", payload.dump()}}));
    CHECK(reply.status == 400);
    CHECK_THAT(message_of(reply), Catch::Contains(field));
  };
  json payload = click_payload(slack);
  payload["actions"][0]["action_id"] = 5;
  refused(payload, "/action_id is number, not a string");
  payload = click_payload(slack);
  payload["actions"][0]["value"] = {{"a", 1}};
  refused(payload, "/value is object, not a string");
  payload = click_payload(slack);
  payload["response_url"] = 7;
  refused(payload, "/response_url is number, not a string");
  const json submission{{"type", "view_submission"}, {"user", {{"id", "U0SAMSTAFF"}}}, {"view", "a view"}};
  refused(submission, "/view is string, not an object");
  json metadata = submission;
  metadata["view"] = {{"callback_id", "language.choose"}, {"private_metadata", R"({"channel":5})"}};
  refused(metadata, "/channel is number, not a string");

  // An event that cannot be read is refused before it is kept: Slack is not told it was received, and
  // nothing is tried again later.
  const auto event = baton.event(test::event_envelope(
      "Ev0ODD",
      R"({"type":"message","channel_type":"im","channel":"DU0SAMSTAFF","user":"U0SAMSTAFF","text":5})"));
  CHECK(event.status == 400);
  CHECK(message_of(event) == "the payload cannot be read: /text is number, not a string");
  const auto user = baton.event(test::event_envelope(
      "Ev0ODD2",
      R"({"type":"message","channel_type":"im","channel":"DU0SAMSTAFF","user":["U0SAMSTAFF"],"text":"hi"})"));
  CHECK(user.status == 400);
  // An event baton does not answer is not judged by the fields it does not read (user_change's user is
  // an object): acknowledged, and ignored.
  CHECK(baton.event(test::event_envelope("Ev0USER", R"({"type":"user_change","user":{"id":"U0SAMSTAFF"}})"))
            .status == 200);
  CHECK_FALSE(baton.process->wait_for_err("slack event not handled", 1s));
  // What Slack does send is still answered.
  CHECK(baton.interaction(form_encode({{"payload", click_payload(slack).dump()}})).status == 200);
  REQUIRE(slack.wait_for("response_url", 1));
  CHECK(baton.metrics().find("status=\"500\"") == std::string::npos);
}

TEST_CASE("a modal is opened right after the acknowledgement: a slow views.open does not hold the answer",
          "[binary][slack][outside][dialog]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  slack.stall_next("views.open", 2, 3500ms);
  const auto started = std::chrono::steady_clock::now();
  const auto opened = baton.command(command_form(slack, "language", "U0SAMSTAFF", "trigger-slow-1"));
  const auto answered_in = std::chrono::steady_clock::now() - started;
  CHECK(opened.status == 200);
  CHECK(opened.body.empty());
  // Answered before Slack had answered views.open, which it holds 3.5 s: the answer did not wait for it.
  CHECK(answered_in < 3s);
  REQUIRE(slack.wait_for("views.open", 1));
  // The same for a button that opens a form: Reject on a handoff, which asks why.
  CHECK(baton.command(command_form(slack, "handoff logistics \"Count the shelves\"", "U0ADAADMIN", "t-h1"))
            .status == 200);
  json click = click_payload(slack);
  click["actions"][0]["action_id"] = "handoff.reject";
  click["actions"][0]["value"] = "H-1";
  click["trigger_id"] = "trigger-slow-2";
  const auto clicked_at = std::chrono::steady_clock::now();
  CHECK(baton.interaction(form_encode({{"payload", click.dump()}})).status == 200);
  CHECK(std::chrono::steady_clock::now() - clicked_at < 3s);
  REQUIRE(slack.wait_for("views.open", 2));
  CHECK(slack.calls("views.open").at(1).arguments["view"]["callback_id"] == "handoff.reason");
}

TEST_CASE("a command baton died before answering is said to have been interrupted, once it is back",
          "[binary][slack][outside][pending]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);
  // What the store held when baton died answering "Working on it…" to a handoff 2 minutes ago.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((baton.dir / "baton.db").c_str(), &db) == SQLITE_OK);
  const auto typed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            (std::chrono::system_clock::now() - 2min).time_since_epoch())
                            .count();
  const std::string insert =
      "INSERT INTO pending_commands VALUES ('slack:command:T-DIED', 'slack', 'U0SAMSTAFF', 'sam', "
      "'C0LOGISTIC', 'handoff logistics \"Restock SKU-123\"', '" +
      slack.response_url("died") + "', " + std::to_string(typed_ms) + ", " + std::to_string(typed_ms) + ")";
  REQUIRE(sqlite3_exec(db, insert.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  baton.start();
  REQUIRE(slack.wait_for("response_url", 1));
  const auto told = slack.calls("response_url").at(0);
  CHECK(told.path == "/hooks/commands/T0TEST/1234/died");
  CHECK_THAT(told.arguments.value("text", ""),
             Catch::Contains("baton could not finish /baton handoff logistics \"Restock SKU-123\" (typed "));
  CHECK_THAT(told.arguments["blocks"].dump(), Catch::Contains("`/baton handoff logistics"));
  // Told once, even across another restart.
  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);
  baton.start();
  CHECK(baton.command(command_form(slack, "whoami", "U0SAMSTAFF", "t-later")).status == 200);
  CHECK(slack.calls("response_url").size() == 1);
}

TEST_CASE("the team map's department buttons are a message Slack takes, and each click shows its department",
          "[binary][slack][outside][blocks]") {
  FakeSlack slack;
  SlackBaton baton(slack, R"(  - key: it
    name: IT
    referent: ada
    members: [ada]
    channels: {slack: C0ITDEPART}
)");
  // The map answers the command itself (Slack refuses an answer with repeated action_ids: SlackBaton's
  // command() checks it), and in a channel through the outbox, where the fake Slack checks it.
  const auto map = baton.command(command_form(slack, "team", "U0SAMSTAFF", "t-map"));
  CHECK(map.status == 200);
  CHECK(json::parse(map.body)["blocks"].dump().find("team.show#1") != std::string::npos);
  CHECK(baton.event(test::event_envelope("Ev0MAP", test::dm_event("U0SAMSTAFF", "team"))).status == 200);
  REQUIRE(slack.wait_for("chat.postMessage", 1));
  CHECK(slack.invalid_payloads().empty());
  // A click on the second button shows that department.
  json click = click_payload(slack);
  click["actions"][0]["action_id"] = "team.show#1";
  click["actions"][0]["value"] = "it";
  CHECK(baton.interaction(form_encode({{"payload", click.dump()}})).status == 200);
  REQUIRE(slack.wait_for("response_url", 1));
  CHECK(slack.calls("response_url").at(0).arguments["text"] == "IT");
}
