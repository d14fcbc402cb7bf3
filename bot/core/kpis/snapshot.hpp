// A KPI snapshot: for each KPI, its value over a period, against its target, its change on the period
// before (over the same span, so a week so far is compared with the same days of the week before), a
// sparkline of the last periods and a status marker. One rendering for /baton kpi, the snapshot ritual
// and the digest, on every platform.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/kpis/kpi.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/store/store.hpp"
#include "rules/series.hpp"

namespace baton {

inline constexpr int kSnapshotPeriods = 8;

struct SnapshotPeriod {
  rules::Period period = rules::Period::day;
  date::sys_days start;  // the period's first day
  date::sys_days end;    // the last day counted: today when to date, the period's last day otherwise
  bool to_date = false;
};

// The period holding `today`, up to today.
SnapshotPeriod current_period(rules::Period period, date::sys_days today);
// The last period that has ended before `today`: yesterday, last week, last month.
SnapshotPeriod last_complete_period(rules::Period period, date::sys_days today);

struct SnapshotRow {
  const KpiDefinition* kpi = nullptr;
  std::optional<double> value;
  std::optional<double> target;    // for the span shown (a sum's target in proportion when to date)
  std::optional<double> previous;  // the period before, over the same span
  std::vector<std::optional<double>> history;  // kSnapshotPeriods periods, oldest first, this one last
};

SnapshotRow snapshot_row(const KpiDefinition& kpi, const rules::Series* days, const SnapshotPeriod& shown);

// The stored days of these KPIs up to `last_day`, far enough back for any snapshot's sparkline.
std::map<std::string, rules::Series> snapshot_series(Store& store, const std::vector<std::string>& kpis,
                                                     date::sys_days last_day);
std::vector<SnapshotRow> snapshot_rows(const std::vector<const KpiDefinition*>& kpis,
                                       const std::map<std::string, rules::Series>& series,
                                       const SnapshotPeriod& shown);

// 🟢 on target, 🟠 within 10%, 🔴 further, ⚪ without a target or a value.
std::string status_marker(const SnapshotRow& row);

Message kpi_snapshot(const std::vector<SnapshotRow>& rows, const SnapshotPeriod& shown, Locale locale);

// "Monday 23 November", "week of Monday 23 November", "November 2026"; ", so far" when to date.
std::string period_label(const SnapshotPeriod& shown, Locale locale);

}  // namespace baton
