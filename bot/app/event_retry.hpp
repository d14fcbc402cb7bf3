// Events and activities a platform delivered and baton stored, but whose handling failed (the store
// was down) or whose process died half way (a crash, kill -9, another instance): handled again, a few
// times, further apart each time (EventRetries), then given up. At start every one left over is taken
// when baton has the store to itself; on a store several instances share, only those a lease old (their
// receiver had its time), and again every lease. Commands acknowledged and never answered
// (PendingCommand) are found the same way, once they are kPendingCommandPatience old, and their authors
// told.
#pragma once

#include <functional>
#include <vector>

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/outbox/outbox_item.hpp"
#include "bot/core/store/store.hpp"

namespace baton::app {

class EventRetry : public ClockedWorker {
 public:
  // Handles what was received by the pass's instants and is still undone (SlackInbound, TeamsInbound).
  using Resume = std::function<boost::asio::awaitable<void>(RetryPass)>;

  // A command still unanswered this long after it was typed is not coming: its author is told.
  static constexpr std::chrono::minutes kPendingCommandPatience{5};

  EventRetry(const boost::asio::any_io_executor& executor, const Clock& clock, Log log, Lease lease,
             std::vector<Resume> resumes);

 protected:
  boost::asio::awaitable<SysTime> round() override;

 private:
  Lease lease_;
  std::vector<Resume> resumes_;
  bool started_ = false;  // on the strand
};

}  // namespace baton::app
