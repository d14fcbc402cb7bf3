#include "bot/core/handoffs/sla_watch.hpp"

#include "bot/core/config/live_config.hpp"
#include "bot/core/handoffs/desk.hpp"

namespace baton {

namespace {

constexpr std::chrono::seconds kRetryAfterStoreError{5};
constexpr int kTimersAtOnce = 100;

}  // namespace

boost::asio::awaitable<SysTime> SlaWatch::round() {
  const Clock& clock = services_.clock;
  SysTime wake_at = SysTime::max();
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
        if (batch < kTimersAtOnce || stopping()) break;
      }
      if (fired > 0) {
        services_.log.info("handoff timers fired", {{"count", fired}});
        if (services_.wake_outbox) services_.wake_outbox();
      }
    }
    const auto read_next = [](Store& store) { return store.next_handoff_timer(); };
    if (const auto next = co_await services_.store.run(read_next)) wake_at = *next;
  } catch (const std::exception& e) {
    services_.log.error("SLA watch cannot reach the store; trying again", {{"error", e.what()}});
    wake_at = clock.now() + kRetryAfterStoreError;
  }
  co_return wake_at;
}

}  // namespace baton
