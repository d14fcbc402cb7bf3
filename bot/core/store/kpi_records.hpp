// What the store keeps of KPIs: one value a KPI and day, and every value it replaced.
#pragma once

#include <string>

#include "bot/core/clock/clock.hpp"

namespace baton {

struct KpiPoint {
  std::string kpi;
  std::string day;  // YYYY-MM-DD
  double value = 0;
  bool operator==(const KpiPoint&) const = default;
};

// A stored point with where it came from ("api:shop", "csv:sales.csv", "chat:sophie", "baton").
struct KpiPointRecord {
  KpiPoint point;
  std::string source;
  SysTime recorded_at;
  std::int64_t revision = 0;  // the write that stored it: later writes have higher ones
};

// A value that was replaced, and by what.
struct KpiPointChange {
  KpiPointRecord before;
  double replaced_by = 0;
  std::string replaced_by_source;
  SysTime replaced_at;
};

struct KpiWriteResult {
  int stored = 0;     // new days
  int replaced = 0;   // days that had a different value
  int unchanged = 0;  // days sent again with the same value: nothing written
};

}  // namespace baton
