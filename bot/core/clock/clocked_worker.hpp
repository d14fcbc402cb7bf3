// A worker on the clock: it does a round of work, sleeps until the time the round asked for (or until it
// is woken), and does the next. The strand, the sleep, waking and an orderly stop are shared here by the
// ritual scheduler, the SLA watch and Slack's profile sync; each says only what a round does.
#pragma once

#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/log/log.hpp"

namespace baton {

class ClockedWorker {
 public:
  ClockedWorker(const boost::asio::any_io_executor& executor, const Clock& clock, Log log, std::string name);
  ClockedWorker(const ClockedWorker&) = delete;
  ClockedWorker& operator=(const ClockedWorker&) = delete;
  virtual ~ClockedWorker() = default;

  void start();
  // Something changed: a round now rather than at the time the last one asked for.
  void wake();
  // Lets the round in progress finish, then returns.
  boost::asio::awaitable<void> stop();

 protected:
  // One round, on the strand: does what is due and says when to come back. Errors are the round's to
  // handle (an exception ends the worker, logged).
  virtual boost::asio::awaitable<SysTime> round() = 0;
  bool stopping() const { return stopping_; }
  const Clock& clock() const { return clock_; }
  const Log& log() const { return log_; }
  boost::asio::strand<boost::asio::any_io_executor>& strand() { return strand_; }

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> begin_stop();

  const Clock& clock_;
  Log log_;
  std::string name_;  // "the scheduler", for the log
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  // Touched only on the strand.
  boost::asio::steady_timer wake_timer_;
  bool stopping_ = false;
  bool running_ = false;
  bool woken_ = false;
};

}  // namespace baton
