#include "bot/core/store/ritual_records.hpp"

namespace baton {

std::string_view to_string(OccurrenceOutcome outcome) {
  switch (outcome) {
    case OccurrenceOutcome::sent:
      return "sent";
    case OccurrenceOutcome::skipped:
      return "skipped";
    case OccurrenceOutcome::missed:
      return "missed";
  }
  return "sent";
}

std::string_view to_string(RetroItemKind kind) {
  switch (kind) {
    case RetroItemKind::went_well:
      return "went_well";
    case RetroItemKind::to_improve:
      return "to_improve";
    case RetroItemKind::action:
      return "action";
  }
  return "went_well";
}

std::optional<RetroItemKind> parse_retro_item_kind(std::string_view text) {
  if (text == "went_well") return RetroItemKind::went_well;
  if (text == "to_improve") return RetroItemKind::to_improve;
  if (text == "action") return RetroItemKind::action;
  return std::nullopt;
}

}  // namespace baton
