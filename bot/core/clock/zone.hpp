// Wall-clock times in a time zone, and the one rule baton applies when a wall-clock time does not exist
// or happens twice on a daylight-saving day. Schedules and business hours both use it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "bot/core/clock/clock.hpp"

namespace baton {

// The IANA zone of that name ("Europe/Paris"), or nullptr.
const date::time_zone* find_zone(std::string_view name);
// Every IANA zone name, for suggesting one when a name is misspelt.
const std::vector<std::string>& zone_names();

// The instant at which `local` happens in `zone`. A time skipped by a spring-forward gap maps to the
// first instant after the gap (02:30 on the day Paris jumps from 02:00 to 03:00 is 03:00 CEST); a time
// that happens twice on a fall-back day maps to its first occurrence. An instant counts nanoseconds, so
// it holds the years 1678 to 2261 only: a local time outside them (a due date typed as 9999-12-31) is
// taken as the nearest end of that range, which every caller then refuses as too far or past.
SysTime to_instant(const date::time_zone& zone, date::local_seconds local);

// The last day to_instant() holds whole; schedules give up beyond it.
inline constexpr date::sys_days kLastInstantDay{date::year{2261} / 12 / 31};

// The wall-clock time in `zone` at `at`, to the second.
date::local_seconds to_local(const date::time_zone& zone, SysTime at);

}  // namespace baton
