#include "bot/core/rituals/ritual.hpp"

#include <array>

namespace baton {
namespace {

constexpr std::array<std::pair<RitualKind, std::string_view>, 6> kKinds = {
    {{RitualKind::standup, "standup"},
     {RitualKind::review, "review"},
     {RitualKind::retrospective, "retrospective"},
     {RitualKind::reminder, "reminder"},
     {RitualKind::digest, "digest"},
     {RitualKind::kpi_snapshot, "kpi_snapshot"}}};

}  // namespace

std::string_view to_string(RitualKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "standup";
}

std::optional<RitualKind> parse_ritual_kind(std::string_view text) {
  for (const auto& [k, name] : kKinds) {
    if (name == text) return k;
  }
  if (text == "stand-up") return RitualKind::standup;
  if (text == "retro") return RitualKind::retrospective;
  return std::nullopt;
}

}  // namespace baton
