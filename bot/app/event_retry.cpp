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
  const SysTime received_by = everything ? now : now - lease_.length;
  for (const Resume& resume : resumes_)
    co_await resume(received_by);  // each logs its own failures
  co_return now + lease_.length;
}

}  // namespace baton::app
