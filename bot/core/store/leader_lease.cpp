#include "bot/core/store/leader_lease.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace baton {

LeaderLease::LeaderLease(const boost::asio::any_io_executor& executor, const Clock& clock, Log log,
                         StoreExecutor& store, Lease lease, std::string name, Duty duty)
    : ClockedWorker(executor, clock, std::move(log), "the " + name + " lease"),
      store_(store),
      lease_(std::move(lease)),
      name_(std::move(name)),
      duty_(std::move(duty)) {}

boost::asio::awaitable<SysTime> LeaderLease::round() {
  const SysTime now = clock().now();
  bool holds = false;
  try {
    const auto hold = [name = name_, holder = lease_.holder, now, until = now + lease_.length](Store& store) {
      return store.hold_lease(name, holder, now, until);
    };
    holds = co_await store_.run(hold);
    if (holds) renewed_at_ = now;
  } catch (const std::exception& e) {
    // Keep the duty while the lease surely holds: until two intervals before it could expire.
    holds = held_ && clock().now() < renewed_at_ + lease_.length - 2 * interval();
    log().warn("cannot renew the lease", {{"lease", name_}, {"error", e.what()}, {"still_held", holds}});
  }
  if (holds && !held_) {
    held_ = true;
    log().info("lease taken: this instance performs the duty", {{"lease", name_}, {"holder", lease_.holder}});
    duty_.begin();
  } else if (!holds && held_) {
    log().warn("lease lost: another instance performs the duty", {{"lease", name_}});
    co_await give_up();
  }
  co_return now + interval();
}

boost::asio::awaitable<void> LeaderLease::give_up() {
  held_ = false;
  co_await duty_.end();
}

boost::asio::awaitable<void> LeaderLease::release() {
  const auto on_strand = [this]() -> boost::asio::awaitable<bool> {
    if (!held_) co_return false;
    co_await give_up();
    co_return true;
  };
  if (!co_await boost::asio::co_spawn(strand(), on_strand(), boost::asio::use_awaitable)) co_return;
  try {
    const auto release = [name = name_, holder = lease_.holder](Store& store) {
      store.release_lease(name, holder);
      return true;
    };
    co_await store_.run(release);
    log().info("lease given up", {{"lease", name_}});
  } catch (const std::exception& e) {
    log().warn("cannot give the lease up; it expires on its own", {{"lease", name_}, {"error", e.what()}});
  }
}

}  // namespace baton
