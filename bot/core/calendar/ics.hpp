// Holidays from an iCalendar (.ics) file, as public-holiday calendars are published: all-day VEVENTs,
// possibly several days long, possibly repeating every year (RRULE:FREQ=YEARLY).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/calendar/business_calendar.hpp"

namespace baton {

struct IcsHolidays {
  std::map<date::sys_days, std::string> dates;
  std::vector<YearlyHoliday> yearly;
  // "line 12: ..." for each problem; nothing above is meant to be used when there is one.
  std::vector<std::string> errors;
};

inline constexpr std::size_t kMaxIcsBytes = std::size_t{2} * 1024 * 1024;
inline constexpr std::size_t kMaxIcsEvents = 10'000;

IcsHolidays read_ics_holidays(std::string_view text);

}  // namespace baton
