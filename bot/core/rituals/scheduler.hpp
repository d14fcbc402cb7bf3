// The scheduler: sleeps on the clock until the timeline's next occurrence, then runs everything due
// through the runner. It remembers in the store how far it got, so after a restart it runs what came due
// while baton was down, if that is within the ritual's grace, and records the rest as missed.
#pragma once

#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/rituals/runner.hpp"
#include "bot/core/rituals/timeline.hpp"

namespace baton {

class Scheduler {
 public:
  Scheduler(const boost::asio::any_io_executor& executor, Services& services);
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();
  // Recomputes the timeline from the services' config and members' zones, as they are now (after a
  // reload, or a member's time zone changed).
  void reload();
  // Lets the occurrence being run finish, then returns.
  boost::asio::awaitable<void> stop();

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> begin_stop();
  // The timeline of the current config, positioned after `after`; `config` keeps what it points into.
  std::unique_ptr<Timeline> build(SysTime after, std::shared_ptr<const Config>& config) const;

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  Services& services_;
  RitualRunner runner_;
  // Touched only on the strand.
  boost::asio::steady_timer wake_timer_;
  bool rebuild_ = false;
  bool stopping_ = false;
  bool running_ = false;
};

}  // namespace baton
