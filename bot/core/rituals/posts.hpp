// What reviews, retrospectives, reminders and the weekly digest say. Pure builders, like standup.hpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bot/core/handoffs/stats.hpp"
#include "bot/core/kpis/snapshot.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/rituals/ritual.hpp"
#include "bot/core/rituals/standup.hpp"
#include "bot/core/store/ritual_records.hpp"

namespace baton {

// A review or retrospective starting: the agenda; for a retrospective, how to add items and the actions
// still open from the previous ones.
Message meeting_post(const Ritual& ritual, const OrgMap& org, Locale locale, const std::string& prefix,
                     const std::vector<RetroItem>& open_actions);
Message reminder_post(const Ritual& ritual, Locale locale);

// One stand-up's participation over the digest's week.
struct DigestStandup {
  const Ritual* ritual = nullptr;
  std::map<std::string, Participation> by_member;
};
// The rest of the week, for the manager's departments: KPIs of the week against their targets, the alerts
// that changed state and where they stand, the handoffs asked of each department, blockers raised.
struct DigestFigures {
  std::vector<SnapshotRow> kpis;                                   // over the digest's week
  std::vector<std::pair<std::string, std::string>> alerts;         // rule -> its latest state that week
  std::vector<std::pair<std::string, HandoffWeekStats>> handoffs;  // department key -> its week
  int blockers = 0;
};
Message digest(const Ritual& ritual, const OrgMap& org, Locale locale, date::sys_days week_start,
               const std::vector<DigestStandup>& standups, const std::vector<RetroItem>& open_actions,
               const std::vector<const Ritual*>& retrospectives, const DigestFigures& figures = {});

// "#4 Fix the carrier label (Inès, due Friday 4 December)"
RichText action_line(const RetroItem& action, const OrgMap& org, Locale locale);

}  // namespace baton
