#include "bot/core/kpis/alert_watch.hpp"

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/kpis/alert_desk.hpp"
#include "bot/core/kpis/builtin_kpis.hpp"
#include "rules/checker.hpp"

namespace baton {
namespace {

constexpr std::chrono::seconds kRetryAfterStoreError{5};
// Points stored by another process are looked for this often, even with nothing else due.
constexpr std::chrono::minutes kLookForPoints{1};
// Built-in KPIs are counted again for this many days that are over.
constexpr int kBuiltinDays = 2;

}  // namespace

boost::asio::awaitable<SysTime> AlertWatch::round() {
  const Clock& clock = services_.clock;
  const SysTime now = clock.now();
  const auto config = services_.current_config();
  if (!config || (config->rules.empty() && config->kpis.empty())) co_return now + std::chrono::hours(1);
  try {
    const bool reload = config != config_ || !data_;
    const bool full = reload || now >= next_full_;
    const AlertDesk desk(services_.org, services_.profiles, config, services_.runtime.platforms, now);
    auto work = [this, &desk, config, reload, full, now](Store& store) {
      std::set<std::string> changed;
      if (reload) {
        // Windows reach two years back from today; a day of slack for time zones.
        data_ = std::make_unique<KpiData>(config->kpis, config->rules);
        const date::sys_days today = std::chrono::floor<date::days>(now);
        const std::string first = day_text(today - date::days(rules::kMaxWindowDays + 1));
        for (const KpiPointRecord& r : store.kpi_points("", first, "9999-12-31")) {
          data_->put(r.point);
          seen_revision = std::max(seen_revision, r.revision);
        }
        config_ = config;
      } else {
        for (const KpiPointRecord& r : store.kpi_points_changed_since(seen_revision)) {
          const rules::Series* known = data_->series(r.point.kpi);
          if (known == nullptr || known->at(day_of(r.point.day)) != r.point.value)
            changed.insert(r.point.kpi);
          data_->put(r.point);
          seen_revision = std::max(seen_revision, r.revision);
        }
      }
      if (full) {
        // What baton counts itself, for the days just over (a late answer or a closed handoff can still
        // change yesterday's figure).
        const std::vector<KpiPoint> counted = builtin_points(store, *config, now, kBuiltinDays);
        if (!counted.empty()) {
          const KpiWriteResult written = store.put_kpi_points(counted, "baton", now);
          if (written.stored + written.replaced > 0) {
            for (const KpiPoint& p : counted) {
              data_->put(p);
              changed.insert(p.kpi);
            }
          }
        }
      }
      std::set<std::string> evaluate;
      for (const KpiRule& rule : config->rules) {
        const bool reads_changed = std::any_of(rule.kpis.begin(), rule.kpis.end(),
                                               [&](const std::string& k) { return changed.count(k) > 0; });
        if (full || reads_changed) evaluate.insert(rule.name);
      }
      return desk.run(store, *data_, evaluate);
    };
    const AlertRound result = co_await services_.store.run(std::move(work));
    if (full) next_full_ = now + config->alerts.evaluate_every;
    if (result.changes > 0 || result.messages > 0) {
      services_.log.info("alerts evaluated", {{"rules", result.evaluated},
                                              {"changes", result.changes},
                                              {"messages", result.messages},
                                              {"handoffs", result.handoffs}});
    }
    if (result.messages > 0 && services_.wake_outbox) services_.wake_outbox();
    if (result.handoffs > 0 && services_.wake_handoffs) services_.wake_handoffs();
    SysTime next = std::min(next_full_, now + kLookForPoints);
    if (result.next) next = std::min(next, *result.next);
    co_return next;
  } catch (const std::exception& e) {
    services_.log.error("alert watch cannot reach the store; trying again", {{"error", e.what()}});
    co_return clock.now() + kRetryAfterStoreError;
  }
}

}  // namespace baton
