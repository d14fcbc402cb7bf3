// What reviews, retrospectives, reminders and the weekly digest say. Pure builders, like standup.hpp.
#pragma once

#include <map>
#include <string>
#include <vector>

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
Message digest(const Ritual& ritual, const OrgMap& org, Locale locale, date::sys_days week_start,
               const std::vector<DigestStandup>& standups, const std::vector<RetroItem>& open_actions,
               const std::vector<const Ritual*>& retrospectives);

// "#4 Fix the carrier label (Inès, due Friday 4 December)"
RichText action_line(const RetroItem& action, const OrgMap& org, Locale locale);

}  // namespace baton
