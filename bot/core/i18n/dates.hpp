// Dates and times as people read them in each language: "Monday 23 November", "lundi 23 novembre",
// "09:30". The catalog holds sentences; these are the calendar words.
#pragma once

#include <optional>
#include <string>

#include <date/date.h>

#include "bot/core/i18n/locale.hpp"

namespace baton {

// "Monday 23 November" / "lundi 23 novembre"; the year is added when it is not `this_year`.
std::string day_name(Locale locale, date::sys_days day, std::optional<date::year> this_year = std::nullopt);
// "Mon 23 Nov" / "lun. 23 nov."
std::string short_day_name(Locale locale, date::sys_days day);
// "November 2026" / "novembre 2026"
std::string month_name(Locale locale, date::year_month month);
// "Monday" / "lundi" (0 = Sunday), and "November" / "novembre" (1 = January).
std::string weekday_name(Locale locale, unsigned weekday);
std::string month_only_name(Locale locale, unsigned month);
// "09:30" in both languages (24-hour clock; French writes 09:30 too in chat).
std::string clock_time(unsigned minutes_after_midnight);

}  // namespace baton
