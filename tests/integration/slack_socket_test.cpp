// baton in Slack's Socket Mode, end to end: no public URL, a WebSocket out to a fake Slack, envelopes in,
// acknowledgements back, and the connection changes Slack asks for or suffers.
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "tests/support/slack_binary.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;
using test::FakeSlack;
using test::SlackBaton;

namespace {

json mention(const std::string& event_id, const std::string& text) {
  return json::parse(test::event_envelope(
      event_id, R"({"type":"app_mention","user":"U0SAMSTAFF","channel":"C0LOGISTIC","text":"<@U0BATON> )" +
                    text + R"(","ts":"1.1"})"));
}

}  // namespace

TEST_CASE("Socket Mode: a command arrives over the socket and is answered in its acknowledgement",
          "[binary][slack][socket]") {
  FakeSlack slack;
  SlackBaton baton(slack, test::BatonSetup{}, true);
  auto& socket = slack.socket_mode();
  REQUIRE(socket.wait_for_connections(1));
  CHECK(slack.calls("apps.connections.open").size() == 1);

  socket.send(0, test::slash_command_envelope("env-cmd-1", "team"));
  const auto ack = socket.wait_for_ack("env-cmd-1");
  REQUIRE(ack);
  CHECK((*ack)["payload"]["text"] == "Team map — Test Shop");
  CHECK((*ack)["payload"]["response_type"] == "ephemeral");
  // Nothing listens for Slack over HTTP in this mode.
  CHECK(test::http_get(baton.port, "/slack/commands").status == 404);
}

TEST_CASE("Socket Mode: an event is acknowledged once stored, and a resent one is not handled twice",
          "[binary][slack][socket]") {
  FakeSlack slack;
  SlackBaton baton(slack, test::BatonSetup{}, true);
  auto& socket = slack.socket_mode();
  REQUIRE(socket.wait_for_connections(1));
  socket.send(0, test::events_api_envelope("env-ev-1", mention("Ev0SOCK1", "whoami")));
  REQUIRE(socket.wait_for_ack("env-ev-1"));
  socket.send(0, test::events_api_envelope("env-ev-2", mention("Ev0SOCK1", "whoami"), 1));
  REQUIRE(socket.wait_for_ack("env-ev-2"));
  socket.send(0, test::events_api_envelope("env-ev-3", mention("Ev0SOCK2", "help")));
  REQUIRE(socket.wait_for_ack("env-ev-3"));
  REQUIRE(slack.wait_for("chat.postEphemeral", 2));
  const auto answers = slack.calls("chat.postEphemeral");
  REQUIRE(answers.size() == 2);
  CHECK(answers[0].arguments["text"] == "What baton knows about you");
  CHECK(answers[1].arguments["text"] == "What baton can do for you");
}

TEST_CASE("Socket Mode: on refresh_requested the next connection opens first and no envelope is lost",
          "[binary][slack][socket]") {
  FakeSlack slack;
  SlackBaton baton(slack, test::BatonSetup{}, true);
  auto& socket = slack.socket_mode();
  REQUIRE(socket.wait_for_connections(1));
  socket.request_disconnect(0, "refresh_requested");
  REQUIRE(socket.wait_for_connections(2));
  CHECK(slack.calls("apps.connections.open").size() == 2);
  // Slack may still deliver on the old connection until it drops it: baton keeps reading it meanwhile.
  socket.send(0, test::slash_command_envelope("env-old", "whoami"));
  const auto on_old = socket.wait_for_ack("env-old");
  REQUIRE(on_old);
  CHECK((*on_old)["payload"]["text"] == "What baton knows about you");
  socket.send(1, test::slash_command_envelope("env-new", "help"));
  REQUIRE(socket.wait_for_ack("env-new"));
  CHECK(socket.received(1).back()["envelope_id"] == "env-new");
}

TEST_CASE("Socket Mode: a dropped connection is replaced", "[binary][slack][socket]") {
  FakeSlack slack;
  SlackBaton baton(slack, test::BatonSetup{}, true);
  auto& socket = slack.socket_mode();
  REQUIRE(socket.wait_for_connections(1));
  socket.drop(0);
  REQUIRE(socket.wait_for_connections(2));
  socket.send(1, test::slash_command_envelope("env-after", "whoami"));
  REQUIRE(socket.wait_for_ack("env-after"));
  CHECK(baton.process->wait_for_err("slack socket mode connection lost"));
}

TEST_CASE("Socket Mode: baton stops cleanly, closing its connection", "[binary][slack][socket]") {
  FakeSlack slack;
  SlackBaton baton(slack, test::BatonSetup{}, true);
  auto& socket = slack.socket_mode();
  REQUIRE(socket.wait_for_connections(1));
  baton.process->signal(SIGTERM);
  const auto status = baton.process->wait(15s);
  INFO(baton.process->err());
  CHECK(status == 0);
  for (int i = 0; i < 500 && socket.is_open(0); ++i)
    std::this_thread::sleep_for(10ms);
  CHECK_FALSE(socket.is_open(0));
}

TEST_CASE("the Slack example config is a working Slack bot", "[binary][slack][examples]") {
  FakeSlack slack;
  test::TempDir dir;
  // The example as shipped, pointed at the fake Slack instead of slack.com.
  std::ifstream in(std::string(BATON_SOURCE_DIR) + "/deploy/examples/slack.yaml");
  std::string config((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  config.replace(config.find("slack:\n"), 7, "slack:\n  api_base_url: " + slack.api_base_url() + "\n");
  const auto file = dir.write("slack.yaml", config);
  test::Process baton(
      BATON_BINARY,
      {"serve", "--config", file.string(), "--listen", "127.0.0.1:0", "--store", (dir / "b.db").string()},
      {{"SLACK_BOT_TOKEN", test::kBotToken}, {"SLACK_APP_TOKEN", test::kAppToken}});
  test::listening_port(baton);
  REQUIRE(slack.socket_mode().wait_for_connections(1));
  slack.socket_mode().send(0, test::slash_command_envelope("env-example", "team", "U04SOPHIE1"));
  const auto ack = slack.socket_mode().wait_for_ack("env-example");
  REQUIRE(ack);
  CHECK((*ack)["payload"]["text"] == "Organisation — Maison Lumière");
}
