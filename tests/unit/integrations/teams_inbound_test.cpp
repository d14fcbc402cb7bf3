// TeamsInbound's promises that need a controlled store: an activity whose handling keeps failing is tried
// a few more times, then given up, its author told in the conversation they wrote in.
#include "integrations/teams/teams_inbound.hpp"

#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "tests/support/forwarding_store.hpp"
#include "tests/support/test_bot.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

// SQLite, except that no activity can be marked handled, as when the disk is full.
class NeverHandled final : public test::ForwardingStore {
 public:
  explicit NeverHandled(Store& inner) : ForwardingStore(&inner) {}
  void mark_event_handled(const std::string&, const std::string&, SysTime) override {
    throw StoreUnavailable("disk I/O error");
  }
};

}  // namespace

TEST_CASE(
    "Teams: an activity whose handling keeps failing is given up after a few more tries, its author told",
    "[teams][inbound][retries]") {
  test::TempDir dir;
  Config config = test::team_config();
  ManualClock clock{*parse_iso8601("2026-11-23T08:00:00Z")};
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  NeverHandled failing(sqlite);
  boost::asio::io_context io;
  StoreExecutor store(failing, io.get_executor());
  Metrics metrics;
  Profiles profiles;
  Services services{config.org, profiles,       store,
                    clock,      Log::discard(), {"1", clock.now(), {Platform::teams}}};
  CommandLayer commands(services);
  Outbox outbox(io.get_executor(), store, clock, {}, metrics, Log::discard());
  TeamsConfig teams_config;
  teams::TeamsInbound inbound(teams_config, commands, outbox, store, nullptr, config.org, clock, metrics,
                              Log::discard());

  const nlohmann::json activity{{"type", "message"},
                                {"id", "act-fail"},
                                {"serviceUrl", "https://smba.example/emea/"},
                                {"from", {{"id", "29:sam"}}},
                                {"conversation", {{"conversationType", "personal"}, {"id", "a:conv-sam"}}},
                                {"text", "help"}};
  REQUIRE(sqlite.accept_event({"teams", "act-fail", activity.dump(), clock.now()}));
  test::run_sync(io, inbound.handle_activity(activity));
  const auto notice = [&]() -> std::optional<OutboxItem> {
    for (const OutboxItem& item : sqlite.outbox_items(OutboxState::pending, 100)) {
      if (item.key == "teams:activity:act-fail:given-up") return item;
    }
    return std::nullopt;
  };
  int passes = 0;
  while (!notice() && passes < 100) {
    clock.advance(30s);
    RetryPass pass;
    pass.events_by = clock.now() - 30s;
    pass.commands_by = clock.now() - 5min;
    test::run_sync(io, inbound.resume_unhandled(pass));
    ++passes;
  }
  CHECK(passes == 32);
  REQUIRE(notice());
  CHECK(notice()->destination.kind == Destination::Kind::response);
  CHECK(notice()->destination.response_url ==
        "https://smba.example/emea/v3/conversations/a:conv-sam/activities/act-fail");
  CHECK(notice()->message.summary() ==
        "baton could not read your last message, even after trying again. Please send it again.");
  CHECK(metrics.render().find(R"(baton_events_given_up_total{platform="teams"} 1)") != std::string::npos);
}
