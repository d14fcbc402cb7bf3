// Time is a port: services, the scheduler and SLAs ask this for the time and for sleeping, so tests and
// `baton simulate` can drive them on a manual clock. Nothing else reads the system clock.
#pragma once

#include <chrono>

#include <boost/asio/awaitable.hpp>

namespace baton {

using SysTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, for what people see and schedules.
  virtual SysTime now() const = 0;
  // A clock that never jumps, for measuring how long something took.
  virtual SteadyTime monotonic() const = 0;
  // Suspends the calling coroutine until now() reaches `when`; returns at once if it already has.
  // Cancellation (a timer race, shutdown) ends the wait with boost::system::system_error.
  virtual boost::asio::awaitable<void> sleep_until(SysTime when) const = 0;
};

}  // namespace baton
