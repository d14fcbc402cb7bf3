// Each sleeper parks on a timer that never expires by itself; advancing time cancels the timers, and each
// sleeper checks whether its moment has come or goes back to sleep.
#include "bot/core/clock/manual_clock.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

namespace baton {

ManualClock::ManualClock(SysTime start) : now_(start), monotonic_(SteadyTime{}) {}

SysTime ManualClock::now() const {
  const std::lock_guard lock(mutex_);
  return now_;
}

SteadyTime ManualClock::monotonic() const {
  const std::lock_guard lock(mutex_);
  return monotonic_;
}

std::size_t ManualClock::sleepers() const {
  const std::lock_guard lock(mutex_);
  return sleepers_.size();
}

std::optional<SysTime> ManualClock::next_wake() const {
  const std::lock_guard lock(mutex_);
  std::optional<SysTime> earliest;
  for (const Sleeper& sleeper : sleepers_) {
    if (!earliest || sleeper.when < *earliest) earliest = sleeper.when;
  }
  return earliest;
}

boost::asio::awaitable<void> ManualClock::sleep_until(SysTime when) const {
  auto executor = co_await boost::asio::this_coro::executor;
  auto timer =
      std::make_shared<boost::asio::steady_timer>(executor, boost::asio::steady_timer::time_point::max());
  std::list<Sleeper>::iterator self;
  {
    const std::lock_guard lock(mutex_);
    self = sleepers_.insert(sleepers_.end(), Sleeper{timer, when});
  }
  struct Unregister {
    const ManualClock* clock;
    std::list<Sleeper>::iterator it;
    ~Unregister() {
      const std::lock_guard lock(clock->mutex_);
      clock->sleepers_.erase(it);
    }
  } unregister{this, self};

  while (now() < when) {
    co_await timer->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    const auto state = co_await boost::asio::this_coro::cancellation_state;
    if (state.cancelled() != boost::asio::cancellation_type::none) {
      throw boost::system::system_error(boost::asio::error::operation_aborted);
    }
    timer->expires_at(boost::asio::steady_timer::time_point::max());
  }
}

void ManualClock::advance(std::chrono::nanoseconds by) {
  {
    const std::lock_guard lock(mutex_);
    if (by.count() < 0) return;
    now_ += std::chrono::duration_cast<SysTime::duration>(by);
    monotonic_ += by;
  }
  wake_all();
}

void ManualClock::set(SysTime to) {
  {
    const std::lock_guard lock(mutex_);
    if (to <= now_) return;
    monotonic_ += to - now_;
    now_ = to;
  }
  wake_all();
}

void ManualClock::wake_all() {
  const std::lock_guard lock(mutex_);
  for (const Sleeper& sleeper : sleepers_) {
    // Timers are not thread-safe: cancel each on its own executor.
    boost::asio::post(sleeper.timer->get_executor(), [timer = sleeper.timer] { timer->cancel(); });
  }
}

}  // namespace baton
