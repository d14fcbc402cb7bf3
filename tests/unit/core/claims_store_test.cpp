// Several instances on one store (two connections here, as two batons would hold): a lane's head is sent
// by the one instance that claimed it, an unhandled event retried by one, a lease held by one; a claim
// whose holder died is taken over once its lease runs out. On SQLite and on PostgreSQL.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "tests/support/stores.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

constexpr const char* kLane = "slack/channel:C1";

struct TwoInstances {
  std::string kind = GENERATE(from_range(test::store_kinds()));
  test::TempDir dir;
  ManualClock clock{*parse_iso8601("2026-11-23T08:00:00Z")};
  std::unique_ptr<Store> a = test::open_store(kind, dir, clock);
  std::unique_ptr<Store> b = test::open_store(kind, dir, clock);

  void enqueue(const std::string& key) {
    OutboxItem item;
    item.key = key;
    item.platform = Platform::slack;
    item.destination.channel = "C1";
    item.message.section(RichText(key));
    item.created_at = clock.now();
    REQUIRE(a->enqueue(item));
  }
};

}  // namespace

TEST_CASE("a lane's head is sent by the instance that claimed it, and taken over when its lease runs out",
          "[store][claims]") {
  TwoInstances f;
  f.enqueue("first");
  f.enqueue("second");
  const SysTime now = f.clock.now();

  const auto claimed = f.a->claim_lane_head(kLane, "a", now, now + 30s);
  REQUIRE(claimed);
  CHECK(claimed->key == "first");
  CHECK_FALSE(f.b->claim_lane_head(kLane, "b", now, now + 30s));
  // b does not even look at the lane until the claim could have lapsed; a still sees it as its own.
  CHECK(f.b->due_lanes(now, 10, "b").empty());
  CHECK(f.b->next_due("b") == now + 30s);
  CHECK(f.a->due_lanes(now, 10, "a") == std::vector<std::string>{kLane});
  CHECK(f.a->next_due("a") == now);
  // The holder may claim its head again (a restarted instance under the same name).
  CHECK(f.a->claim_lane_head(kLane, "a", now + 10s, now + 40s));

  // a dies: once its lease runs out, b sends the message.
  f.clock.advance(39s);
  CHECK_FALSE(f.b->claim_lane_head(kLane, "b", f.clock.now(), f.clock.now() + 30s));
  f.clock.advance(1s);
  const auto taken = f.b->claim_lane_head(kLane, "b", f.clock.now(), f.clock.now() + 30s);
  REQUIRE(taken);
  CHECK(taken->key == "first");
  CHECK_FALSE(f.a->claim_lane_head(kLane, "a", f.clock.now(), f.clock.now() + 30s));

  // Sent: the claim ends with it, and the next message is anyone's.
  f.b->mark_sent(taken->id, f.clock.now(), "1700.1");
  const auto next = f.a->claim_lane_head(kLane, "a", f.clock.now(), f.clock.now() + 30s);
  REQUIRE(next);
  CHECK(next->key == "second");
  // A retry ends the claim too: the message is due again at its next attempt, for whoever looks.
  f.a->mark_retry(next->id, f.clock.now() + 5s, "ratelimited");
  CHECK(f.b->next_due("b") == f.clock.now() + 5s);
  CHECK_FALSE(f.b->claim_lane_head(kLane, "b", f.clock.now(), f.clock.now() + 30s));
  f.clock.advance(5s);
  CHECK(f.b->claim_lane_head(kLane, "b", f.clock.now(), f.clock.now() + 30s));
}

TEST_CASE("a message whose claim is taken over before it ended is in doubt until it is sent or failed",
          "[store][claims][in_doubt]") {
  TwoInstances f;
  f.enqueue("first");
  f.enqueue("second");
  // The lane's head, claimed by `holder` now: there must be one.
  const auto claim = [&f](Store& store, const std::string& holder) {
    auto head = store.claim_lane_head(kLane, holder, f.clock.now(), f.clock.now() + 30s);
    REQUIRE(head);
    return *head;
  };

  const OutboxItem fresh = claim(*f.a, "a");
  CHECK_FALSE(fresh.in_doubt);
  // A retry is a result: the platform refused it, so the next attempt is not in doubt.
  f.a->mark_retry(fresh.id, f.clock.now(), "ratelimited");
  CHECK_FALSE(claim(*f.a, "a").in_doubt);

  // a dies mid-delivery and starts again under the same name: its own claim is still standing.
  const OutboxItem restarted = claim(*f.a, "a");
  CHECK(restarted.key == "first");
  CHECK(restarted.in_doubt);
  // It stays in doubt through a retry (the platform could not be asked), and for whoever takes it next.
  f.a->mark_retry(restarted.id, f.clock.now(), "ratelimited");
  const OutboxItem still = claim(*f.b, "b");
  CHECK(still.in_doubt);

  // Sent: the next message starts with no doubt; taken over from a holder whose lease ran out, it is.
  f.b->mark_sent(still.id, f.clock.now(), "1700.1");
  const OutboxItem next = claim(*f.b, "b");
  CHECK(next.key == "second");
  CHECK_FALSE(next.in_doubt);
  f.clock.advance(31s);
  CHECK(claim(*f.a, "a").in_doubt);
}

TEST_CASE("instances claiming one lane at once send each message once, in order", "[store][claims]") {
  TwoInstances f;
  constexpr int kMessages = 40;
  for (int i = 0; i < kMessages; ++i)
    f.enqueue("m" + std::to_string(100 + i));
  std::mutex mutex;
  std::vector<std::string> sent;  // in the order they were marked sent
  std::map<std::string, int> times;
  std::atomic<bool> failed{false};
  const auto instance = [&](Store& store, const std::string& holder) {
    try {
      for (int idle = 0; idle < 2000;) {
        const SysTime now = f.clock.now();
        const auto head = store.claim_lane_head(kLane, holder, now, now + 30s);
        if (!head) {
          if (store.outbox_stats().pending == 0) return;
          ++idle;
          continue;
        }
        {
          const std::lock_guard lock(mutex);
          sent.push_back(head->key);
          ++times[head->key];
        }
        store.mark_sent(head->id, now, std::nullopt);
      }
    } catch (const std::exception& e) {
      UNSCOPED_INFO(holder << ": " << e.what());
      failed = true;
    }
  };
  std::thread one(instance, std::ref(*f.a), "a");
  std::thread two(instance, std::ref(*f.b), "b");
  one.join();
  two.join();
  REQUIRE_FALSE(failed);
  REQUIRE(sent.size() == kMessages);
  for (const auto& [key, count] : times)
    CHECK(count == 1);
  CHECK(std::is_sorted(sent.begin(), sent.end()));
}

TEST_CASE("an event left unhandled is retried by one instance, and again by another a lease later",
          "[store][claims]") {
  TwoInstances f;
  REQUIRE(f.a->accept_event({"slack", "Ev1", "{}", f.clock.now()}));
  // Just received: its receiver is handling it.
  CHECK(f.b->unhandled_events("slack", f.clock.now() - 30s, f.clock.now(), 10, {}).to_retry.empty());
  f.clock.advance(30s);
  const auto claimed = f.b->unhandled_events("slack", f.clock.now() - 30s, f.clock.now(), 10, {}).to_retry;
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].id == "Ev1");
  CHECK(f.a->unhandled_events("slack", f.clock.now() - 30s, f.clock.now(), 10, {}).to_retry.empty());
  // b died handling it: a lease later, a takes it; handled, nobody does.
  f.clock.advance(30s);
  CHECK(f.a->unhandled_events("slack", f.clock.now() - 30s, f.clock.now(), 10, {}).to_retry.size() == 1);
  f.a->mark_event_handled("slack", "Ev1", f.clock.now());
  f.clock.advance(1h);
  CHECK(f.b->unhandled_events("slack", f.clock.now(), f.clock.now(), 10, {}).to_retry.empty());
}

TEST_CASE("a lease is held by one instance, renewed by it, taken over when it expires or is given up",
          "[store][claims]") {
  TwoInstances f;
  const SysTime t0 = f.clock.now();
  CHECK(f.a->hold_lease("slack-socket-mode", "a", t0, t0 + 30s));
  CHECK_FALSE(f.b->hold_lease("slack-socket-mode", "b", t0, t0 + 30s));
  CHECK(f.a->hold_lease("slack-socket-mode", "a", t0 + 10s, t0 + 40s));  // renewed
  CHECK(f.b->hold_lease("other-duty", "b", t0, t0 + 30s));               // another lease, another holder
  CHECK_FALSE(f.b->hold_lease("slack-socket-mode", "b", t0 + 39s, t0 + 69s));
  CHECK(f.b->hold_lease("slack-socket-mode", "b", t0 + 40s, t0 + 70s));  // a stopped renewing
  CHECK_FALSE(f.a->hold_lease("slack-socket-mode", "a", t0 + 41s, t0 + 71s));
  f.a->release_lease("slack-socket-mode", "a");  // not a's to give: nothing happens
  CHECK_FALSE(f.a->hold_lease("slack-socket-mode", "a", t0 + 42s, t0 + 72s));
  f.b->release_lease("slack-socket-mode", "b");  // b stops cleanly: a need not wait
  CHECK(f.a->hold_lease("slack-socket-mode", "a", t0 + 43s, t0 + 73s));
}

TEST_CASE("KPI writes from several instances take revisions in turn: none is missed, no history is lost",
          "[store][claims][kpis]") {
  TwoInstances f;
  const SysTime now = f.clock.now();
  f.a->put_kpi_points({{"stock", "2026-11-20", 10}}, "api", now);
  f.b->put_kpi_points({{"stock", "2026-11-21", 12}}, "csv", now);
  const auto both = f.a->kpi_points_changed_since(0);
  REQUIRE(both.size() == 2);
  CHECK(both[0].point.day == "2026-11-20");
  CHECK(both[0].revision < both[1].revision);
  const std::int64_t seen = both[1].revision;
  CHECK(f.b->kpi_points_changed_since(seen).empty());
  // Whatever the writers' clocks say: b writes "earlier" than a did, and is still seen.
  f.b->put_kpi_points({{"stock", "2026-11-20", 11}}, "chat", now - 1h);
  const auto later = f.a->kpi_points_changed_since(seen);
  REQUIRE(later.size() == 1);
  CHECK(later[0].point.value == 11);
  CHECK(later[0].revision > seen);

  // Two instances correcting one day at once: every value replaced is in the history.
  constexpr int kWrites = 30;
  std::atomic<bool> failed{false};
  const auto writer = [&](Store& store, double base) {
    try {
      for (int i = 0; i < kWrites; ++i)
        store.put_kpi_points({{"orders", "2026-11-22", base + i}}, "api", now);
    } catch (const std::exception& e) {
      UNSCOPED_INFO(e.what());
      failed = true;
    }
  };
  std::thread one(writer, std::ref(*f.a), 100.0);
  std::thread two(writer, std::ref(*f.b), 200.0);
  one.join();
  two.join();
  REQUIRE_FALSE(failed);
  CHECK(f.a->kpi_point_history("orders", "2026-11-22").size() == 2 * kWrites - 1);
  const auto last = f.a->kpi_points("orders", "2026-11-22", "2026-11-22");
  REQUIRE(last.size() == 1);
  CHECK(f.a->kpi_points_changed_since(seen).back().revision == last[0].revision);
}
