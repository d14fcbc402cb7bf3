// Delivery to Teams through the outbox, against the fake Bot Framework and Workflows on loopback: a
// proactive direct message (token, then a conversation created, then the activity), a Workflows post
// through a 429, and a person who never installed the app (failed, and their referent told once).
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/system_clock.hpp"
#include "bot/core/org/unreachable_notice.hpp"
#include "bot/core/outbox/outbox.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "integrations/teams/connector.hpp"
#include "integrations/teams/teams_platform.hpp"
#include "tests/support/fake_teams.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using namespace std::chrono_literals;
using test::FakeTeams;

namespace {

constexpr const char* kAppId = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

OrgMap org() {
  const auto member = [](std::string key, std::string name, Role role, Locale locale,
                         bool locale_from_config) {
    Member m;
    m.key = key;
    m.name = std::move(name);
    m.role = role;
    m.locale = locale;
    m.locale_from_config = locale_from_config;
    m.ids = {{Platform::teams, "29:" + key}};
    return m;
  };
  const Member marc = member("marc", "Marc Manager", Role::manager, Locale::fr, true);
  const Member sam = member("sam", "Sam Staff", Role::staff, Locale::en, false);
  const Member ada = member("ada", "Ada Admin", Role::admin, Locale::en, false);
  Department logistics;
  logistics.key = "logistics";
  logistics.name = {"Logistics", "Logistique"};
  logistics.referent = "marc";
  logistics.members = {"marc", "sam"};
  logistics.channels = {{Platform::teams, "19:logistics@thread.tacv2"}};
  return OrgMap("Test Shop", {marc, sam, ada}, {logistics});
}

struct Rig {
  explicit Rig(FakeTeams& teams) {
    config.enabled = true;
    config.app_id = kAppId;
    config.app_password = Secret("test-app-password");
    config.token_url = teams.token_url();
    config.service_url = teams.service_url();
    config.tenant_id = "tenant-1";
    config.workflow_urls["19:workflow-only@thread.tacv2"] = Secret(teams.workflow_url("logistics"));
    sqlite.migrate();
    outbox = std::make_unique<Outbox>(io.get_executor(), store, clock, OutboxConfig{100ms, 400ms, 60'000ms},
                                      metrics, Log::discard());
    outbox->add_platform(platform);
    outbox->on_unreachable([this](OutboxItem failed, std::string reason) -> boost::asio::awaitable<void> {
      for (OutboxItem& notice : unreachable_notices(map, profiles, {Platform::teams}, failed, reason))
        co_await outbox->enqueue(std::move(notice));
    });
    outbox->start();
    thread = std::thread([this] { io.run(); });
  }
  ~Rig() {
    boost::asio::co_spawn(io, outbox->stop(), boost::asio::use_future).get();
    work.reset();
    thread.join();
    store.join();
  }
  void send(const std::string& key, Destination to, const std::string& text) {
    OutboxItem item;
    item.key = key;
    item.platform = Platform::teams;
    item.destination = std::move(to);
    item.message.section(text);
    boost::asio::co_spawn(io, outbox->enqueue(item), boost::asio::use_future).get();
  }
  static Destination member(const std::string& key, const std::string& user) {
    Destination to;
    to.kind = Destination::Kind::member;
    to.member = key;
    to.user_id = user;
    return to;
  }

  test::TempDir dir;
  SystemClock clock;
  SqliteStore sqlite{{dir / "baton.db"}, clock};
  StoreExecutor store{sqlite};
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  Metrics metrics;
  TeamsConfig config;
  OrgMap map = org();
  Profiles profiles;
  HttpClient http{io.get_executor(), {}};
  teams::Connector connector{http, config, clock, Log::discard()};
  teams::TeamsPlatform platform{http, &connector, store, config, clock, Log::discard()};
  std::unique_ptr<Outbox> outbox;
  std::thread thread;
};

}  // namespace

TEST_CASE("a proactive direct message: a token, a conversation created, then the card", "[teams][delivery]") {
  FakeTeams teams(kAppId, "test-app-password");
  Rig rig(teams);
  rig.send("dm-1", Rig::member("sam", "29:sam"), "Stand-up time");
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:conv-29:sam/activities", 1));
  CHECK(teams.tokens_issued() == 1);
  const auto created = teams.calls("/connector/v3/conversations");
  REQUIRE(created.size() == 2);  // the conversation, then the activity in it
  CHECK(created[0].body["members"][0]["id"] == "29:sam");
  CHECK(created[0].body["bot"]["id"] == std::string("28:") + kAppId);
  CHECK(created[0].body["channelData"]["tenant"]["id"] == "tenant-1");
  CHECK(created[1].body["attachments"][0]["content"].dump().find("Stand-up time") != std::string::npos);

  // The conversation is kept: the next message goes straight to it.
  rig.send("dm-2", Rig::member("sam", "29:sam"), "Reminder");
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:conv-29:sam/activities", 2));
  CHECK(teams.calls("/connector/v3/conversations").size() == 3);
  CHECK(rig.sqlite.conversation(Platform::teams, "member:sam")->conversation_id == "a:conv-29:sam");
}

TEST_CASE("a Workflows post refused with 429 is retried after Retry-After and delivered once",
          "[teams][delivery][workflows]") {
  FakeTeams teams(kAppId, "test-app-password");
  Rig rig(teams);
  teams.fail_next("/workflows/", 1, 429, 1);
  Destination to;
  to.channel = "19:workflow-only@thread.tacv2";
  rig.send("post-1", to, "Weekly digest");
  rig.send("post-2", to, "Second");
  REQUIRE(teams.wait_for("/workflows/logistics", 2));
  std::this_thread::sleep_for(200ms);
  const auto posts = teams.calls("/workflows/logistics");
  REQUIRE(posts.size() == 2);
  const std::string first = posts[0].body.dump();
  CHECK(first.find("Weekly digest") != std::string::npos);  // in order, each once
  CHECK(posts[1].body.dump().find("Second") != std::string::npos);
  CHECK(posts[0].body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
  CHECK(rig.sqlite.outbox_stats().pending == 0);
}

TEST_CASE("someone who never installed the app: failed with the reason, their referent told once",
          "[teams][delivery][unreachable]") {
  FakeTeams teams(kAppId, "test-app-password");
  Rig rig(teams);
  teams.not_installed("29:sam");
  rig.send("dm-1", Rig::member("sam", "29:sam"), "Stand-up time");
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:conv-29:marc/activities", 1));
  rig.send("dm-2", Rig::member("sam", "29:sam"), "Reminder");
  std::this_thread::sleep_for(300ms);
  const auto failed = rig.sqlite.outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 2);
  CHECK(failed[0].last_error.find("not installed") != std::string::npos);
  CHECK(rig.sqlite.unreachable(Platform::teams, "sam").has_value());
  const auto told = teams.calls("/connector/v3/conversations/a:conv-29:marc/activities");
  REQUIRE(told.size() == 1);  // once, not once per message
  CHECK(told[0].body.dump().find("Sam Staff") != std::string::npos);
  CHECK(told[0].body.dump().find("n'est pas joignable") != std::string::npos);  // Marc reads French
}

TEST_CASE("someone who blocked the bot is recorded unreachable, not retried",
          "[teams][delivery][unreachable]") {
  FakeTeams teams(kAppId, "test-app-password");
  Rig rig(teams);
  teams.block("29:sam");
  rig.send("dm-1", Rig::member("sam", "29:sam"), "Stand-up time");
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:conv-29:marc/activities", 1));
  const auto failed = rig.sqlite.outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].attempts <= 1);
  CHECK(*rig.sqlite.unreachable(Platform::teams, "sam") == "they blocked baton in Teams");
}

TEST_CASE("a channel where the bot was added gets the card with working buttons through the bot",
          "[teams][delivery]") {
  FakeTeams teams(kAppId, "test-app-password");
  Rig rig(teams);
  // The channel has a Workflows webhook too; once the bot is in the team, the bot is preferred.
  rig.sqlite.save_conversation({Platform::teams, "channel:19:workflow-only@thread.tacv2",
                                "19:workflow-only@thread.tacv2", teams.service_url(), "tenant-1", "",
                                rig.clock.now()});
  Destination to;
  to.channel = "19:workflow-only@thread.tacv2";
  OutboxItem item;
  item.key = "post-1";
  item.platform = Platform::teams;
  item.destination = to;
  item.message.section("Handoff H-12");
  item.message.actions(
      {{"Accept", "handoff.accept", "H-12", ButtonStyle::primary, "handoff accept H-12", {}}});
  boost::asio::co_spawn(rig.io, rig.outbox->enqueue(item), boost::asio::use_future).get();
  REQUIRE(teams.wait_for("/connector/v3/conversations/19:workflow-only@thread.tacv2/activities", 1));
  const auto posted = teams.calls("/connector/v3/conversations/19:workflow-only@thread.tacv2/activities");
  CHECK(posted.at(0).body.dump().find("Action.Submit") != std::string::npos);
  CHECK(teams.calls("/workflows/").empty());

  // Once someone acts on the handoff, its card is replaced where it was posted: the update names the
  // message by the key it was queued with, and the outbox finds the activity Teams gave it.
  OutboxItem update;
  update.key = "post-1/update";
  update.platform = Platform::teams;
  update.destination.kind = Destination::Kind::update;
  update.destination.channel = "19:workflow-only@thread.tacv2";
  update.destination.original_key = "post-1";
  update.message.section("Handoff H-12: accepted by Sam Staff");
  boost::asio::co_spawn(rig.io, rig.outbox->enqueue(update), boost::asio::use_future).get();
  const std::string activity =
      "/connector/v3/conversations/19:workflow-only@thread.tacv2/activities/activity-";
  REQUIRE(teams.wait_for(activity, 1));
  const auto replaced = teams.calls(activity).at(0);
  CHECK(replaced.method == "PUT");
  CHECK(replaced.body.dump().find("accepted by Sam Staff") != std::string::npos);
  CHECK(replaced.body.dump().find("Action.Submit") == std::string::npos);

  // An update of a message that was never sent has nothing to replace: failed, with the reason.
  update.key = "ghost/update";
  update.destination.original_key = "ghost";
  boost::asio::co_spawn(rig.io, rig.outbox->enqueue(update), boost::asio::use_future).get();
  for (int i = 0; i < 500 && rig.sqlite.outbox_items(OutboxState::failed, 10).empty(); ++i)
    std::this_thread::sleep_for(10ms);
  const auto failed = rig.sqlite.outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].last_error.find("never sent") != std::string::npos);
}
