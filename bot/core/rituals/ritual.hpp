// Rituals as the config defines them: what kind, for whom, on which schedule, in which time zone and
// business calendar, and what they say. Read once from config; the scheduler and services only read.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/org/org_map.hpp"
#include "bot/core/schedule/schedule.hpp"
#include "rules/series.hpp"

namespace baton {

enum class RitualKind { standup, review, retrospective, reminder, digest, kpi_snapshot };
std::string_view to_string(RitualKind kind);
std::optional<RitualKind> parse_ritual_kind(std::string_view text);

// Where a ritual speaks: the department's channel, or each participant by direct message.
enum class RitualAudience { channel, members };

struct Ritual {
  std::string key;
  RitualKind kind = RitualKind::standup;
  LocalizedText name;
  std::string department;                 // owner; empty for a company-wide digest or reminder
  std::vector<std::string> participants;  // member keys
  Schedule schedule;
  const date::time_zone* zone = nullptr;  // nullptr: each participant's own
  std::string calendar;                   // the business calendar whose holidays skip occurrences
  RitualAudience audience = RitualAudience::channel;

  // Stand-up: the questions (empty: the default three, in each member's language), one reminder this
  // long after the prompt (zero: none), and the report this long after the last participant's prompt.
  std::vector<LocalizedText> questions;
  std::chrono::minutes reminder_after{60};
  std::chrono::minutes report_after{120};

  // Review and retrospective: the agenda posted with the prompt. Reminder: the message.
  std::vector<LocalizedText> agenda;
  LocalizedText message;

  // KPI snapshot: the KPIs shown (the department's when none are named) over the last complete period.
  std::vector<std::string> kpis;
  rules::Period period = rules::Period::week;

  // After a restart, an occurrence missed by less than this still runs; an older one is recorded missed.
  std::chrono::minutes grace{60};

  bool each_members_zone() const { return zone == nullptr; }
};

}  // namespace baton
