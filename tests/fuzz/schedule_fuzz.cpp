// Ritual schedules (cron and the readable forms, English and French): read or refused with a column, and
// a schedule read fires strictly after the instant asked, or never.
#include <variant>

#include <date/tz.h>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/schedule/schedule.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 512) return -1;
  static const SysTime now = *parse_iso8601("2026-11-23T08:00:00Z");
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  const std::string_view text = fuzz::text_of(data, size);
  const ScheduleParse parsed = parse_schedule(text);
  if (const auto* error = std::get_if<ScheduleError>(&parsed)) {
    fuzz::require(!error->message.empty(), "a refused schedule says why");
    (void)describe_error(text, *error);
    return 0;
  }
  const auto& schedule = std::get<Schedule>(parsed);
  SysTime after = now;
  for (int i = 0; i < 3; ++i) {
    const auto next = next_fire(schedule, *paris, after);
    if (!next) break;
    fuzz::require(*next > after, "a schedule fires strictly after the instant asked");
    after = *next;
  }
  (void)parse_weekday_list(text);
  (void)parse_time_of_day(text);
  return 0;
}
