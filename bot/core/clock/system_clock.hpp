// The real clock: what runs in production.
#pragma once

#include "bot/core/clock/clock.hpp"

namespace baton {

class SystemClock final : public Clock {
 public:
  SystemClock() = default;
  // A clock running at the real pace from another instant: for trying rituals at a chosen time
  // (BATON_CLOCK_START) and for tests of the real binary. Never set in production.
  explicit SystemClock(std::chrono::nanoseconds offset) : offset_(offset) {}

  SysTime now() const override;
  SteadyTime monotonic() const override;
  boost::asio::awaitable<void> sleep_until(SysTime when) const override;

 private:
  std::chrono::nanoseconds offset_{0};
};

}  // namespace baton
