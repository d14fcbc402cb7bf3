#include "bot/core/calendar/business_calendar.hpp"

#include "bot/core/clock/zone.hpp"

namespace baton {
namespace {

// Looking further than this for working time means the calendar has (almost) none: a config check
// refuses calendars without working days or hours, so only a decade of holidays could get here.
constexpr int kSearchDays = 3660;

}  // namespace

std::optional<std::string> BusinessCalendar::holiday(date::sys_days day) const {
  if (const auto found = holidays.find(day); found != holidays.end()) return found->second;
  const date::year_month_day ymd{day};
  for (const YearlyHoliday& yearly : yearly_holidays) {
    if (ymd.month() == yearly.day.month() && ymd.day() == yearly.day.day() && ymd.year() >= yearly.from &&
        (!yearly.until || day <= *yearly.until)) {
      return yearly.name;
    }
  }
  return std::nullopt;
}

bool BusinessCalendar::is_working_day(date::sys_days day) const {
  return working_days[date::weekday{day}.c_encoding()] && !holiday(day);
}

template <typename Visit>
void BusinessCalendar::each_interval(SysTime from, int days, Visit&& visit) const {
  date::sys_days day{std::chrono::floor<date::days>(to_local(*zone, from).time_since_epoch())};
  for (int i = 0; i < days; ++i, day += date::days{1}) {
    if (!is_working_day(day)) continue;
    const date::local_days local{day.time_since_epoch()};
    for (const WorkingHours& interval : hours) {
      const SysTime open = to_instant(*zone, local + std::chrono::minutes(interval.start));
      const SysTime close = to_instant(*zone, local + std::chrono::minutes(interval.end));
      if (!visit(open, close)) return;
    }
  }
}

bool BusinessCalendar::is_open(SysTime at) const {
  bool open = false;
  each_interval(at, 1, [&](SysTime start, SysTime end) {
    open = open || (start <= at && at < end);
    return !open;
  });
  return open;
}

SysTime BusinessCalendar::add_working_time(SysTime start, std::chrono::minutes amount) const {
  SysTime::duration left = amount;
  SysTime due = start;
  bool found = false;
  each_interval(start, kSearchDays, [&](SysTime open, SysTime close) {
    const SysTime from = std::max(open, start);
    if (from >= close) return true;
    if (close - from >= left) {
      due = from + left;
      found = true;
      return false;
    }
    left -= close - from;
    return true;
  });
  // A calendar with no working time for ten years: count plain time rather than never.
  return found ? due : start + amount;
}

std::chrono::seconds BusinessCalendar::working_time_between(SysTime from, SysTime to) const {
  SysTime::duration total{0};
  if (to <= from) return std::chrono::seconds{0};
  each_interval(from, kSearchDays, [&](SysTime open, SysTime close) {
    if (open >= to) return false;
    const SysTime a = std::max(open, from);
    const SysTime b = std::min(close, to);
    if (b > a) total += b - a;
    return true;
  });
  return std::chrono::floor<std::chrono::seconds>(total);
}

}  // namespace baton
