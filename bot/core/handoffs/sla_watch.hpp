// The SLA watch: sleeps on the clock until the next handoff timer (a reminder before the due time, an
// escalation when a target is missed), then fires what is due through the desk. Timers live in the store,
// so due times and breaches survive restarts; each fires once, whoever fires it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/services.hpp"

namespace baton {

class SlaWatch {
 public:
  SlaWatch(const boost::asio::any_io_executor& executor, Services& services);
  SlaWatch(const SlaWatch&) = delete;
  SlaWatch& operator=(const SlaWatch&) = delete;

  void start();
  // A handoff changed: its timers may now come sooner than the watch is sleeping.
  void wake();
  // Lets the timers being fired finish, then returns.
  boost::asio::awaitable<void> stop();

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> begin_stop();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  Services& services_;
  // Touched only on the strand.
  boost::asio::steady_timer wake_timer_;
  bool stopping_ = false;
  bool running_ = false;
  bool woken_ = false;
};

}  // namespace baton
