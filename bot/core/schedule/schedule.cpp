#include "bot/core/schedule/schedule.hpp"

#include "bot/core/clock/zone.hpp"
#include "bot/core/schedule/parse_detail.hpp"

namespace baton {
namespace {

// How far next_fire() looks: long enough for a 29 February that must also be a given weekday.
constexpr date::days kHorizon{366 * 30};

// Days in each month at most, February counted in a leap year.
constexpr unsigned kLongestMonth[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

}  // namespace

bool Schedule::fires_on(date::sys_days day) const {
  const date::year_month_day ymd{day};
  if (!months[static_cast<unsigned>(ymd.month())]) return false;
  if (from) {
    if (day < *from) return false;
    if (every_weeks > 1) {
      const date::sys_days first_monday = *from - (date::weekday{*from} - date::Monday);
      if (((day - first_monday).count() / 7) % every_weeks != 0) return false;
    }
  }
  const unsigned day_of_month = static_cast<unsigned>(ymd.day());
  bool weekday_matches = weekdays[date::weekday{day}.c_encoding()];
  if (weekday_matches && week_of_month > 0) {
    weekday_matches = static_cast<int>((day_of_month - 1) / 7 + 1) == week_of_month;
  } else if (weekday_matches && week_of_month < 0) {
    const auto last = date::year_month_day_last{ymd.year(), date::month_day_last{ymd.month()}}.day();
    weekday_matches = day_of_month + 7 > static_cast<unsigned>(last);
  }
  const bool day_matches = days_of_month[day_of_month];
  // Vixie cron's rule: either day field written with * means both must match; otherwise either may.
  if (any_day_of_month || any_weekday) return day_matches && weekday_matches;
  return day_matches || weekday_matches;
}

ScheduleParse parse_schedule(std::string_view text) {
  if (text.size() > kMaxScheduleLength) {
    return ScheduleError{kMaxScheduleLength + 1,
                         "a schedule is at most " + std::to_string(kMaxScheduleLength) +
                             " characters; this one is " + std::to_string(text.size())};
  }
  std::size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\t'))
    ++start;
  if (start == text.size()) {
    return ScheduleError{1,
                         "the schedule is empty: write a cron expression such as \"30 9 * * 1-5\" or a "
                         "form such as \"weekdays 09:30\""};
  }
  const char first = text[start];
  ScheduleParse parsed = (first == '@' || first == '*' || (first >= '0' && first <= '9'))
                             ? schedule_detail::parse_cron(text)
                             : schedule_detail::parse_readable(text);
  if (auto* schedule = std::get_if<Schedule>(&parsed)) schedule->text = std::string(text.substr(start));
  return parsed;
}

std::optional<SysTime> next_fire(const Schedule& schedule, const date::time_zone& zone, SysTime after) {
  // Start a day early: a time just before midnight that a gap pushes past it lands on the next day.
  date::sys_days day{std::chrono::floor<date::days>(to_local(zone, after).time_since_epoch()) -
                     date::days{1}};
  if (schedule.from && *schedule.from > day) day = *schedule.from;
  const date::sys_days last = std::min(day + kHorizon, kLastInstantDay);
  for (; day <= last; day += date::days{1}) {
    if (!schedule.fires_on(day)) continue;
    const date::local_days local_day{day.time_since_epoch()};
    // Times ascend and the DST rule never maps a later wall-clock time to an earlier instant, so the
    // first instant past `after` on the first such day is the next one.
    for (const std::uint16_t minute : schedule.times) {
      const SysTime at = to_instant(zone, local_day + std::chrono::minutes(minute));
      if (at > after) return at;
    }
  }
  return std::nullopt;
}

std::string describe_error(std::string_view text, const ScheduleError& error) {
  std::string out = "  ";
  for (const char c : text)
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  out += "\n  ";
  out.append(error.column > 0 ? error.column - 1 : 0, ' ');
  out += "^ " + error.message + '\n';
  return out;
}

namespace schedule_detail {

std::size_t column_at(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    // Continuation bytes of a UTF-8 sequence do not start a character.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

void set_times(Schedule& schedule, const std::bitset<24>& hours, const std::bitset<60>& minutes) {
  schedule.times.clear();
  for (unsigned hour = 0; hour < 24; ++hour) {
    if (!hours[hour]) continue;
    for (unsigned minute = 0; minute < 60; ++minute) {
      if (minutes[minute]) schedule.times.push_back(static_cast<std::uint16_t>(hour * 60 + minute));
    }
  }
}

std::optional<std::string> never_fires(const Schedule& schedule) {
  if (schedule.any_day_of_month || !schedule.any_weekday) return std::nullopt;
  for (unsigned month = 1; month <= 12; ++month) {
    if (!schedule.months[month]) continue;
    for (unsigned day = 1; day <= kLongestMonth[month]; ++day) {
      if (schedule.days_of_month[day]) return std::nullopt;
    }
  }
  return "no month chosen has the days of the month chosen, so this schedule would never fire";
}

}  // namespace schedule_detail
}  // namespace baton
