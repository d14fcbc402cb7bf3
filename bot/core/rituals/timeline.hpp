// The timeline: every occurrence the rituals will have, computed from their schedules one entry at a time
// (a ritual's prompt to one member, its report to the channel), kept in a heap ordered by the next
// instant, so taking the next occurrence costs O(log n) however many members there are. Pure: no store,
// no clock; the scheduler drives it, `baton simulate` and `/baton rituals` read it.
#pragma once

#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "bot/core/clock/iso8601.hpp"  // day_text, parse_day
#include "bot/core/org/org_map.hpp"
#include "bot/core/rituals/ritual.hpp"

namespace baton {

// What a ritual does at one instant.
enum class Step {
  prompt,    // a stand-up's questions to one member
  reminder,  // a stand-up's reminder to one member who has not answered
  report,    // a stand-up's report in the channel
  post,      // a review's, retrospective's or reminder's message (channel, or one member)
  digest,    // the weekly digest to one manager
};
std::string_view to_string(Step step);

struct Occurrence {
  SysTime at{};
  const Ritual* ritual = nullptr;
  Step step = Step::post;
  date::sys_days day{};                   // the local date it belongs to
  std::uint16_t minute = 0;               // the local time it was scheduled at, minutes after midnight
  std::string member;                     // empty for a channel
  const date::time_zone* zone = nullptr;  // where `day` and `minute` are read

  // What makes doing it twice impossible. Stand-up steps are keyed by day (one prompt a member a day,
  // even if their time zone changes that day); the others by day and local time.
  std::string key() const;
};

// The time zone a member's occurrences follow (their profile's, which can come from their chat profile).
using ZoneOf = std::function<const date::time_zone*(const Member&)>;

// The distinct zones of a ritual's participants (its own zone for each, when it has one).
std::vector<const date::time_zone*> participant_zones(const Ritual& ritual, const OrgMap& org,
                                                      const ZoneOf& zone_of);
// When a stand-up's report of `day` goes out: report_after the last participant's prompt that day.
SysTime standup_report_at(const Ritual& ritual, const std::vector<const date::time_zone*>& zones,
                          date::sys_days day);

class Timeline {
 public:
  Timeline(const std::vector<Ritual>& rituals, const OrgMap& org, const ZoneOf& zone_of);

  // Positions every entry on its first occurrence strictly after `after`.
  void start(SysTime after);
  std::optional<SysTime> next_at() const;
  // The earliest occurrence, if it is due by `now`; its entry moves on to its next one.
  std::optional<Occurrence> pop(SysTime now);

  std::size_t entries() const { return entries_.size(); }

 private:
  struct Entry {
    const Ritual* ritual = nullptr;
    Step step = Step::post;
    std::string member;
    const date::time_zone* zone = nullptr;
    std::vector<const date::time_zone*> participant_zones;  // a stand-up report waits for all of them
  };
  struct Due {
    SysTime at;
    std::size_t entry;
    bool operator>(const Due& other) const { return at != other.at ? at > other.at : entry > other.entry; }
  };

  std::optional<Occurrence> next_of(std::size_t entry, SysTime after) const;

  std::vector<Entry> entries_;
  std::vector<Occurrence> upcoming_;  // by entry
  std::priority_queue<Due, std::vector<Due>, std::greater<>> heap_;
};

}  // namespace baton
