#include "bot/app/event_retry.hpp"

namespace baton::app {

EventRetry::EventRetry(const boost::asio::any_io_executor& executor, const Clock& clock, Log log, Lease lease,
                       std::vector<Resume> resumes)
    : ClockedWorker(executor, clock, std::move(log), "the event retry"),
      lease_(std::move(lease)),
      resumes_(std::move(resumes)) {}

boost::asio::awaitable<SysTime> EventRetry::round() {
  const SysTime now = clock().now();
  // Alone on the store, whatever is unhandled at start was left by this baton's previous run.
  const bool everything = !std::exchange(started_, true) && !lease_.shared;
  RetryPass pass;
  pass.events_by = everything ? now : now - lease_.length;
  pass.commands_by =
      everything ? now : now - std::max<std::chrono::milliseconds>(lease_.length, kPendingCommandPatience);
  pass.retries.base = lease_.length;
  for (const Resume& resume : resumes_)
    co_await resume(pass);  // each logs its own failures
  co_return now + lease_.length;
}

}  // namespace baton::app
