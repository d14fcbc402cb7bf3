#include "bot/core/clock/zone.hpp"

#include <algorithm>

namespace baton {

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& zone : date::get_tzdb().zones)
      out.emplace_back(zone.name());
    return out;
  }();
  return names;
}

SysTime to_instant(const date::time_zone& zone, date::local_seconds local) {
  // Clamped a day inside SysTime's range, so that the zone's offset cannot push it out again.
  static constexpr date::local_seconds kFirst{date::local_days{date::year{1678} / 1 / 2}};
  static constexpr date::local_seconds kLast{
      date::local_days{(kLastInstantDay + date::days{1}).time_since_epoch()} - std::chrono::seconds{1}};
  local = std::clamp(local, kFirst, kLast);
  // choose::earliest is exactly the rule above: the start of the next period for a gap, the earlier
  // offset for an overlap.
  return zone.to_sys(local, date::choose::earliest);
}

date::local_seconds to_local(const date::time_zone& zone, SysTime at) {
  return zone.to_local(std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace baton
