// Built from the parsed schedule, not its text, so a cron line reads as well as a readable one. The words
// are the calendar's (i18n/dates) and the joins each language's own.
#include "bot/core/schedule/schedule_text.hpp"

#include <array>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/i18n/dates.hpp"

namespace baton {
namespace {

// Monday first, as people list a week.
constexpr std::array<unsigned, 7> kWeekOrder = {1, 2, 3, 4, 5, 6, 0};

// "every Monday and Thursday" / "tous les lundis et jeudis"; "every 2 weeks on Thursday" / "toutes les
// 2 semaines, le jeudi"; "the last Friday of the month" / "le dernier vendredi du mois".
std::string weekdays_text(const Schedule& s, Locale locale) {
  const bool fr = locale == Locale::fr;
  std::vector<std::string> names;
  for (const unsigned day : kWeekOrder) {
    if (s.weekdays.test(day)) names.push_back(weekday_name(locale, day));
  }
  if (s.week_of_month != 0) {
    const Msg which = s.week_of_month == -1  ? Msg::schedule_last
                      : s.week_of_month == 1 ? Msg::schedule_first
                      : s.week_of_month == 2 ? Msg::schedule_second
                      : s.week_of_month == 3 ? Msg::schedule_third
                                             : Msg::schedule_fourth;
    return tr_plain(locale, Msg::schedule_week_of_month,
                    {{"which", tr_plain(locale, which)}, {"days", join_list(locale, names)}});
  }
  if (s.every_weeks > 1) {
    if (fr) {
      for (std::string& name : names)
        name = "le " + name;
    }
    return tr_plain(locale, Msg::schedule_every_weeks,
                    {{"weeks", std::to_string(s.every_weeks)}, {"days", join_list(locale, names)}});
  }
  const unsigned long bits = s.weekdays.to_ulong();
  if (bits == 0x7F) return tr_plain(locale, Msg::schedule_every_day);
  if (bits == 0x3E) return tr_plain(locale, Msg::schedule_weekdays);  // Monday to Friday
  if (bits == 0x41) return tr_plain(locale, Msg::schedule_weekends);
  if (fr) {
    for (std::string& name : names)
      name += "s";  // tous les lundis
  }
  return tr_plain(locale, Msg::schedule_every, {{"days", join_list(locale, names)}});
}

std::string days_of_month_text(const Schedule& s, Locale locale) {
  std::vector<std::string> days;
  for (unsigned day = 1; day <= 31; ++day) {
    if (s.days_of_month.test(day))
      days.push_back(locale == Locale::fr && day == 1 ? "1er" : std::to_string(day));
  }
  return tr_plain(locale, Msg::schedule_days_of_month, {{"days", join_list(locale, days)}});
}

std::string months_text(const Schedule& s, Locale locale) {
  std::vector<std::string> months;
  for (unsigned month = 1; month <= 12; ++month) {
    if (s.months.test(month)) months.push_back(month_only_name(locale, month));
  }
  return tr_plain(locale, Msg::schedule_in_months, {{"months", join_list(locale, months)}});
}

// "at 09:30 and 14:00"; a run of evenly spaced times (cron's */15) as "every 15 minutes from 08:00 to 18:45".
std::string times_text(const Schedule& s, Locale locale) {
  const std::vector<std::uint16_t>& times = s.times;
  if (times.size() > 3) {
    const unsigned step = times[1] - times[0];
    bool even = step > 0;
    for (std::size_t i = 2; i < times.size() && even; ++i)
      even = static_cast<unsigned>(times[i] - times[i - 1]) == step;
    if (even) {
      return tr_plain(locale, Msg::schedule_every_minutes,
                      {{"minutes", std::to_string(step)},
                       {"first", clock_time(times.front())},
                       {"last", clock_time(times.back())}});
    }
  }
  std::vector<std::string> shown;
  shown.reserve(times.size());
  for (const std::uint16_t minute : times)
    shown.push_back(clock_time(minute));
  return tr_plain(locale, Msg::schedule_at, {{"times", join_list(locale, shown)}});
}

}  // namespace

std::string describe_schedule(const Schedule& schedule, Locale locale) {
  std::string days;
  if (!schedule.any_day_of_month && !schedule.any_weekday) {
    // Classic cron: a day matching either fires.
    days = tr_plain(locale, Msg::schedule_either,
                    {{"a", days_of_month_text(schedule, locale)}, {"b", weekdays_text(schedule, locale)}});
  } else if (!schedule.any_day_of_month) {
    days = days_of_month_text(schedule, locale);
  } else {
    days = weekdays_text(schedule, locale);
  }
  if (schedule.months.to_ulong() != 0x1FFE) days += " " + months_text(schedule, locale);
  std::string out = days + " " + times_text(schedule, locale);
  if (schedule.from) {
    const std::string year = std::to_string(static_cast<int>(date::year_month_day{*schedule.from}.year()));
    out += tr_plain(locale, Msg::schedule_from, {{"day", day_name(locale, *schedule.from) + " " + year}});
  }
  return out;
}

}  // namespace baton
