#include "bot/core/handoffs/sla_watch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/config/live_config.hpp"
#include "bot/core/handoffs/desk.hpp"

namespace baton {

namespace asio = boost::asio;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Never sleep longer than this, so a wall clock set forward is noticed.
constexpr std::chrono::minutes kLongestSleep{10};
constexpr std::chrono::seconds kRetryAfterStoreError{5};
constexpr int kTimersAtOnce = 100;

}  // namespace

SlaWatch::SlaWatch(const asio::any_io_executor& executor, Services& services)
    : strand_(asio::make_strand(executor)), services_(services), wake_timer_(strand_) {}

void SlaWatch::start() {
  running_ = true;
  asio::co_spawn(strand_, run(), [this](const std::exception_ptr& error) {
    running_ = false;
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      services_.log.error("the SLA watch stopped", {{"error", e.what()}});
    }
  });
}

void SlaWatch::wake() {
  asio::post(strand_, [this] {
    woken_ = true;
    wake_timer_.cancel();
  });
}

asio::awaitable<bool> SlaWatch::begin_stop() {
  stopping_ = true;
  wake_timer_.cancel();
  co_return !running_;
}

asio::awaitable<void> SlaWatch::stop() {
  asio::steady_timer poll(co_await asio::this_coro::executor);
  for (int i = 0; i < 3000; ++i) {
    if (co_await asio::co_spawn(strand_, begin_stop(), asio::use_awaitable)) break;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(kUseTuple);
  }
}

asio::awaitable<void> SlaWatch::run() {
  using namespace asio::experimental::awaitable_operators;
  const Clock& clock = services_.clock;
  while (!stopping_) {
    woken_ = false;
    SysTime wake_at = clock.now() + kLongestSleep;
    try {
      const auto config = services_.current_config();
      if (config) {
        int fired = 0;
        for (;;) {
          const HandoffDesk desk(services_.org, services_.profiles, config, services_.runtime.platforms,
                                 clock.now());
          const auto fire = [desk](Store& store) { return desk.fire_due_timers(store, kTimersAtOnce); };
          const int batch = co_await services_.store.run(fire);
          fired += batch;
          if (batch < kTimersAtOnce || stopping_) break;
        }
        if (fired > 0) {
          services_.log.info("handoff timers fired", {{"count", fired}});
          if (services_.wake_outbox) services_.wake_outbox();
        }
      }
      const auto read_next = [](Store& store) { return store.next_handoff_timer(); };
      if (const auto next = co_await services_.store.run(read_next); next && *next < wake_at) wake_at = *next;
    } catch (const std::exception& e) {
      services_.log.error("SLA watch cannot reach the store; trying again", {{"error", e.what()}});
      wake_at = clock.now() + kRetryAfterStoreError;
    }
    if (stopping_) break;
    if (woken_) continue;
    wake_timer_.expires_at(asio::steady_timer::time_point::max());
    co_await (clock.sleep_until(wake_at) || wake_timer_.async_wait(kUseTuple));
  }
}

}  // namespace baton
