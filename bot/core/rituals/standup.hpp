// What a stand-up says: its questions in the member's language, the prompt and the reminder sent to each
// member, and the report posted in the team's channel. Also how participation is counted, for
// `/baton standup stats` and the digest. Pure: the data comes in, messages come out.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bot/core/message/message.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/rituals/ritual.hpp"
#include "bot/core/store/ritual_records.hpp"

namespace baton {

std::vector<std::string> standup_questions(const Ritual& ritual, Locale locale);

// An answer that says "nothing": "-", "none", "no", "rien", "non", "aucun"... Not a blocker.
bool says_nothing(std::string_view answer);

// The prompt to one member: a greeting and the first question; the others follow as they answer.
Message standup_prompt(const Ritual& ritual, const Member& member, Locale locale, const std::string& prefix);
Message standup_reminder(const Ritual& ritual, Locale locale, unsigned report_minute);

// The blocker in `answer` (its last question's answer, when the stand-up asks more than one and it says
// something), or nullopt.
std::optional<std::string> blocker_of(const Ritual& ritual, const StandupAnswer& answer);

// Which blocker a report's "Hand off" button is for: "<ritual>|<day>|<member>" as its value.
struct BlockerReference {
  std::string ritual;
  std::string day;  // 2026-11-23
  std::string member;
};
std::string to_button_value(const BlockerReference& reference);
std::optional<BlockerReference> parse_blocker_reference(std::string_view value);

// Who was where on a stand-up day.
struct StandupDay {
  date::sys_days day{};
  SysTime report_at{};
  std::map<std::string, StandupAnswer> answers;  // by member
  std::set<std::string> off;                     // off, or on a holiday of their own calendar
  std::set<std::string> prompted;                // the prompt was sent
};

// The report: blockers first, each with a button turning it into a handoff (where the organisation has
// departments to hand it to), then answers by person in the config's order, then who did not answer and
// who is off. Answers given after the report time are marked late.
Message standup_report(const Ritual& ritual, const OrgMap& org, Locale locale, const StandupDay& day);

// Participation of one member in one ritual over some days.
struct Participation {
  int prompted = 0;
  int on_time = 0;
  int late = 0;
  int missed = 0;
};

// Counts from the stored prompts and reports (for the report time of each day) and answers.
std::map<std::string, Participation> count_participation(const std::vector<OccurrenceRecord>& occurrences,
                                                         const std::vector<StandupAnswer>& answers);

// The stand-up dialog's field ids: "q1", "q2", ...
std::string question_field(std::size_t index);

// An answer to one question, in characters: the form says so, a longer one typed in a conversation is cut.
inline constexpr std::size_t kMaxAnswerLength = 2000;

// A Dialog asking the questions of `ritual` for `day` (context "ritual/day").
Dialog standup_dialog(const Ritual& ritual, Locale locale, const std::string& day);

}  // namespace baton
