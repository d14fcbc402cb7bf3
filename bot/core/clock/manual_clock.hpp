// A clock that moves only when told to: tests and `baton simulate` advance it, and every sleeper whose
// time has come wakes up.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/core/clock/clock.hpp"

namespace baton {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(SysTime start);

  SysTime now() const override;
  SteadyTime monotonic() const override;
  boost::asio::awaitable<void> sleep_until(SysTime when) const override;

  // Moves time forward (never back) and wakes the sleepers that are due. The wake-ups run on the
  // sleepers' executors, so a test runs its io_context after advancing.
  void advance(std::chrono::nanoseconds by);
  void set(SysTime to);
  std::size_t sleepers() const;
  // The earliest instant a sleeper waits for, if any: what to advance to next to run everything in order.
  std::optional<SysTime> next_wake() const;

 private:
  struct Sleeper {
    std::shared_ptr<boost::asio::steady_timer> timer;
    SysTime when;
  };
  void wake_all();

  mutable std::mutex mutex_;
  SysTime now_;
  SteadyTime monotonic_;
  mutable std::list<Sleeper> sleepers_;  // sleeping does not change the time, so sleep_until() is const
};

}  // namespace baton
