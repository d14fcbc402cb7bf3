#include "bot/core/handoffs/due.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/zone.hpp"
#include "bot/core/schedule/schedule.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

// A day as typed, and whether it came from a weekday name (which means the next one: "fri" typed on a
// Friday evening is next Friday).
struct TypedDay {
  date::sys_days day;
  bool weekday = false;
  // "+2d" alone keeps the time of day it was typed at.
  bool relative = false;
};

std::optional<int> small_number(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// "+2h", "+2d": a positive count and the unit after it.
std::optional<std::pair<int, std::string_view>> relative(std::string_view word) {
  if (!word.starts_with('+')) return std::nullopt;
  word.remove_prefix(1);
  std::size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9')
    ++digits;
  const auto n = small_number(word.substr(0, digits));
  if (!n || *n <= 0) return std::nullopt;
  return std::make_pair(*n, word.substr(digits));
}

// "+2h", "+30min", "+90m": a span of time from now.
std::optional<std::chrono::minutes> relative_time(std::string_view word) {
  const auto r = relative(word);
  if (!r) return std::nullopt;
  if (r->second == "h") return std::chrono::hours(r->first);
  if (r->second == "m" || r->second == "min" || r->second == "mn") return std::chrono::minutes(r->first);
  return std::nullopt;
}

// "+2d" / "+2j" (jours), "+1w" / "+1s" (semaines): days ahead.
std::optional<int> relative_days(std::string_view word) {
  const auto r = relative(word);
  if (!r) return std::nullopt;
  if (r->second == "d" || r->second == "j") return r->first;
  if (r->second == "w" || r->second == "s" || r->second == "sem") return r->first * 7;
  return std::nullopt;
}

std::optional<date::sys_days> valid_day(int y, int m, int d) {
  const date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(m)),
                                 date::day(static_cast<unsigned>(d))};
  if (m < 1 || m > 12 || d < 1 || d > 31 || !ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

// "2026-11-27", "27/11/2026", "27/11" (this year, or next once it has passed).
std::optional<date::sys_days> calendar_day(const std::string& word, date::sys_days today) {
  if (word.size() == 10 && word[4] == '-' && word[7] == '-') {
    const auto y = small_number(std::string_view(word).substr(0, 4));
    const auto m = small_number(std::string_view(word).substr(5, 2));
    const auto d = small_number(std::string_view(word).substr(8, 2));
    if (y && m && d) return valid_day(*y, *m, *d);
    return std::nullopt;
  }
  const std::size_t slash = word.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::size_t second = word.find('/', slash + 1);
  const auto d = small_number(std::string_view(word).substr(0, slash));
  const auto m = small_number(std::string_view(word).substr(
      slash + 1, second == std::string::npos ? std::string::npos : second - slash - 1));
  if (!d || !m) return std::nullopt;
  if (second != std::string::npos) {
    const std::string_view year_text = std::string_view(word).substr(second + 1);
    if (year_text.size() != 4) return std::nullopt;
    const auto y = small_number(year_text);
    if (!y) return std::nullopt;
    return valid_day(*y, *m, *d);
  }
  const int this_year = static_cast<int>(date::year_month_day(today).year());
  const auto day = valid_day(this_year, *m, *d);
  if (day && *day < today) return valid_day(this_year + 1, *m, *d);
  return day;
}

std::optional<TypedDay> typed_day(const std::string& word, date::sys_days today) {
  if (word == "today" || word == "aujourd'hui" || word == "auj") return TypedDay{today};
  if (word == "tomorrow" || word == "tmrw" || word == "demain") return TypedDay{today + date::days(1)};
  if (word == "apres-demain") return TypedDay{today + date::days(2)};
  if (const auto days = relative_days(word)) return TypedDay{today + date::days(*days), false, true};
  if (const auto day = calendar_day(word, today)) return TypedDay{*day};
  // A weekday name: the next one, today included (a time already past moves it a week on, below).
  if (word.find(',') == std::string::npos && word.find('-') == std::string::npos) {
    if (const auto days = parse_weekday_list(word); days && days->count() == 1) {
      unsigned wanted = 0;
      while (!days->test(wanted))
        ++wanted;
      const unsigned now_wd = date::weekday(today).c_encoding();
      return TypedDay{today + date::days((wanted + 7 - now_wd) % 7), true};
    }
  }
  return std::nullopt;
}

SysTime at_local(const date::time_zone& zone, date::sys_days day, unsigned minute) {
  return to_instant(zone, date::local_days(day.time_since_epoch()) + std::chrono::minutes(minute));
}

}  // namespace

std::variant<SysTime, DueProblem> parse_due(std::string_view text, const DueContext& ctx) {
  const date::time_zone& zone = ctx.zone != nullptr ? *ctx.zone : *date::locate_zone("UTC");
  // The typographic apostrophe of "aujourd’hui" reads as a plain one.
  const std::string folded = fold(text);
  std::string typed;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {
      typed.push_back('\'');
      i += 2;
    } else {
      typed.push_back(folded[i]);
    }
  }
  std::vector<std::string> words = words_of(typed);
  // "fri at 17:00", "vendredi à 17h".
  if (words.size() == 3 && (words[1] == "at" || words[1] == "a")) words.erase(words.begin() + 1);
  if (words.empty() || words.size() > 2) return DueProblem::unreadable;

  const date::local_seconds local_now = to_local(zone, ctx.now);
  const date::sys_days today{std::chrono::floor<date::days>(local_now).time_since_epoch()};
  const auto minute_now = static_cast<unsigned>(
      std::chrono::duration_cast<std::chrono::minutes>(local_now - std::chrono::floor<date::days>(local_now))
          .count());

  std::optional<SysTime> at;
  if (words.size() == 1) {
    const std::string& word = words.front();
    if (const auto span = relative_time(word)) {
      at = ctx.now + *span;
    } else if (word.find('t') == 10 && word.size() > 10) {
      // An instant: "2026-11-27T15:00:00Z", or a local one, "2026-11-27T15:00".
      std::string upper = std::string(text);
      for (char& c : upper)
        c = (c == 't' ? 'T' : (c == 'z' ? 'Z' : c));
      at = parse_iso8601(upper);
      if (!at) {
        const auto day = calendar_day(word.substr(0, 10), today);
        const auto minute = parse_time_of_day(word.substr(11));
        if (!day || !minute) return DueProblem::unreadable;
        at = at_local(zone, *day, *minute);
      }
    } else if (const auto minute = parse_time_of_day(word)) {
      at = at_local(zone, today, *minute);
    } else if (const auto day = typed_day(word, today)) {
      at = at_local(zone, day->day, day->relative ? minute_now : ctx.end_of_day_minute);
      if (day->weekday && *at <= ctx.now)
        at = at_local(zone, day->day + date::days(7), ctx.end_of_day_minute);
    }
  } else {
    const auto day = typed_day(words[0], today);
    const auto minute = parse_time_of_day(words[1]);
    if (day && minute) {
      at = at_local(zone, day->day, *minute);
      if (day->weekday && *at <= ctx.now) at = at_local(zone, day->day + date::days(7), *minute);
    }
  }
  if (!at) return DueProblem::unreadable;
  if (*at <= ctx.now) return DueProblem::past;
  if (*at - ctx.now > kMaxDueAhead) return DueProblem::too_far;
  return *at;
}

}  // namespace baton
