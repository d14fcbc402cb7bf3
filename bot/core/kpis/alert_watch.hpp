// The alert watch: keeps the KPI series in memory, reads the points stored since its last round (by the
// API, a chat command, or `baton kpi import` in another process), and has the alert desk evaluate the
// rules that read them; every rule again each alerts.evaluate_every, so that `for` and windows move with
// the days. Sleeps until the next of those, or until something the desk said falls due.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/kpis/kpi_data.hpp"
#include "bot/core/services.hpp"

namespace baton {

class AlertWatch : public ClockedWorker {
 public:
  AlertWatch(const boost::asio::any_io_executor& executor, Services& services)
      : ClockedWorker(executor, services.clock, services.log, "the alert watch"), services_(services) {}
  // wake(): new KPI points were stored; the rules reading them are evaluated at once.

 private:
  boost::asio::awaitable<SysTime> round() override;

  Services& services_;
  // Touched only by rounds, which run one after another, each on the store's thread.
  std::shared_ptr<const Config> config_;  // the one `data_` was loaded for
  std::unique_ptr<KpiData> data_;
  std::int64_t seen_revision = 0;  // points stored by writes up to this one are in data_
  SysTime next_full_{};            // when every rule is evaluated again
};

}  // namespace baton
