// Three batons on one PostgreSQL behind no load balancer but the test, which spreads Slack's requests
// across them: commands, a retried event landing on another instance, one button clicked on two at once.
// A stand-up falls due; one instance is killed (SIGKILL) while it holds messages it claimed. Checked: each
// prompt posted once, each message delivered once, one acceptance of the handoff, and the survivors
// delivered what the dead one had claimed once its lease ran out.
#include <csignal>
#include <map>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/http/form.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/stores.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr auto kLease = 5s;
// The channel's pace: a second message in a lane waits this long, claimed, before it is sent.
constexpr auto kPace = 3s;

// Monday 23 November 2026, 09:29:52 in Paris: the 09:30 stand-up falls due eight seconds after start.
constexpr const char* kClockStart = "2026-11-23T08:29:52Z";

std::string instances_config(const test::FakeSlack& slack, const postgres::ConnectionOptions& server,
                             const std::string& schema) {
  std::string config = test::slack_config(slack.api_base_url(), test::kLogisticsStandup + R"(store:
  url: )" + server.url + R"(
  password_env: BATON_DB_PASSWORD
  schema: )" + schema + R"(
  lease: 5s
  connections: 2
http_client: {timeout: 1s}
)");
  const std::string fast = "channel_interval: 50ms";
  config.replace(config.find(fast), fast.size(), "channel_interval: 3s\n  channel_burst: 1");
  return config;
}

class Instance {
 public:
  Instance(const std::filesystem::path& config, const std::string& password) {
    process = std::make_unique<test::Process>(
        BATON_BINARY,
        std::vector<std::string>{"serve", "--config", config.string(), "--listen", "127.0.0.1:0"},
        std::map<std::string, std::string>{{"SLACK_SIGNING_SECRET", test::kSigningSecret},
                                           {"SLACK_APP_TOKEN", test::kAppToken},
                                           {"SLACK_BOT_TOKEN", test::kBotToken},
                                           {"BATON_DB_PASSWORD", password},
                                           {"BATON_CLOCK_START", kClockStart}});
    port = test::listening_port(*process);
  }

  test::HttpReply post(const std::string& path, const std::string& body, const std::string& content_type) {
    test::HttpConnection c("127.0.0.1", port);
    return c.request("POST", path, body,
                     test::slack_headers(body, content_type, test::kSigningSecret, stamp()));
  }
  test::HttpReply command(const std::string& form) {
    return post("/slack/commands", form, "application/x-www-form-urlencoded");
  }

  std::unique_ptr<test::Process> process;
  int port = 0;

 private:
  // Signed at the instances' time, which started at kClockStart a few seconds ago.
  static std::string stamp() {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(parse_iso8601(kClockStart)->time_since_epoch())
            .count());
  }
};

std::string click_form(const test::FakeSlack& slack, const std::string& user, const std::string& hook) {
  const json payload{
      {"type", "block_actions"},
      {"user", {{"id", user}}},
      {"channel", {{"id", "C0LOGISTIC"}}},
      {"container", {{"type", "message"}, {"message_ts", "1700000001.000100"}, {"channel_id", "C0LOGISTIC"}}},
      {"response_url", slack.response_url(hook)},
      {"trigger_id", "1234.5678"},
      {"actions",
       {{{"action_id", "handoff.accept"},
         {"value", "H-1"},
         {"type", "button"},
         {"action_ts", "1700000002.1"}}}}};
  return form_encode({{"payload", payload.dump()}});
}

// How many messages posted to `channel` contain `text`.
std::size_t posts_with(const test::FakeSlack& slack, const std::string& channel, const std::string& text) {
  std::size_t count = 0;
  for (const auto& call : slack.calls("chat.postMessage")) {
    if (call.arguments.value("channel", "") == channel &&
        call.arguments.dump().find(text) != std::string::npos)
      ++count;
  }
  return count;
}

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

}  // namespace

TEST_CASE("three instances on one PostgreSQL: one killed, nothing lost, nothing doubled",
          "[binary][postgres][instances]") {
  const auto server = test::postgres_server();
  if (!server) return;
  test::FakeSlack slack;
  test::TempDir dir;
  const auto config = dir.write("baton.yaml", instances_config(slack, *server, test::schema_for(dir)));
  Instance a(config, server->password);
  Instance b(config, server->password);
  Instance c(config, server->password);

  // Ada asks Logistics three things through instance a. Its outbox sends the first card and the first
  // message to Marc, the referent, at once; the second of each waits for the channel's pace, claimed.
  for (const std::string title : {"Task A1", "Task A2", "Task A3"}) {
    const auto asked =
        a.command(test::command_form(slack, "handoff logistics \"" + title + "\"", "U0ADAADMIN"));
    REQUIRE(asked.status == 200);
  }
  REQUIRE(wait_until([&] { return posts_with(slack, "C0LOGISTIC", "Task A1") == 1; }, 20s));
  REQUIRE(wait_until([&] { return posts_with(slack, "DU0MARCMANA", "Task A1") == 1; }, 20s));
  std::this_thread::sleep_for(500ms);  // a records both as sent; its next claims are mid-pace
  a.process->signal(SIGKILL);
  REQUIRE(a.process->wait() == 128 + SIGKILL);
  const auto killed = std::chrono::steady_clock::now();
  CHECK(posts_with(slack, "C0LOGISTIC", "Task A2") == 0);

  // The survivors take requests: a handoff on each, a retried event on the other, one button clicked on
  // both at once.
  REQUIRE(b.command(test::command_form(slack, "handoff logistics \"Task B1\"", "U0ADAADMIN")).status == 200);
  REQUIRE(c.command(test::command_form(slack, "handoff logistics \"Task C1\"", "U0ADAADMIN")).status == 200);
  const std::string event = test::event_envelope("Ev0HELP01", test::dm_event("U0SAMSTAFF", "help"));
  CHECK(b.post("/slack/events", event, "application/json").status == 200);
  CHECK(c.post("/slack/events", event, "application/json").status == 200);  // Slack's retry, elsewhere
  test::HttpReply on_b;
  test::HttpReply on_c;
  std::thread click_b([&] {
    on_b = b.post("/slack/interactivity", click_form(slack, "U0SAMSTAFF", "b"),
                  "application/x-www-form-urlencoded");
  });
  std::thread click_c([&] {
    on_c = c.post("/slack/interactivity", click_form(slack, "U0SAMSTAFF", "c"),
                  "application/x-www-form-urlencoded");
  });
  click_b.join();
  click_c.join();
  CHECK(on_b.status == 200);
  CHECK(on_c.status == 200);

  // What a had claimed goes out once its lease has run out, sent by b or c.
  REQUIRE(wait_until([&] { return posts_with(slack, "C0LOGISTIC", "Task A2") == 1; }, 30s));
  const auto taken_over = std::chrono::steady_clock::now() - killed;
  CHECK(taken_over < kLease + kPace + 3s);

  // Everything stored is delivered: the cards, Marc's messages, the stand-up prompts, the answers.
  ManualClock clock(*parse_iso8601(kClockStart));
  const auto store = test::open_store("postgres", dir, clock);
  REQUIRE(wait_until([&] { return store->outbox_stats().pending == 0; }, 90s));
  CHECK(store->outbox_stats().failed == 0);

  // Once each.
  for (const std::string title : {"Task A1", "Task A2", "Task A3", "Task B1", "Task C1"}) {
    INFO(title);
    CHECK(posts_with(slack, "C0LOGISTIC", title) == 1);
    CHECK(posts_with(slack, "DU0MARCMANA", title) == 1);
  }
  const auto standup = store->occurrences("standup", "2026-11-23", "2026-11-23");
  CHECK(standup.size() == 2);  // Marc's prompt and Sam's, each claimed by one instance
  CHECK(posts_with(slack, "DU0MARCMANA", "1/3") == 1);
  CHECK(posts_with(slack, "DU0SAMSTAFF", "1/3") == 1);
  // The event handled once, by whichever instance stored it first.
  std::size_t answers = 0;
  for (const auto& call : slack.calls("chat.postMessage")) {
    if (call.arguments.value("channel", "") == "DU0SAMSTAFF" &&
        call.arguments.dump().find("1/3") == std::string::npos)
      ++answers;
  }
  CHECK(answers == 1);
  // H-1 accepted once; the second click was told it was taken.
  std::size_t accepted = 0;
  for (const HandoffEvent& change : store->handoff_events(1)) {
    if (change.action == "accepted") ++accepted;
  }
  CHECK(accepted == 1);
  REQUIRE(store->handoff(1));
  CHECK(store->handoff(1)->state == HandoffState::accepted);
  CHECK(slack.wait_for("chat.postEphemeral", 1));
  CHECK(slack.calls("chat.postEphemeral").size() == 1);

  // No message was posted twice, whatever it was.
  std::map<std::string, int> seen;
  for (const auto& call : slack.calls("chat.postMessage"))
    ++seen[call.arguments.dump()];
  for (const auto& [message, times] : seen) {
    INFO(message);
    CHECK(times == 1);
  }
  // `baton reload` reaches every instance started from this config on this host, and skips the dead one.
  const auto reloaded = test::run_to_end(BATON_BINARY, {"reload", "--config", config.string()}, "",
                                         {{"SLACK_SIGNING_SECRET", test::kSigningSecret},
                                          {"SLACK_BOT_TOKEN", test::kBotToken},
                                          {"BATON_DB_PASSWORD", server->password}});
  CHECK(reloaded.status == 0);
  CHECK_THAT(reloaded.out, Catch::Contains("(pid " + std::to_string(b.process->pid()) + ") is reloading"));
  CHECK_THAT(reloaded.out, Catch::Contains("(pid " + std::to_string(c.process->pid()) + ") is reloading"));
  CHECK_THAT(reloaded.err, Catch::Contains("no longer runs; skipped"));
  CHECK(b.process->wait_for_err("config reloaded"));
  CHECK(c.process->wait_for_err("config reloaded"));

  b.process->signal(SIGTERM);
  c.process->signal(SIGTERM);
  CHECK(b.process->wait() == 0);
  CHECK(c.process->wait() == 0);
  CHECK_THAT(b.process->err() + c.process->err(), !Catch::Contains(server->password));
}

TEST_CASE("Socket Mode on several instances: one holds the connection, another takes it over when it dies",
          "[binary][postgres][instances][socket]") {
  const auto server = test::postgres_server();
  if (!server) return;
  test::FakeSlack slack;
  test::TempDir dir;
  const auto config = dir.write("baton.yaml", test::slack_config(slack.api_base_url(), R"(store:
  url: )" + server->url + R"(
  password_env: BATON_DB_PASSWORD
  schema: )" + test::schema_for(dir) + R"(
  lease: 5s
http_client: {timeout: 2s}
)",
                                                                 true));
  const auto start = [&] { return std::make_unique<Instance>(config, server->password); };
  auto& socket = slack.socket_mode();
  auto first = start();
  REQUIRE(socket.wait_for_connections(1));
  auto second = start();
  // Renewed every second: the second instance finds it held and stays off Slack.
  std::this_thread::sleep_for(2500ms);
  CHECK(socket.connections() == 1);
  CHECK_THAT(second->process->err(), !Catch::Contains("lease taken"));

  first->process->signal(SIGKILL);
  REQUIRE(first->process->wait() == 128 + SIGKILL);
  const auto killed = std::chrono::steady_clock::now();
  REQUIRE(socket.wait_for_connections(2));
  CHECK(std::chrono::steady_clock::now() - killed < kLease + 3s);
  socket.send(1, test::slash_command_envelope("env-after-kill", "team"));
  const auto ack = socket.wait_for_ack("env-after-kill");
  REQUIRE(ack);
  CHECK((*ack)["payload"]["text"] == "Team map — Test Shop");

  // A clean stop gives the lease up: the next instance connects without waiting it out.
  auto third = start();
  std::this_thread::sleep_for(2500ms);
  CHECK(socket.connections() == 2);
  second->process->signal(SIGTERM);
  CHECK(second->process->wait() == 0);
  const auto stopped = std::chrono::steady_clock::now();
  REQUIRE(socket.wait_for_connections(3));
  CHECK(std::chrono::steady_clock::now() - stopped < kLease - 1s);
  CHECK_THAT(second->process->err(), Catch::Contains("lease given up"));
  third->process->signal(SIGTERM);
  CHECK(third->process->wait() == 0);
}
