#include "bot/core/clock/iso8601.hpp"

#include <date/date.h>

#include <sstream>

namespace baton {

std::string iso8601(SysTime at) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::milliseconds>(at));
}

std::optional<SysTime> parse_iso8601(std::string_view text) {
  std::istringstream in{std::string(text)};
  date::sys_time<std::chrono::milliseconds> parsed;
  if (text.ends_with('Z') || text.ends_with('z')) {
    in >> date::parse("%FT%T", parsed);
    if (in.fail()) return std::nullopt;
    if (in.get() != static_cast<int>(text.back())) return std::nullopt;
  } else {
    in >> date::parse("%FT%T%Ez", parsed);
    if (in.fail()) return std::nullopt;
  }
  if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return SysTime(std::chrono::duration_cast<SysTime::duration>(parsed.time_since_epoch()));
}

}  // namespace baton
