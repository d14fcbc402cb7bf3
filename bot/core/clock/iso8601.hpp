// Instants as text: RFC 3339 / ISO 8601 in UTC, the one form stored and logged.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "bot/core/clock/clock.hpp"

namespace baton {

// "2026-11-22T18:07:10.123Z": milliseconds, always UTC.
std::string iso8601(SysTime at);
// "2026-11-22": the form days are stored, keyed and shown in.
std::string day_text(date::sys_days day);
// Reads what day_text() writes; nullopt for anything else, or a day that does not exist.
std::optional<date::sys_days> parse_day(std::string_view text);
// Reads what iso8601() writes, and offsets like "+01:00"; nullopt for anything else, and for years an
// instant cannot hold (before 1678, after 2261).
std::optional<SysTime> parse_iso8601(std::string_view text);

}  // namespace baton
