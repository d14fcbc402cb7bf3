// What the store keeps for rituals: each occurrence and its outcome, stand-up answers (and the one being
// typed), days off, skipped days and pauses, retrospective items. Days are local dates as YYYY-MM-DD.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock/clock.hpp"

namespace baton {

enum class OccurrenceOutcome { sent, skipped, missed };
std::string_view to_string(OccurrenceOutcome outcome);

struct OccurrenceRecord {
  std::string key;  // "standup-it/prompt/2026-11-23/lucas": what makes doing it twice impossible
  std::string ritual;
  std::string step;  // prompt, reminder, report, post, digest
  std::string day;
  std::string member;  // empty for what goes to a channel
  SysTime due{};       // when it was scheduled
  OccurrenceOutcome outcome = OccurrenceOutcome::sent;
  std::string reason;  // why skipped or missed: "holiday: Noël", "off", "paused", "skipped by sophie"
  SysTime recorded_at{};
};

struct StandupAnswer {
  std::string ritual;
  std::string day;
  std::string member;
  std::vector<std::string> answers;  // one a question, in order
  SysTime answered_at{};
  std::string platform;
};

// A stand-up being answered question by question in a direct conversation.
struct StandupDraft {
  std::string member;
  std::string ritual;
  std::string day;
  std::vector<std::string> answers;  // so far
  SysTime updated_at{};
};

struct DaysOff {
  std::string member;
  std::string first_day;
  std::string last_day;  // included
  SysTime created_at{};
};

enum class RetroItemKind { went_well, to_improve, action };
std::string_view to_string(RetroItemKind kind);
std::optional<RetroItemKind> parse_retro_item_kind(std::string_view text);

struct RetroItem {
  std::int64_t id = 0;  // given by the store
  std::string ritual;
  std::string day;  // the retrospective it was raised at
  std::string member;
  RetroItemKind kind = RetroItemKind::went_well;
  std::string text;
  std::string owner;    // actions: who does it
  std::string due_day;  // actions: by when (may be empty)
  std::optional<SysTime> done_at;
  SysTime created_at{};
};

}  // namespace baton
