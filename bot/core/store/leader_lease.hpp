// A duty one instance at a time performs, among several sharing a store: holding Slack's Socket Mode
// connection. The instance holding the named lease (Store::hold_lease) performs it and renews the lease
// well before it runs out; when that instance dies, the lease expires and the next instance to look takes
// the duty over. An instance that cannot renew (its store is unreachable) ends the duty before its lease
// can expire, so two never perform it at once.
#pragma once

#include <functional>
#include <string>

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/store/store_executor.hpp"

namespace baton {

class LeaderLease : public ClockedWorker {
 public:
  struct Duty {
    std::function<void()> begin;                        // the lease is now held
    std::function<boost::asio::awaitable<void>()> end;  // it was lost, or is being given up
  };

  LeaderLease(const boost::asio::any_io_executor& executor, const Clock& clock, Log log, StoreExecutor& store,
              Lease lease, std::string name, Duty duty);

  // After stop(): ends the duty and gives the lease up, so that another instance need not wait it out.
  boost::asio::awaitable<void> release();

  // How often a holder renews and the others look: five times a lease.
  std::chrono::milliseconds interval() const { return lease_.length / 5; }

 protected:
  boost::asio::awaitable<SysTime> round() override;

 private:
  boost::asio::awaitable<void> give_up();

  StoreExecutor& store_;
  Lease lease_;
  std::string name_;
  Duty duty_;
  // On the strand.
  bool held_ = false;
  SysTime renewed_at_{};  // when the lease last held; it holds until renewed_at_ + lease_.length
};

}  // namespace baton
