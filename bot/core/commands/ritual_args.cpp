#include "bot/core/commands/ritual_args.hpp"

#include <algorithm>

#include "bot/core/clock/zone.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {

date::sys_days today_for(const Services& services, const Caller& caller) {
  const date::time_zone* zone = caller.zone;
  if (zone == nullptr && services.config != nullptr) zone = services.config->calendar("").zone;
  const SysTime now = services.clock.now();
  if (zone == nullptr) return std::chrono::floor<date::days>(now);
  return date::sys_days{std::chrono::floor<date::days>(to_local(*zone, now).time_since_epoch())};
}

std::optional<date::sys_days> parse_day_arg(std::string_view typed, date::sys_days today) {
  const std::string word = fold(typed);
  if (word == "today" || word == "aujourd'hui" || word == "aujourdhui") return today;
  if (word == "tomorrow" || word == "demain") return today + date::days{1};
  return parse_day(word);
}

std::vector<const Ritual*> all_rituals(const Services& services) {
  std::vector<const Ritual*> out;
  if (services.config == nullptr) return out;
  for (const Ritual& ritual : services.config->rituals) out.push_back(&ritual);
  return out;
}

std::vector<const Ritual*> rituals_of(const Services& services, const std::string& member,
                                      std::optional<RitualKind> kind) {
  std::vector<const Ritual*> out;
  for (const Ritual* ritual : all_rituals(services)) {
    if (kind && ritual->kind != *kind) continue;
    const auto& who = ritual->participants;
    if (std::find(who.begin(), who.end(), member) != who.end()) out.push_back(ritual);
  }
  return out;
}

const Ritual* find_ritual(const std::vector<const Ritual*>& rituals, std::string_view typed) {
  const std::string wanted = fold(typed);
  for (const Ritual* ritual : rituals) {
    if (ritual->key == wanted || fold(ritual->name.en) == wanted || fold(ritual->name.fr) == wanted) return ritual;
  }
  return nullptr;
}

std::string ritual_keys(const std::vector<const Ritual*>& rituals) {
  std::string out;
  for (const Ritual* ritual : rituals) out += (out.empty() ? "" : ", ") + ritual->key;
  return out;
}

}  // namespace baton
