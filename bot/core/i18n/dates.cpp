#include "bot/core/i18n/dates.hpp"

#include <array>
#include <optional>

namespace baton {
namespace {

constexpr std::array<const char*, 7> kDaysEn = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};
constexpr std::array<const char*, 7> kDaysFr = {"dimanche", "lundi",    "mardi", "mercredi",
                                                "jeudi",    "vendredi", "samedi"};
constexpr std::array<const char*, 12> kMonthsEn = {"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
constexpr std::array<const char*, 12> kMonthsFr = {"janvier",   "février", "mars",     "avril",
                                                   "mai",       "juin",    "juillet",  "août",
                                                   "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<const char*, 7> kShortDaysEn = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 7> kShortDaysFr = {"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."};
constexpr std::array<const char*, 12> kShortMonthsEn = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kShortMonthsFr = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                                                        "juil.", "août",  "sept.", "oct.", "nov.", "déc."};

}  // namespace

std::string day_name(Locale locale, date::sys_days day, std::optional<date::year> this_year) {
  const date::year_month_day ymd{day};
  const unsigned weekday = date::weekday{day}.c_encoding();
  const unsigned month = static_cast<unsigned>(ymd.month()) - 1;
  const bool fr = locale == Locale::fr;
  std::string out = std::string(fr ? kDaysFr[weekday] : kDaysEn[weekday]) + " " +
                    std::to_string(static_cast<unsigned>(ymd.day())) + " " +
                    (fr ? kMonthsFr[month] : kMonthsEn[month]);
  if (this_year && ymd.year() != *this_year) out += " " + std::to_string(static_cast<int>(ymd.year()));
  return out;
}

std::string month_name(Locale locale, date::year_month month) {
  const unsigned index = static_cast<unsigned>(month.month()) - 1;
  return std::string(locale == Locale::fr ? kMonthsFr[index] : kMonthsEn[index]) + " " +
         std::to_string(static_cast<int>(month.year()));
}

std::string short_day_name(Locale locale, date::sys_days day) {
  const date::year_month_day ymd{day};
  const unsigned weekday = date::weekday{day}.c_encoding();
  const unsigned month = static_cast<unsigned>(ymd.month()) - 1;
  const bool fr = locale == Locale::fr;
  return std::string(fr ? kShortDaysFr[weekday] : kShortDaysEn[weekday]) + " " +
         std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         (fr ? kShortMonthsFr[month] : kShortMonthsEn[month]);
}

std::string weekday_name(Locale locale, unsigned weekday) {
  return locale == Locale::fr ? kDaysFr.at(weekday) : kDaysEn.at(weekday);
}

std::string month_only_name(Locale locale, unsigned month) {
  return locale == Locale::fr ? kMonthsFr.at(month - 1) : kMonthsEn.at(month - 1);
}

std::string clock_time(unsigned minutes_after_midnight) {
  const unsigned hours = (minutes_after_midnight / 60) % 24;
  const unsigned minutes = minutes_after_midnight % 60;
  return std::string{static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
                     static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
}

}  // namespace baton
