#include "bot/core/rituals/scheduler.hpp"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/config/live_config.hpp"

namespace baton {
namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds kRetryAfterStoreError{5};
// Occurrences run at once: enough to fill the store's groups, few enough to bound what waits.
constexpr std::size_t kWave = 512;
// Occurrences in one call to the store: they share their lookups, and each call holds the store's
// thread for a few milliseconds at most, so commands in between wait no longer than that.
constexpr std::size_t kBatch = 32;

using RunOp = decltype(boost::asio::co_spawn(
    std::declval<boost::asio::strand<boost::asio::any_io_executor>&>(),
    std::declval<boost::asio::awaitable<std::vector<bool>>>(), boost::asio::deferred));

}  // namespace

Scheduler::Scheduler(const asio::any_io_executor& executor, Services& services)
    : ClockedWorker(executor, services.clock, services.log, "the scheduler"),
      services_(services),
      runner_(services) {}

std::unique_ptr<Timeline> Scheduler::build(SysTime after, std::shared_ptr<const Config>& config) const {
  config = services_.current_config();
  if (!config) config = std::make_shared<const Config>();  // no rituals
  const ZoneOf zone_of = [this](const Member& member) { return services_.profiles.zone_of(member); };
  auto timeline = std::make_unique<Timeline>(config->rituals, config->org, zone_of);
  timeline->start(after);
  return timeline;
}

void Scheduler::reload() {
  // Posted before the wake, so the round it causes sees it.
  asio::post(strand(), [this] { rebuild_ = true; });
  wake();
}

asio::awaitable<SysTime> Scheduler::round() {
  const Clock& clock = services_.clock;
  SysTime wake_at = SysTime::max();
  try {
    if (!mark_) {
      const auto read_mark = [](Store& store) { return store.scheduler_mark(); };
      const auto stored = co_await services_.store.run(read_mark);
      mark_ = stored.value_or(clock.now());
      if (!stored) {
        // Remembered at once, so that a restart after a crash knows what it missed.
        const auto save_first = [at = *mark_](Store& store) { store.set_scheduler_mark(at); };
        co_await services_.store.run(save_first);
      }
      services_.log.info("scheduler starting", {{"from", iso8601(*mark_)}});
    }
    if (!timeline_ || rebuild_) {
      rebuild_ = false;
      timeline_ = build(*mark_, config_);
      services_.log.info("scheduler timeline built", {{"entries", timeline_->entries()}});
    }
    const SysTime now = clock.now();
    int ran = 0, missed = 0;
    while (!stopping()) {
      // Up to a wave of due occurrences run at once: their store calls wait together and the store
      // commits them together (group commit), where one by one each would wait for its own sync to disk.
      std::vector<DueOccurrence> due;
      while (due.size() < kWave) {
        auto occurrence = timeline_->pop(now);
        if (!occurrence) break;
        const bool late = now - occurrence->at > occurrence->ritual->grace;
        due.push_back({std::move(*occurrence), late});
      }
      if (due.empty()) break;
      std::vector<RunOp> wave;
      for (std::size_t first = 0; first < due.size(); first += kBatch) {
        const auto begin = due.begin() + static_cast<std::ptrdiff_t>(first);
        const auto end = due.begin() + static_cast<std::ptrdiff_t>(std::min(due.size(), first + kBatch));
        // Moved: `missed`, read below, survives the move.
        std::vector<DueOccurrence> batch(std::make_move_iterator(begin), std::make_move_iterator(end));
        wave.push_back(asio::co_spawn(strand(), runner_.run(config_, std::move(batch), now), asio::deferred));
      }
      auto group = asio::experimental::make_parallel_group(std::move(wave));
      auto [order, errors, recorded] =
          co_await group.async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
      // Results come in the order the batches were made (an errored batch's is empty).
      for (std::size_t batch = 0; batch < recorded.size(); ++batch) {
        for (std::size_t i = 0; i < recorded[batch].size(); ++i) {
          if (recorded[batch][i]) ++(due[batch * kBatch + i].missed ? missed : ran);
        }
      }
      // What was recorded stays recorded; the rest is run again after the store comes back.
      for (const std::exception_ptr& error : errors) {
        if (error) std::rethrow_exception(error);
      }
    }
    if (ran + missed > 0) {
      const auto save_mark = [now](Store& store) { store.set_scheduler_mark(now); };
      co_await services_.store.run(save_mark);
      services_.log.info("ritual occurrences run", {{"ran", ran}, {"missed", missed}});
    }
    mark_ = now;
    if (const auto next = timeline_->next_at()) wake_at = *next;
  } catch (const std::exception& e) {
    // Start again from the last saved mark: what was recorded is not run twice (its key says so).
    services_.log.error("scheduler cannot reach the store; trying again", {{"error", e.what()}});
    mark_.reset();
    timeline_.reset();
    wake_at = clock.now() + kRetryAfterStoreError;
  }
  co_return wake_at;
}

}  // namespace baton
