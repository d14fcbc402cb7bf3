// The KPIs baton counts itself from what it stores: a department's stand-up participation, and the
// handoffs asked of it (opened, overdue, within SLA). Each is counted for a day once that day is over
// in the department's calendar, and stored like any other point (source "baton"), so rules, snapshots,
// the API and backtests read them the same way.
#pragma once

#include <vector>

#include "bot/core/config/config.hpp"
#include "bot/core/store/store.hpp"

namespace baton {

// The values of every built-in KPI of `config` for the last `days` days that are over, where there is
// something to count (a day without prompts has no participation).
std::vector<KpiPoint> builtin_points(Store& store, const Config& config, SysTime now, int days);

}  // namespace baton
