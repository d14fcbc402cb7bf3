// When a ritual fires: a 5-field cron expression or a readable form ("weekdays 09:30",
// "every 2 weeks on thu 16:00 from 2026-11-26", "last fri of month 15:00", in English or French),
// parsed into one Schedule and turned into instants in a time zone by the same code everywhere
// (the scheduler, `baton schedule next`, `baton simulate`).
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "bot/core/clock/clock.hpp"

namespace baton {

struct Schedule {
  std::string text;  // as written, for people

  // Wall-clock times of day at which it fires, in minutes after midnight, ascending.
  std::vector<std::uint16_t> times;

  // Which days: cron's three day fields, every day unless restricted. When both day-of-month and
  // day-of-week are restricted, a day matching either fires (classic cron); when either was written
  // starting with `*` (even "*/2"), a day must match both.
  std::bitset<32> days_of_month{0xFFFFFFFEULL};  // 1..31
  std::bitset<13> months{0x1FFEULL};             // 1..12
  std::bitset<7> weekdays{0x7FULL};              // 0 = Sunday
  bool any_day_of_month = true;
  bool any_weekday = true;

  // "first mon of month" (1..4) or "last fri of month" (-1): the weekdays above, only in that week of
  // the month. 0: every such weekday.
  int week_of_month = 0;

  // "every N weeks ... from DATE": fires only in every N-th week counted from the week (Monday to
  // Sunday) holding `from`. A `from` date also means nothing fires before it.
  unsigned every_weeks = 1;
  std::optional<date::sys_days> from;

  bool fires_on(date::sys_days day) const;
};

// Where a schedule is wrong: a column in characters from 1, and what was expected there.
struct ScheduleError {
  std::size_t column = 1;
  std::string message;
};

using ScheduleParse = std::variant<Schedule, ScheduleError>;

// Limits what is read: a schedule is a line, not a document.
inline constexpr std::size_t kMaxScheduleLength = 200;

ScheduleParse parse_schedule(std::string_view text);

// The first fire instant strictly after `after` in `zone`, by the rule in clock/zone.hpp for times a
// daylight-saving change skips or repeats. nullopt when it never fires again (a schedule that could
// never fire is refused when parsed; this is for one whose `from` lies over a century away).
std::optional<SysTime> next_fire(const Schedule& schedule, const date::time_zone& zone, SysTime after);

// Pieces of the same language, for business calendars: "mon-fri" or "mon,tue,thu" (0 = Sunday), and
// "09:30" or "9h30" (minutes after midnight).
std::optional<std::bitset<7>> parse_weekday_list(std::string_view text);
std::optional<unsigned> parse_time_of_day(std::string_view text);

// The schedule error as people read it: the text, a caret under the column, the message.
std::string describe_error(std::string_view text, const ScheduleError& error);

}  // namespace baton
