#include "bot/core/rituals/scheduler.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/config/live_config.hpp"

namespace baton {
namespace asio = boost::asio;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Never sleep longer than this, so a wall clock set forward is noticed.
constexpr std::chrono::minutes kLongestSleep{10};
constexpr std::chrono::seconds kRetryAfterStoreError{5};

}  // namespace

Scheduler::Scheduler(const asio::any_io_executor& executor, Services& services)
    : strand_(asio::make_strand(executor)), services_(services), runner_(services), wake_timer_(strand_) {}

std::unique_ptr<Timeline> Scheduler::build(SysTime after, std::shared_ptr<const Config>& config) const {
  config = services_.current_config();
  if (!config) config = std::make_shared<const Config>();  // no rituals
  const ZoneOf zone_of = [this](const Member& member) { return services_.profiles.zone_of(member); };
  auto timeline = std::make_unique<Timeline>(config->rituals, config->org, zone_of);
  timeline->start(after);
  return timeline;
}

void Scheduler::start() {
  running_ = true;
  asio::co_spawn(strand_, run(), [this](const std::exception_ptr& error) {
    running_ = false;
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      services_.log.error("the scheduler stopped", {{"error", e.what()}});
    }
  });
}

void Scheduler::reload() {
  asio::post(strand_, [this] {
    rebuild_ = true;
    wake_timer_.cancel();
  });
}

asio::awaitable<bool> Scheduler::begin_stop() {
  stopping_ = true;
  wake_timer_.cancel();
  co_return !running_;
}

asio::awaitable<void> Scheduler::stop() {
  asio::steady_timer poll(co_await asio::this_coro::executor);
  for (int i = 0; i < 3000; ++i) {
    if (co_await asio::co_spawn(strand_, begin_stop(), asio::use_awaitable)) break;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(kUseTuple);
  }
}

asio::awaitable<void> Scheduler::run() {
  using namespace asio::experimental::awaitable_operators;
  const Clock& clock = services_.clock;
  // Where the last run left off; a first start begins now, with nothing missed.
  std::optional<SysTime> mark;
  std::shared_ptr<const Config> config;  // what the timeline's rituals belong to
  std::unique_ptr<Timeline> timeline;
  while (!stopping_) {
    SysTime wake_at = clock.now() + kLongestSleep;
    try {
      if (!mark) {
        const auto read_mark = [](Store& store) { return store.scheduler_mark(); };
        const auto stored = co_await services_.store.run(read_mark);
        mark = stored.value_or(clock.now());
        if (!stored) {
          // Remembered at once, so that a restart after a crash knows what it missed.
          const auto save_first = [at = *mark](Store& store) { store.set_scheduler_mark(at); };
          co_await services_.store.run(save_first);
        }
        services_.log.info("scheduler starting", {{"from", iso8601(*mark)}});
      }
      if (!timeline || rebuild_) {
        rebuild_ = false;
        timeline = build(*mark, config);
        services_.log.info("scheduler timeline built", {{"entries", timeline->entries()}});
      }
      const SysTime now = clock.now();
      int ran = 0, missed = 0;
      while (!stopping_) {
        auto occurrence = timeline->pop(now);
        if (!occurrence) break;
        const bool late = now - occurrence->at > occurrence->ritual->grace;
        if (co_await runner_.run(config, std::move(*occurrence), now, late)) ++(late ? missed : ran);
      }
      if (ran + missed > 0) {
        const auto save_mark = [now](Store& store) { store.set_scheduler_mark(now); };
        co_await services_.store.run(save_mark);
        services_.log.info("ritual occurrences run", {{"ran", ran}, {"missed", missed}});
      }
      mark = now;
      if (const auto next = timeline->next_at(); next && *next < wake_at) wake_at = *next;
    } catch (const std::exception& e) {
      // Start again from the last saved mark: what was recorded is not run twice (its key says so).
      services_.log.error("scheduler cannot reach the store; trying again", {{"error", e.what()}});
      mark.reset();
      timeline.reset();
      wake_at = clock.now() + kRetryAfterStoreError;
    }
    if (stopping_) break;
    if (rebuild_) continue;
    wake_timer_.expires_at(asio::steady_timer::time_point::max());
    co_await (clock.sleep_until(wake_at) || wake_timer_.async_wait(kUseTuple));
  }
}

}  // namespace baton
