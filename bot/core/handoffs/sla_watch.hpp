// The SLA watch: sleeps on the clock until the next handoff timer (a reminder before the due time, an
// escalation when a target is missed), then fires what is due through the desk. Timers live in the store,
// so due times and breaches survive restarts; each fires once, whoever fires it.
#pragma once

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/services.hpp"

namespace baton {

class SlaWatch : public ClockedWorker {
 public:
  SlaWatch(const boost::asio::any_io_executor& executor, Services& services)
      : ClockedWorker(executor, services.clock, services.log, "the SLA watch"), services_(services) {}
  // wake(): a handoff changed, and its timers may now come sooner than the watch is sleeping.

 private:
  boost::asio::awaitable<SysTime> round() override;

  Services& services_;
};

}  // namespace baton
