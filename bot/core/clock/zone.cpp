#include "bot/core/clock/zone.hpp"

namespace baton {

SysTime to_instant(const date::time_zone& zone, date::local_seconds local) {
  // choose::earliest is exactly the rule above: the start of the next period for a gap, the earlier
  // offset for an overlap.
  return zone.to_sys(local, date::choose::earliest);
}

date::local_seconds to_local(const date::time_zone& zone, SysTime at) {
  return zone.to_local(std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace baton
