#include "bot/app/schedule_cli.hpp"

#include <ostream>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/zone.hpp"
#include "bot/core/schedule/schedule.hpp"
#include "bot/core/text/suggest.hpp"

namespace baton::app {
namespace {

constexpr int kUsageError = 2;
constexpr int kMaxCount = 1000;

}  // namespace

int schedule_next(const ScheduleNextOptions& options, SysTime now, std::ostream& out, std::ostream& err) {
  const ScheduleParse parsed = parse_schedule(options.schedule);
  if (const auto* error = std::get_if<ScheduleError>(&parsed)) {
    err << "baton: invalid schedule, column " << error->column << ":\n"
        << describe_error(options.schedule, *error);
    return kUsageError;
  }
  const date::time_zone* zone = find_zone(options.zone);
  if (zone == nullptr) {
    const auto suggestion = closest(options.zone, zone_names());
    err << "baton: unknown time zone \"" << options.zone << "\"; "
        << (suggestion ? "did you mean " + *suggestion + "?" : "use an IANA name such as Europe/Paris")
        << '\n';
    return kUsageError;
  }
  SysTime after = now;
  if (!options.from.empty()) {
    const auto from = parse_iso8601(options.from);
    if (!from) {
      err << "baton: --from " << options.from
          << " is not an RFC 3339 instant; write it as 2026-11-26T08:00:00Z or 2026-11-26T09:00:00+01:00\n";
      return kUsageError;
    }
    after = *from;
  }
  if (options.count < 1 || options.count > kMaxCount) {
    err << "baton: --count takes 1 to " << kMaxCount << '\n';
    return kUsageError;
  }
  const Schedule& schedule = std::get<Schedule>(parsed);
  for (int i = 0; i < options.count; ++i) {
    const auto fire = next_fire(schedule, *zone, after);
    if (!fire) break;
    out << date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(*fire)) << '\n';
    after = *fire;
  }
  return 0;
}

}  // namespace baton::app
