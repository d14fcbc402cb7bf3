// Sleeps in slices of at most a minute, so a wall-clock change (NTP step, suspend) delays a wake-up by
// a minute at worst instead of by the size of the jump.
#include "bot/core/clock/system_clock.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace baton {

SysTime SystemClock::now() const {
  return std::chrono::system_clock::now() + std::chrono::duration_cast<SysTime::duration>(offset_);
}

SteadyTime SystemClock::monotonic() const {
  return std::chrono::steady_clock::now();
}

boost::asio::awaitable<void> SystemClock::sleep_until(SysTime when) const {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  for (SysTime current = now(); current < when; current = now()) {
    timer.expires_after(std::min<std::chrono::nanoseconds>(when - current, std::chrono::minutes(1)));
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
}

}  // namespace baton
