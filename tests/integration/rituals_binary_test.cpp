// Rituals through the real binary against a fake Slack, its clock started at a chosen instant
// (BATON_CLOCK_START): killed with occurrences due, restarted, every prompt delivered once; a reload
// moving a ritual takes effect without a restart; `baton simulate` on the example.
#include <random>

#include <catch2/catch.hpp>
#include <signal.h>

#include "tests/support/binary.hpp"
#include "tests/support/slack_binary.hpp"

using namespace baton;

namespace {

const std::string& kStandup = test::kLogisticsStandup;

// baton serve on Slack, its clock starting at `clock_start`.
std::unique_ptr<test::Process> start_baton(const test::TempDir& dir, const std::string& config,
                                           const std::string& clock_start) {
  auto process = std::make_unique<test::Process>(
      BATON_BINARY,
      std::vector<std::string>{"serve", "--config", config, "--listen", "127.0.0.1:0", "--store",
                               (dir / "baton.db").string()},
      std::map<std::string, std::string>{{"SLACK_SIGNING_SECRET", test::kSigningSecret},
                                         {"SLACK_BOT_TOKEN", test::kBotToken},
                                         {"BATON_CLOCK_START", clock_start}});
  REQUIRE(process->wait_for_err("scheduler timeline built"));
  return process;
}

std::size_t prompts_to(const test::FakeSlack& slack, const std::string& text) {
  std::size_t count = 0;
  for (const auto& call : slack.calls("chat.postMessage")) {
    if (call.arguments.dump().find(text) != std::string::npos) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("killed with prompts due, baton sends each exactly once after restart", "[binary][rituals]") {
  test::FakeSlack slack;
  test::TempDir dir;
  const auto config = dir.write("baton.yaml", test::slack_config(slack.api_base_url(), kStandup));

  // 09:00 in Paris: baton starts and notes where its scheduler stands.
  auto first = start_baton(dir, config.string(), "2026-11-23T08:00:00Z");
  first->signal(SIGTERM);
  REQUIRE(first->wait() == 0);

  // 09:35: the 09:30 prompts are due. Slack is down, so they wait in the outbox; baton is killed.
  slack.start_outage(503);
  auto second = start_baton(dir, config.string(), "2026-11-23T08:35:00Z");
  REQUIRE(second->wait_for_err("ritual occurrences run"));
  CHECK_THAT(second->err(), Catch::Contains("ran=2 missed=0"));
  second->signal(SIGKILL);
  REQUIRE(second->wait() == 128 + SIGKILL);
  CHECK(prompts_to(slack, "1/3") == 0);

  // 09:36, Slack is back: the stored prompts go out once, and the scheduler runs nothing again.
  slack.end_outage();
  auto third = start_baton(dir, config.string(), "2026-11-23T08:36:00Z");
  REQUIRE(slack.wait_for("chat.postMessage", 2));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(prompts_to(slack, "1/3") == 2);
  CHECK(prompts_to(slack, "Marc") == 1);
  CHECK(prompts_to(slack, "Sam") == 1);
  CHECK_THAT(third->err(), !Catch::Contains("ritual occurrences run"));
  third->signal(SIGTERM);
  CHECK(third->wait() == 0);
}

TEST_CASE("killed at random moments around a stand-up's firing, baton sends each prompt once",
          "[binary][rituals][faults]") {
  std::mt19937 draw(20261201);
  for (int round = 0; round < 3; ++round) {
    const int delay = std::uniform_int_distribution<int>(0, 1500)(draw);
    INFO("round " << round << ", killed " << delay << " ms after its scheduler started");
    test::FakeSlack slack;
    test::TempDir dir;
    const auto config = dir.write("baton.yaml", test::slack_config(slack.api_base_url(), kStandup));
    // Half a second before the 09:30 prompts fall due; killed before, while or after they are stored and
    // sent, whichever the draw says.
    auto first = start_baton(dir, config.string(), "2026-11-23T08:29:59.500Z");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    first->signal(SIGKILL);
    REQUIRE(first->wait() == 128 + SIGKILL);

    auto second = start_baton(dir, config.string(), "2026-11-23T08:31:00Z");
    REQUIRE(slack.wait_for("chat.postMessage", 2));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(prompts_to(slack, "Marc") == 1);
    CHECK(prompts_to(slack, "Sam") == 1);
    CHECK(slack.calls("chat.postMessage").size() == 2);
    second->signal(SIGTERM);
    CHECK(second->wait() == 0);
  }
}

TEST_CASE("a reload moves a ritual without a restart, a broken config is refused and changes nothing",
          "[binary][rituals][reload]") {
  test::FakeSlack slack;
  test::TempDir dir;
  const auto config = dir.write("baton.yaml", test::slack_config(slack.api_base_url(), kStandup));
  // 09:30:55 in Paris, just after today's 09:30 stand-up time. A broken file is refused first; then the
  // stand-up moves to 09:31, a few seconds ahead.
  auto baton = start_baton(dir, config.string(), "2026-11-23T08:30:55Z");

  std::string moved = test::slack_config(slack.api_base_url(), kStandup);
  moved.replace(moved.find("weekdays 09:30"), 14, "weekdays 09:31");
  dir.write("baton.yaml", moved.substr(0, moved.find("rituals:")) + "rituals: [{key: oops}]\n");
  const auto refused = test::run_to_end(
      BATON_BINARY, {"reload", "--config", config.string(), "--store", (dir / "baton.db").string()});
  CHECK(refused.status == 2);  // checked before any signal is sent
  baton->signal(SIGHUP);       // as systemctl reload would, without checking
  REQUIRE(baton->wait_for_err("config reload refused"));

  dir.write("baton.yaml", moved);
  const auto reloaded = test::run_to_end(
      BATON_BINARY, {"reload", "--config", config.string(), "--store", (dir / "baton.db").string()}, "",
      {{"SLACK_SIGNING_SECRET", test::kSigningSecret}, {"SLACK_BOT_TOKEN", test::kBotToken}});
  CHECK(reloaded.status == 0);
  CHECK_THAT(reloaded.out, Catch::Contains("is reloading"));
  REQUIRE(baton->wait_for_err("config reloaded"));
  CHECK(prompts_to(slack, "1/3") == 0);
  REQUIRE(slack.wait_for("chat.postMessage", 2));
  CHECK(prompts_to(slack, "1/3") == 2);
  baton->signal(SIGTERM);
  CHECK(baton->wait() == 0);
}

TEST_CASE("simulate prints every message of the example config in time order, sending none",
          "[binary][cli]") {
  const auto done = test::run_to_end(BATON_BINARY, {"simulate", "--config", BATON_EXAMPLE_CONFIG, "--from",
                                                    "2026-12-24", "--to", "2026-12-26"});
  CHECK(done.status == 0);
  CHECK_THAT(done.out, Catch::Contains("Thu 2026-12-24 08:45 America/Montreal  console  baton → @julie "
                                       "(direct message)\n  Stand-up service client"));
  CHECK_THAT(done.out,
             Catch::Contains("skipped  standup-marketing/prompt/2026-12-24/camille (holiday: Veille de "
                             "Noël)"));
  CHECK_THAT(done.out, Catch::Contains("nothing was sent."));
  const auto bad = test::run_to_end(BATON_BINARY, {"simulate", "--config", BATON_EXAMPLE_CONFIG, "--from",
                                                   "2026-12-24", "--to", "2026-12-01"});
  CHECK(bad.status == 2);
}
