// What the ritual and handoff worlds share: one io_context run by the test and a manual clock, the ways
// to drive them (settle, run_until, now), and stopping a worker on the clock.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"

namespace baton::test {

struct ClockedWorld {
  explicit ClockedWorld(std::string_view start) : clock(*parse_iso8601(start)) {}

  // Runs whatever is ready, without waiting for anything.
  void settle() {
    io.restart();
    while (io.poll() > 0) {
    }
  }
  // Runs everything due up to `until` (RFC 3339), wake-up by wake-up.
  void run_until(std::string_view until) {
    const SysTime end = *parse_iso8601(until);
    settle();
    while (true) {
      const auto next = clock.next_wake();
      if (!next || *next > end) break;
      clock.set(*next);
      settle();
    }
    clock.set(end);
    settle();
  }
  template <typename T>
  T now(boost::asio::awaitable<T> work) {
    auto future = boost::asio::co_spawn(io, std::move(work), boost::asio::use_future);
    settle();
    return future.get();
  }
  // Waits, on real time, for the worker's stop to finish (it polls every few milliseconds).
  void stop_worker(ClockedWorker& worker) {
    auto stopped = boost::asio::co_spawn(io, worker.stop(), boost::asio::use_future);
    io.restart();
    while (stopped.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      io.run_one_for(std::chrono::milliseconds(5));
    }
    stopped.get();
  }

  ManualClock clock;
  boost::asio::io_context io;
};

}  // namespace baton::test
