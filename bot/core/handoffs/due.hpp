// Due times as people type them, in English or French, read in the typer's time zone: "2026-11-27",
// "fri 17:00", "+2d", "demain 10h", "27/11 9h30", "17:00". The forms are listed in the README.
#pragma once

#include <string_view>
#include <variant>

#include <date/tz.h>

#include "bot/core/clock/clock.hpp"

namespace baton {

enum class DueProblem {
  unreadable,  // no form baton knows
  past,        // a moment already gone
  too_far,     // beyond kMaxDueAhead
};

// How far ahead a due time may lie: further is almost surely a typo (2062 for 2026).
constexpr date::days kMaxDueAhead{2 * 366};

struct DueContext {
  SysTime now{};
  const date::time_zone* zone = nullptr;  // the typer's
  // The local time a due given as a day alone means: the end of that working day ("fri" is Friday
  // evening, not Friday midnight).
  unsigned end_of_day_minute = 18 * 60;
};

// The instant meant, strictly after ctx.now, or why there is none.
std::variant<SysTime, DueProblem> parse_due(std::string_view text, const DueContext& ctx);

}  // namespace baton
