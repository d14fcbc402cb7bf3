// The outbox worker on a manual clock: order within a lane, retries with backoff and Retry-After,
// permanent refusals, giving up, pacing, and a backlog from before a restart.
#include "bot/core/outbox/outbox.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "tests/support/fake_platform.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using namespace std::chrono_literals;
using test::FakePlatform;

namespace {

struct Rig {
  explicit Rig(Pacing pacing = {}, OutboxConfig outbox_config = {})
      : platform(Platform::slack, pacing), config(outbox_config) {
    sqlite.migrate();
    outbox = std::make_unique<Outbox>(io.get_executor(), store, clock, config, metrics, Log::discard());
    outbox->add_platform(platform);
  }
  ~Rig() {
    boost::asio::co_spawn(io, outbox->stop(), boost::asio::detached);
    settle();
  }

  // Runs everything that is ready; store calls run here too, so this is deterministic.
  void settle() {
    for (int i = 0; i < 100000 && io.poll() > 0;)
      ++i;
    io.restart();
  }
  void advance(std::chrono::milliseconds by) {
    clock.advance(by);
    settle();
  }
  bool enqueue(const std::string& key, const std::string& channel, const std::string& text) {
    OutboxItem item;
    item.key = key;
    item.platform = Platform::slack;
    item.destination.channel = channel;
    item.message.header(text);
    auto stored = boost::asio::co_spawn(io, outbox->enqueue(item), boost::asio::use_future);
    settle();
    return stored.get();
  }
  OutboxStats stats() { return sqlite.outbox_stats(); }
  std::string metric(const std::string& line) {
    return metrics.render().find(line) != std::string::npos ? line : "";
  }

  test::TempDir dir;
  ManualClock clock{*parse_iso8601("2026-11-23T08:00:00Z")};
  SqliteStore sqlite{{dir / "baton.db"}, clock};
  boost::asio::io_context io;
  StoreExecutor store{sqlite, io.get_executor()};
  Metrics metrics;
  FakePlatform platform;
  OutboxConfig config;
  std::unique_ptr<Outbox> outbox;
};

using Texts = std::vector<std::string>;

}  // namespace

TEST_CASE("messages are delivered, in order within a channel, and a key is sent once", "[outbox]") {
  Rig rig;
  rig.outbox->start();
  CHECK(rig.enqueue("k1", "C1", "one"));
  CHECK(rig.enqueue("k2", "C1", "two"));
  CHECK(rig.enqueue("k3", "C2", "other channel"));
  CHECK_FALSE(rig.enqueue("k1", "C1", "one, again"));
  CHECK(rig.platform.delivered_texts() == Texts{"one", "two", "other channel"});
  CHECK(rig.stats().pending == 0);
  CHECK_FALSE(rig.metric("baton_outbox_sent_total{platform=\"slack\"} 3").empty());
  const auto sent = rig.sqlite.outbox_items(OutboxState::sent, 10);
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].platform_message_id == "m1");  // kept, so the message can be updated later
}

TEST_CASE("a temporary failure is retried with backoff, and the channel waits behind it", "[outbox][retry]") {
  Rig rig;
  rig.outbox->start();
  rig.platform.answer(FakePlatform::temporary("HTTP 503"));
  rig.enqueue("k1", "C1", "first");
  rig.enqueue("k2", "C1", "second");
  rig.enqueue("k3", "C2", "elsewhere");
  CHECK(rig.platform.delivered_texts() == Texts{"elsewhere"});  // C2 is not held up by C1
  // The first retry comes between half and all of retry_min (1 s) later.
  rig.advance(400ms);
  CHECK(rig.platform.delivered_texts() == Texts{"elsewhere"});
  rig.advance(700ms);
  CHECK(rig.platform.delivered_texts() == Texts{"elsewhere", "first", "second"});
  CHECK_FALSE(rig.metric("baton_outbox_retried_total{platform=\"slack\"} 1").empty());
}

TEST_CASE("Retry-After is waited for exactly", "[outbox][retry]") {
  Rig rig;
  rig.outbox->start();
  rig.platform.answer(FakePlatform::temporary("ratelimited", 30s));
  rig.enqueue("k1", "C1", "patient");
  rig.advance(29s);
  CHECK(rig.platform.delivered_texts().empty());
  rig.advance(1s);
  CHECK(rig.platform.delivered_texts() == Texts{"patient"});
}

TEST_CASE("a permanent refusal is recorded with its reason and the channel moves on", "[outbox]") {
  Rig rig;
  rig.outbox->start();
  rig.platform.answer(FakePlatform::permanent("channel_not_found"));
  rig.enqueue("k1", "C404", "lost");
  rig.enqueue("k2", "C404", "next");
  CHECK(rig.platform.delivered_texts() == Texts{"next"});
  const auto failed = rig.sqlite.outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].last_error == "channel_not_found");
  CHECK(rig.platform.attempts() == 2);  // not retried
  CHECK_FALSE(rig.metric("baton_outbox_failed_total{platform=\"slack\",reason=\"refused\"} 1").empty());
}

TEST_CASE("a message that keeps failing is given up after max_age, saying why", "[outbox][retry]") {
  OutboxConfig config;
  config.max_age = 10s;
  config.retry_min = 1s;
  config.retry_max = 4s;
  Rig rig({}, config);
  rig.outbox->start();
  for (int i = 0; i < 20; ++i)
    rig.platform.answer(FakePlatform::temporary("HTTP 503"));
  rig.enqueue("k1", "C1", "doomed");
  for (int i = 0; i < 20; ++i)
    rig.advance(1s);
  CHECK(rig.platform.delivered_texts().empty());
  const auto failed = rig.sqlite.outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK_THAT(failed[0].last_error, Catch::StartsWith("gave up after ") && Catch::EndsWith(": HTTP 503"));
  CHECK(rig.stats().pending == 0);
}

TEST_CASE("a channel is paced: a burst, then one message per interval", "[outbox][pacing]") {
  Rig rig({1s, 3});
  rig.outbox->start();
  for (int i = 1; i <= 6; ++i)
    rig.enqueue("k" + std::to_string(i), "C1", "m" + std::to_string(i));
  rig.enqueue("other", "C2", "not paced by C1");
  CHECK(rig.platform.delivered_texts() == Texts{"m1", "m2", "m3", "not paced by C1"});
  rig.advance(1s);
  CHECK(rig.platform.delivered_texts().size() == 5);
  rig.advance(1s);
  rig.advance(1s);
  CHECK(rig.platform.delivered_texts() == Texts{"m1", "m2", "m3", "not paced by C1", "m4", "m5", "m6"});
}

TEST_CASE("messages stored before a restart are delivered when the worker starts", "[outbox][restart]") {
  Rig rig;
  // Stored, not yet started: as after kill -9 with a queue.
  rig.enqueue("k1", "C1", "waited");
  rig.enqueue("k2", "C2", "also waited");
  CHECK(rig.platform.delivered_texts().empty());
  rig.outbox->start();
  rig.settle();
  CHECK(rig.platform.delivered_texts() == Texts{"waited", "also waited"});
}

TEST_CASE("a message cut off by a crash mid-delivery is handed over in doubt, and one found there is sent",
          "[outbox][restart][in_doubt]") {
  // The baton before this one claimed k1 and died before Slack answered. On a store nobody shares, both
  // hold their claims under the same name (instance_lease), so the claim is taken over at once.
  Rig rig;
  rig.enqueue("k1", "C1", "was on its way");
  rig.enqueue("k2", "C2", "never claimed");
  const SysTime now = rig.clock.now();
  REQUIRE(rig.sqlite.claim_lane_head("slack/channel:C1", Lease{}.holder, now, now + 30s));
  DeliveryResult found;
  found.delivered = true;
  found.already_there = true;
  found.message_id = "1700.9";
  rig.platform.answer(found);
  rig.outbox->start();
  rig.settle();

  const auto tried = rig.platform.tried();
  REQUIRE(tried.size() == 2);
  CHECK(tried[0].attempt.key == "k1");
  CHECK(tried[0].attempt.in_doubt);
  CHECK(tried[0].attempt.stored_at == now);
  CHECK(tried[1].attempt.key == "k2");
  CHECK_FALSE(tried[1].attempt.in_doubt);
  CHECK(rig.stats().pending == 0);
  const auto sent = rig.sqlite.outbox_items(OutboxState::sent, 10);
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].platform_message_id == "1700.9");  // an update of it finds it
  CHECK_FALSE(rig.metric("baton_outbox_found_delivered_total{platform=\"slack\"} 1").empty());
  CHECK_FALSE(rig.metric("baton_outbox_sent_total{platform=\"slack\"} 2").empty());
}

TEST_CASE("a message for a platform this baton does not serve fails clearly", "[outbox]") {
  Rig rig;
  rig.outbox->start();
  OutboxItem item;
  item.key = "teams-1";
  item.platform = Platform::teams;
  item.destination.channel = "19:abc";
  item.message.header("hello Teams");
  boost::asio::co_spawn(rig.io, rig.outbox->enqueue(item), boost::asio::detached);
  rig.settle();
  const auto failed = rig.sqlite.outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].last_error == "teams is not configured in this baton");
}

TEST_CASE("the outbox reports its depth and age in metrics", "[outbox][metrics]") {
  Rig rig;
  rig.platform.answer(FakePlatform::temporary("HTTP 503", 60s));
  rig.outbox->start();
  rig.enqueue("k1", "C1", "stuck");
  rig.enqueue("k2", "C1", "behind it");
  rig.advance(30s);
  CHECK_FALSE(rig.metric("baton_outbox_pending 2").empty());
  CHECK_FALSE(rig.metric("baton_outbox_oldest_pending_age_seconds 30").empty());
}
