// `baton schedule next`: the fire instants of a schedule, computed by the code the scheduler runs, so an
// admin can check a schedule before putting it in the config.
#pragma once

#include <iosfwd>
#include <string>

#include "bot/core/clock/clock.hpp"

namespace baton::app {

struct ScheduleNextOptions {
  std::string schedule;
  std::string zone;
  std::string from;  // RFC 3339; empty: `now`
  int count = 5;
};

// Prints one RFC 3339 UTC instant a line to `out`; problems go to `err`. Returns the exit status:
// 0, or 2 for a wrong schedule, zone, instant or count.
int schedule_next(const ScheduleNextOptions& options, SysTime now, std::ostream& out, std::ostream& err);

}  // namespace baton::app
