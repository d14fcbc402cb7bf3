// Handoff figures per department and week, for `/baton handoffs stats` now and the KPI engine later:
// opened, closed, overdue, median time to accept and to close (working time in the department's
// calendar), and SLA compliance.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include <date/date.h>

#include "bot/core/config/config.hpp"
#include "bot/core/store/store.hpp"

namespace baton {

struct HandoffWeekStats {
  date::sys_days week;                                // its Monday, in the department's time zone
  int opened = 0;                                     // asked that week
  int closed = 0;                                     // done or rejected that week
  int overdue = 0;                                    // due that week and not done by then
  std::optional<std::chrono::minutes> median_accept;  // of those first answered that week
  std::optional<std::chrono::minutes> median_close;   // of those done that week
  // Of the handoffs done that week or due that week and not done: the share accepted by their first
  // response target and done by their due time. nullopt when there were none.
  std::optional<double> sla_percent;
};

// `weeks` weeks from the Monday `first_week`, in order.
std::vector<HandoffWeekStats> handoff_stats(Store& store, const Config& config, const std::string& department,
                                            date::sys_days first_week, int weeks, SysTime now);

// The same over `periods` spans of `length` days from `first` (days, for the built-in KPIs); each
// HandoffWeekStats::week is then its span's first day.
std::vector<HandoffWeekStats> handoff_stats_by(Store& store, const Config& config,
                                               const std::string& department, date::sys_days first,
                                               int periods, date::days length, SysTime now);

}  // namespace baton
