// SlackInbound's promises that need a controlled store: Slack gets an answer inside its 3 seconds even
// when the store hangs, and the late answer still reaches the user.
#include "integrations/slack/slack_inbound.hpp"

#include <condition_variable>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/system_clock.hpp"
#include "tests/support/forwarding_store.hpp"
#include "tests/support/test_bot.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

// SQLite, except that reading a member's language waits until the test opens the gate: a store
// stuck behind a lock, on demand.
class GatedStore final : public test::ForwardingStore {
 public:
  explicit GatedStore(Store& inner) : ForwardingStore(&inner), inner_(inner) {}
  void open() {
    const std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  std::optional<Locale> member_locale(const std::string& key) override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return open_; });
    return inner_.member_locale(key);
  }

 private:
  Store& inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
};

}  // namespace

TEST_CASE("a command slower than Slack's 3 s is acknowledged in time and answered through response_url",
          "[slack][inbound][budget]") {
  test::TempDir dir;
  Config config = test::team_config();
  SystemClock clock;
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  GatedStore gated(sqlite);
  StoreExecutor store(gated);  // its own thread, as in baton: the gate blocks it, not the network
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::thread network([&] { io.run(); });
  Metrics metrics;
  Profiles profiles;
  Services services{config.org, profiles,       store,
                    clock,      Log::discard(), {"1", clock.now(), {Platform::slack}}};
  CommandLayer commands(services);
  Outbox outbox(io.get_executor(), store, clock, {}, metrics, Log::discard());
  SlackConfig slack_config;
  HttpClient http(io.get_executor(), {});
  slack::WebApi api(http, "http://127.0.0.1:1/api", Secret("xoxb-unused-0000"), Log::discard());
  slack::SlackInbound inbound(slack_config, commands, outbox, store, api, config.org, clock, metrics,
                              Log::discard());

  const auto form = Form::parse(form_encode({{"user_id", "U0SAMSTAFF"},
                                             {"channel_id", "C0LOGISTIC"},
                                             {"command", "/baton"},
                                             {"text", "whoami"},
                                             {"response_url", "https://hooks.slack.com/commands/T1/2/3"},
                                             {"trigger_id", "trigger-1"}}));
  // The answer comes while the store is still blocked: the command's own reply cannot have been waited
  // for. The budget itself is a constant under Slack's 3 seconds.
  static_assert(slack::SlackInbound::kCommandBudget < std::chrono::seconds(3));
  auto answer = boost::asio::co_spawn(io, inbound.slash_command(slack::SlashCommand::from(*form)),
                                      boost::asio::use_future);
  const nlohmann::json ack = nlohmann::json::parse(answer.get());
  CHECK(ack["text"] == "Working on it…");
  CHECK(ack["response_type"] == "ephemeral");

  gated.open();
  std::vector<OutboxItem> pending;
  for (int i = 0; i < 1000 && pending.empty(); ++i) {
    std::this_thread::sleep_for(10ms);
    pending = sqlite.outbox_items(OutboxState::pending, 10);
  }
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].key == "slack:command:trigger-1");
  CHECK(pending[0].destination.kind == Destination::Kind::response);
  CHECK(pending[0].destination.response_url == "https://hooks.slack.com/commands/T1/2/3");
  CHECK(pending[0].message.summary() == "What baton knows about you");
  CHECK(metrics.render().find(R"(baton_slack_commands_total{answer="later"} 1)") != std::string::npos);

  work.reset();
  network.join();
  store.join();
}

TEST_CASE("mentions addressing baton are taken off, and Slack's escapes undone", "[slack][inbound]") {
  CHECK(slack::strip_leading_mentions("<@U0BATON> team logistics") == "team logistics");
  CHECK(slack::strip_leading_mentions("<@U0BATON|baton>  <@U0OTHER> help") == "help");
  CHECK(slack::strip_leading_mentions("team <@U0SAM>") == "team <@U0SAM>");
  CHECK(slack::strip_leading_mentions("<@broken") == "<@broken");
  CHECK(slack::unescape("a &amp; b &lt;c&gt; &amp;lt;") == "a & b <c> &lt;");
}
