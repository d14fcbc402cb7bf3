// Due times as people type them ("fri 17:00", "demain 10h", "+2d", "27/11 9h30"): anything typed is read
// as an instant strictly ahead and within kMaxDueAhead, or refused.
#include <chrono>
#include <variant>

#include <date/tz.h>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/handoffs/due.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 512) return -1;
  static const SysTime now = *parse_iso8601("2026-11-23T08:00:00Z");
  static const std::array<const date::time_zone*, 3> zones{date::locate_zone("Europe/Paris"),
                                                           date::locate_zone("America/Montreal"),
                                                           date::locate_zone("Pacific/Chatham")};
  for (const date::time_zone* zone : zones) {
    DueContext context;
    context.now = now;
    context.zone = zone;
    const auto due = parse_due(fuzz::text_of(data, size), context);
    if (const auto* when = std::get_if<SysTime>(&due)) {
      fuzz::require(*when > now, "a due time lies ahead");
      fuzz::require(*when <= now + kMaxDueAhead + date::days(2), "a due time lies within kMaxDueAhead");
    }
  }
  return 0;
}
