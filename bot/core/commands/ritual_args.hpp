// What the ritual commands (standup, rituals, ritual, off, retro) share: finding rituals by what people
// type, and reading days ("2026-12-24", "today", "demain") in the caller's time zone.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "bot/core/commands/command.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/rituals/ritual.hpp"

namespace baton {

// The caller's date now, in their time zone.
date::sys_days today_for(const Services& services, const Caller& caller);
// A date as typed: YYYY-MM-DD, today/aujourd'hui, tomorrow/demain.
std::optional<date::sys_days> parse_day_arg(std::string_view typed, date::sys_days today);

// All rituals of a config snapshot (Services::current_config(), held while the pointers are used).
std::vector<const Ritual*> all_rituals(const Config& config);
// The rituals `member` takes part in, of one kind or any.
std::vector<const Ritual*> rituals_of(const Config& config, const std::string& member,
                                      std::optional<RitualKind> kind = std::nullopt);
// By key, or by name in either language, case and accents ignored.
const Ritual* find_ritual(const std::vector<const Ritual*>& rituals, std::string_view typed);
// "standup-it, retro-it": to tell people what they could have typed.
std::string ritual_keys(const std::vector<const Ritual*>& rituals);

}  // namespace baton
