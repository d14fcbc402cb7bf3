// A worker on the clock: it does a round of work, sleeps until the time the round asked for (or until it
// is woken), and does the next. The strand, the sleep, waking and an orderly stop are shared here by the
// ritual scheduler and the SLA watch; each says only what a round does.
#pragma once

#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/services.hpp"

namespace baton {

class ClockedWorker {
 public:
  ClockedWorker(const boost::asio::any_io_executor& executor, Services& services, std::string name);
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
  boost::asio::strand<boost::asio::any_io_executor>& strand() { return strand_; }

  Services& services_;

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> begin_stop();

  std::string name_;  // "the scheduler", for the log
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  // Touched only on the strand.
  boost::asio::steady_timer wake_timer_;
  bool stopping_ = false;
  bool running_ = false;
  bool woken_ = false;
};

}  // namespace baton
