// The real clock: what runs in production.
#pragma once

#include "bot/core/clock/clock.hpp"

namespace baton {

class SystemClock final : public Clock {
 public:
  SysTime now() const override;
  SteadyTime monotonic() const override;
  boost::asio::awaitable<void> sleep_until(SysTime when) const override;
};

}  // namespace baton
