// A business calendar: the working days, working hours, holidays and time zone of a team. Rituals skip
// its holidays; handoff SLAs count time in its working hours. One definition serves both.
#pragma once

#include <bitset>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "bot/core/clock/clock.hpp"

namespace baton {

struct WorkingHours {
  std::uint16_t start = 0;  // minutes after midnight, local time
  std::uint16_t end = 0;    // after start
};

// A holiday every year on the same date (1 May), from a year on, until a last date if any.
struct YearlyHoliday {
  date::month_day day;
  date::year from;
  std::optional<date::sys_days> until;
  std::string name;
};

class BusinessCalendar {
 public:
  std::string key;
  const date::time_zone* zone = nullptr;
  std::bitset<7> working_days{0b0111110};              // 0 = Sunday; Monday to Friday
  std::vector<WorkingHours> hours{{9 * 60, 18 * 60}};  // ascending, not overlapping
  std::map<date::sys_days, std::string> holidays;      // date -> name (may be empty)
  std::vector<YearlyHoliday> yearly_holidays;

  // The holiday's name ("" when it has none), or nullopt on an ordinary day.
  std::optional<std::string> holiday(date::sys_days day) const;
  // A working weekday that is no holiday.
  bool is_working_day(date::sys_days day) const;
  // Within working hours on a working day, at `at`.
  bool is_open(SysTime at) const;

  // The instant when `amount` of working time has passed since `start` (counting from the next opening
  // if `start` is outside working hours). Wall-clock hours are read through the DST rule of
  // clock/zone.hpp, so a working day is as long as the clock says.
  SysTime add_working_time(SysTime start, std::chrono::minutes amount) const;
  // Working time between two instants (zero when `to` is not after `from`).
  std::chrono::seconds working_time_between(SysTime from, SysTime to) const;

 private:
  // Calls `visit(open, close)` for each working interval from the local day holding `from` on, until it
  // returns false or `days` days have been looked at.
  template <typename Visit>
  void each_interval(SysTime from, int days, Visit&& visit) const;
};

}  // namespace baton
