// The leader lease on the fake clock: one of two instances performs the duty; when its holder stops
// renewing (it died) the other takes over once the lease has run out, not before; an instance that
// cannot reach its store ends the duty before its lease could expire, so two never perform it at once.
#include "bot/core/store/leader_lease.hpp"

#include <catch2/catch.hpp>

#include "tests/support/clocked_world.hpp"
#include "tests/support/forwarding_store.hpp"
#include "tests/support/stores.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

// A store that can be cut off, as a network partition would.
class Reachable : public test::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  bool cut = false;

 protected:
  Store& target() override {
    if (cut) throw StoreUnavailable("PostgreSQL: connection refused");
    return ForwardingStore::target();
  }
};

struct Instance {
  Instance(test::ClockedWorld& world, Store& store, const std::string& name)
      : reachable(&store),
        executor(reachable, world.io.get_executor()),
        lease(world.io.get_executor(), world.clock, Log::discard(), executor, Lease{name, 5s, true},
              "slack-socket-mode",
              {[this] { performing = true; },
               [this]() -> boost::asio::awaitable<void> {
                 performing = false;
                 co_return;
               }}) {}
  Reachable reachable;
  StoreExecutor executor;
  LeaderLease lease;
  bool performing = false;
};

}  // namespace

TEST_CASE("one instance performs the leased duty, another takes it over when the holder dies",
          "[store][lease]") {
  test::ClockedWorld world("2026-11-23T08:00:00Z");
  test::TempDir dir;
  const std::string kind = GENERATE(from_range(test::store_kinds()));
  auto store = test::open_store(kind, dir, world.clock);
  Instance a(world, *store, "a");
  Instance b(world, *store, "b");
  a.lease.start();
  world.settle();
  b.lease.start();
  world.settle();
  CHECK(a.performing);
  CHECK_FALSE(b.performing);

  world.run_until("2026-11-23T08:01:00Z");  // a renews every second; b keeps looking
  CHECK(a.performing);
  CHECK_FALSE(b.performing);

  // a dies: its last renewal at 08:01:00 holds until 08:01:05.
  world.stop_worker(a.lease);
  world.run_until("2026-11-23T08:01:04.9Z");
  CHECK_FALSE(b.performing);
  world.run_until("2026-11-23T08:01:06Z");
  CHECK(b.performing);
  world.stop_worker(b.lease);
}

TEST_CASE("an instance that cannot renew its lease ends the duty before the lease can expire",
          "[store][lease]") {
  test::ClockedWorld world("2026-11-23T08:00:00Z");
  test::TempDir dir;
  auto store = test::open_store("sqlite", dir, world.clock);
  Instance a(world, *store, "a");
  Instance b(world, *store, "b");
  a.lease.start();
  b.lease.start();
  world.settle();
  REQUIRE(a.performing);

  // 08:00:10, a's store goes out of reach after its last renewal.
  world.run_until("2026-11-23T08:00:10Z");
  a.reachable.cut = true;
  world.run_until("2026-11-23T08:00:12Z");
  CHECK(a.performing);  // the lease surely holds yet
  world.run_until("2026-11-23T08:00:13.5Z");
  CHECK_FALSE(a.performing);  // three fifths of a lease after the last renewal: given up
  CHECK_FALSE(b.performing);  // the lease itself runs until 08:00:15
  world.run_until("2026-11-23T08:00:16Z");
  CHECK(b.performing);
  world.stop_worker(a.lease);
  world.stop_worker(b.lease);
}
