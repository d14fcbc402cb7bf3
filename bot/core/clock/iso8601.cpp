// RFC 3339 read by hand: the format is fixed, so a direct parser is short, strict about every field,
// and avoids date's stream parsing (slow, and it trips g++ 12's maybe-uninitialized warning).
#include "bot/core/clock/iso8601.hpp"

#include <date/date.h>

namespace baton {
namespace {

// Reads `count` digits at `at` into `out`; false if any is not a digit.
bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// Appends `value` as `width` digits, zero-padded.
void put(std::string& out, long long value, int width) {
  char buffer[20];
  for (int i = width - 1; i >= 0; --i) {
    buffer[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buffer, static_cast<std::size_t>(width));
}

// By hand rather than with date::format, which goes through an ostringstream: every ritual occurrence's
// key holds a day, and in a burst of stand-up prompts the store's thread spent a tenth of its time there.
// Years outside 0000-9999 (never met in practice) keep date's own form.
bool put_day(std::string& out, date::sys_days day) {
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return false;
  put(out, year, 4);
  out += '-';
  put(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  put(out, static_cast<unsigned>(ymd.day()), 2);
  return true;
}

}  // namespace

std::string iso8601(SysTime at) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(at);
  const auto day = std::chrono::floor<date::days>(ms);
  std::string out;
  out.reserve(24);
  if (!put_day(out, day)) return date::format("%FT%TZ", ms);
  const long long in_day = (ms - day).count();
  out += 'T';
  put(out, in_day / 3'600'000, 2);
  out += ':';
  put(out, in_day / 60'000 % 60, 2);
  out += ':';
  put(out, in_day / 1000 % 60, 2);
  out += '.';
  put(out, in_day % 1000, 3);
  out += 'Z';
  return out;
}

std::string day_text(date::sys_days day) {
  std::string out;
  out.reserve(10);
  if (!put_day(out, day)) return date::format("%F", day);
  return out;
}

std::optional<date::sys_days> parse_day(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || !digits(text, 0, 4, year) || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days{ymd};
}

std::optional<SysTime> parse_iso8601(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || !digits(text, 0, 4, year) || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
      !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
      !digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  // An instant counts nanoseconds: it holds 1678 to 2261 only (later ones overflowed, found by fuzzing).
  if (year < 1678 || year > 2261) return std::nullopt;

  std::size_t at = 19;
  std::chrono::nanoseconds fraction{0};
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::int64_t scale = 100'000'000;
    const std::size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      fraction += std::chrono::nanoseconds((text[at] - '0') * scale);
      scale /= 10;
      ++at;
    }
    if (at == start) return std::nullopt;
  }
  std::chrono::minutes offset{0};
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int offset_hours = 0, offset_minutes = 0;
    if (!digits(text, at + 1, 2, offset_hours) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !digits(text, at + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset = std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
    if (text[at] == '-') offset = -offset;
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;

  const auto local = date::sys_days{ymd} + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                     std::chrono::seconds(second) + fraction;
  return std::chrono::time_point_cast<SysTime::duration>(local - offset);
}

}  // namespace baton
