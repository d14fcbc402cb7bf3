#include "bot/core/rituals/scheduler.hpp"

#include <boost/asio/post.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/config/live_config.hpp"

namespace baton {
namespace asio = boost::asio;

namespace {

constexpr std::chrono::seconds kRetryAfterStoreError{5};

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
      auto occurrence = timeline_->pop(now);
      if (!occurrence) break;
      const bool late = now - occurrence->at > occurrence->ritual->grace;
      if (co_await runner_.run(config_, std::move(*occurrence), now, late)) ++(late ? missed : ran);
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
