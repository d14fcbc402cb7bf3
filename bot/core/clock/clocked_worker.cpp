#include "bot/core/clock/clocked_worker.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace baton {

namespace asio = boost::asio;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Never sleep longer than this, so a wall clock set forward is noticed.
constexpr std::chrono::minutes kLongestSleep{10};

}  // namespace

ClockedWorker::ClockedWorker(const asio::any_io_executor& executor, const Clock& clock, Log log,
                             std::string name)
    : clock_(clock),
      log_(std::move(log)),
      name_(std::move(name)),
      strand_(asio::make_strand(executor)),
      wake_timer_(strand_) {}

void ClockedWorker::start() {
  running_ = true;
  asio::co_spawn(strand_, run(), [this](const std::exception_ptr& error) {
    running_ = false;
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log_.error(name_ + " stopped", {{"error", e.what()}});
    }
  });
}

void ClockedWorker::wake() {
  asio::post(strand_, [this] {
    woken_ = true;
    wake_timer_.cancel();
  });
}

asio::awaitable<bool> ClockedWorker::begin_stop() {
  stopping_ = true;
  wake_timer_.cancel();
  co_return !running_;
}

asio::awaitable<void> ClockedWorker::stop() {
  asio::steady_timer poll(co_await asio::this_coro::executor);
  for (int i = 0; i < 3000; ++i) {
    if (co_await asio::co_spawn(strand_, begin_stop(), asio::use_awaitable)) break;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(kUseTuple);
  }
}

asio::awaitable<void> ClockedWorker::run() {
  using namespace asio::experimental::awaitable_operators;
  while (!stopping_) {
    woken_ = false;
    const SysTime asked = co_await round();
    const SysTime wake_at = std::min(asked, clock_.now() + kLongestSleep);
    if (stopping_) break;
    if (woken_) continue;  // woken during the round: what it was woken for may not be done
    wake_timer_.expires_at(asio::steady_timer::time_point::max());
    co_await (clock_.sleep_until(wake_at) || wake_timer_.async_wait(kUseTuple));
  }
}

}  // namespace baton
