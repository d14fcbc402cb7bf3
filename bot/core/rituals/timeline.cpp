#include "bot/core/rituals/timeline.hpp"

#include <algorithm>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/zone.hpp"
#include "bot/core/i18n/dates.hpp"

namespace baton {
namespace {

// How far ahead an entry looks for its next day: enough for a 29 February on a given weekday.
constexpr int kHorizonDays = 366 * 30;

date::sys_days local_day(const date::time_zone& zone, SysTime at) {
  return date::sys_days{std::chrono::floor<date::days>(to_local(zone, at).time_since_epoch())};
}

SysTime at_local(const date::time_zone& zone, date::sys_days day, std::uint16_t minute) {
  return to_instant(zone, date::local_days{day.time_since_epoch()} + std::chrono::minutes(minute));
}

// A stand-up's prompt in `zone`: the first day from `first` on whose prompt comes after `after`.
std::optional<std::pair<date::sys_days, SysTime>> prompt_after(const Schedule& schedule,
                                                               const date::time_zone& zone, SysTime after) {
  const std::uint16_t minute = schedule.times.front();
  date::sys_days day = local_day(zone, after) - date::days{1};
  for (int i = 0; i < kHorizonDays; ++i, day += date::days{1}) {
    if (!schedule.fires_on(day)) continue;
    const SysTime at = at_local(zone, day, minute);
    if (at > after) return std::pair{day, at};
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Step step) {
  switch (step) {
    case Step::prompt:
      return "prompt";
    case Step::reminder:
      return "reminder";
    case Step::report:
      return "report";
    case Step::post:
      return "post";
    case Step::digest:
      return "digest";
  }
  return "post";
}

std::string Occurrence::key() const {
  std::string key = ritual->key + "/" + std::string(to_string(step)) + "/" + day_text(day);
  if (step == Step::post || step == Step::digest) {
    key += "T" + clock_time(minute);
  }
  if (!member.empty()) key += "/" + member;
  return key;
}

std::vector<const date::time_zone*> participant_zones(const Ritual& ritual, const OrgMap& org,
                                                      const ZoneOf& zone_of) {
  std::vector<const date::time_zone*> zones;
  for (const std::string& key : ritual.participants) {
    const Member* member = org.member(key);
    if (member == nullptr) continue;
    const date::time_zone* zone = ritual.each_members_zone() ? zone_of(*member) : ritual.zone;
    if (zone != nullptr) zones.push_back(zone);
  }
  std::sort(zones.begin(), zones.end());
  zones.erase(std::unique(zones.begin(), zones.end()), zones.end());
  return zones;
}

SysTime standup_report_at(const Ritual& ritual, const std::vector<const date::time_zone*>& zones,
                          date::sys_days day) {
  SysTime last{};
  for (const date::time_zone* zone : zones)
    last = std::max(last, at_local(*zone, day, ritual.schedule.times.front()));
  return last + ritual.report_after;
}

Timeline::Timeline(const std::vector<Ritual>& rituals, const OrgMap& org, const ZoneOf& zone_of) {
  for (const Ritual& ritual : rituals) {
    for (const std::string& key : ritual.participants) {
      const Member* member = org.member(key);
      if (member == nullptr) continue;
      const date::time_zone* zone = ritual.each_members_zone() ? zone_of(*member) : ritual.zone;
      if (zone == nullptr) continue;
      switch (ritual.kind) {
        case RitualKind::standup:
          entries_.push_back({&ritual, Step::prompt, key, zone, {}});
          if (ritual.reminder_after.count() > 0) entries_.push_back({&ritual, Step::reminder, key, zone, {}});
          break;
        case RitualKind::digest:
          entries_.push_back({&ritual, Step::digest, key, zone, {}});
          break;
        case RitualKind::reminder:
          if (ritual.audience == RitualAudience::members)
            entries_.push_back({&ritual, Step::post, key, zone, {}});
          break;
        case RitualKind::review:
        case RitualKind::retrospective:
        case RitualKind::kpi_snapshot:
          break;
      }
    }
    if (auto zones = participant_zones(ritual, org, zone_of);
        ritual.kind == RitualKind::standup && !zones.empty()) {
      const date::time_zone* zone = ritual.zone != nullptr ? ritual.zone : zones.front();
      entries_.push_back({&ritual, Step::report, "", zone, std::move(zones)});
    }
    const bool channel_post =
        ritual.kind == RitualKind::review || ritual.kind == RitualKind::retrospective ||
        ritual.kind == RitualKind::kpi_snapshot ||
        (ritual.kind == RitualKind::reminder && ritual.audience == RitualAudience::channel);
    if (channel_post && ritual.zone != nullptr)
      entries_.push_back({&ritual, Step::post, "", ritual.zone, {}});
  }
  upcoming_.resize(entries_.size());
}

std::optional<Occurrence> Timeline::next_of(std::size_t index, SysTime after) const {
  const Entry& entry = entries_[index];
  const Ritual& ritual = *entry.ritual;
  const Schedule& schedule = ritual.schedule;
  Occurrence out;
  out.ritual = &ritual;
  out.step = entry.step;
  out.member = entry.member;
  out.zone = entry.zone;
  switch (entry.step) {
    case Step::prompt:
    case Step::reminder: {
      const auto delay = entry.step == Step::reminder ? ritual.reminder_after : std::chrono::minutes{0};
      const auto prompt = prompt_after(schedule, *entry.zone, after - delay);
      if (!prompt) return std::nullopt;
      out.day = prompt->first;
      out.at = prompt->second + delay;
      out.minute = schedule.times.front();
      return out;
    }
    case Step::report: {
      // The report of a day comes report_after the last participant's prompt that day, wherever they are.
      const std::uint16_t minute = schedule.times.front();
      date::sys_days day = local_day(*entry.zone, after - ritual.report_after) - date::days{2};
      for (int i = 0; i < kHorizonDays; ++i, day += date::days{1}) {
        if (!schedule.fires_on(day)) continue;
        const SysTime at = standup_report_at(ritual, entry.participant_zones, day);
        if (at > after) {
          out.day = day;
          out.at = at;
          out.minute = minute;
          return out;
        }
      }
      return std::nullopt;
    }
    case Step::post:
    case Step::digest: {
      const auto at = next_fire(schedule, *entry.zone, after);
      if (!at) return std::nullopt;
      const auto local = to_local(*entry.zone, *at);
      const auto day = std::chrono::floor<date::days>(local);
      out.at = *at;
      out.day = date::sys_days{day.time_since_epoch()};
      out.minute =
          static_cast<std::uint16_t>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
      return out;
    }
  }
  return std::nullopt;
}

void Timeline::start(SysTime after) {
  heap_ = {};
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (auto next = next_of(i, after)) {
      heap_.push({next->at, i});
      upcoming_[i] = std::move(*next);
    }
  }
}

std::optional<SysTime> Timeline::next_at() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.top().at;
}

std::optional<Occurrence> Timeline::pop(SysTime now) {
  if (heap_.empty() || heap_.top().at > now) return std::nullopt;
  const Due due = heap_.top();
  heap_.pop();
  Occurrence out = std::move(upcoming_[due.entry]);
  if (auto next = next_of(due.entry, out.at)) {
    heap_.push({next->at, due.entry});
    upcoming_[due.entry] = std::move(*next);
  }
  return out;
}

}  // namespace baton
