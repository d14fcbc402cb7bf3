#include "bot/core/commands/ritual_args.hpp"

#include <algorithm>

#include "bot/core/clock/zone.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {

std::shared_ptr<const Config> Services::current_config() const {
  return config != nullptr ? config->get() : nullptr;
}

date::sys_days today_for(const Services& services, const Caller& caller) {
  const date::time_zone* zone = caller.zone;
  if (zone == nullptr) {
    if (const auto config = services.current_config()) zone = config->calendar("").zone;
  }
  const SysTime now = services.clock.now();
  if (zone == nullptr) return std::chrono::floor<date::days>(now);
  return date::sys_days{std::chrono::floor<date::days>(to_local(*zone, now).time_since_epoch())};
}

std::optional<date::sys_days> parse_day_arg(std::string_view typed, date::sys_days today) {
  const std::string word = fold(typed);
  if (word == "today" || word == "aujourd'hui" || word == "aujourdhui") return today;
  if (word == "tomorrow" || word == "demain") return today + date::days{1};
  if (word == "yesterday" || word == "hier") return today - date::days{1};
  return parse_day(word);
}

std::vector<const Ritual*> all_rituals(const Config& config) {
  std::vector<const Ritual*> out;
  for (const Ritual& ritual : config.rituals)
    out.push_back(&ritual);
  return out;
}

std::vector<const Ritual*> rituals_of(const Config& config, const std::string& member,
                                      std::optional<RitualKind> kind) {
  std::vector<const Ritual*> out;
  for (const Ritual* ritual : all_rituals(config)) {
    if (kind && ritual->kind != *kind) continue;
    const auto& who = ritual->participants;
    if (std::find(who.begin(), who.end(), member) != who.end()) out.push_back(ritual);
  }
  return out;
}

const Ritual* find_ritual(const std::vector<const Ritual*>& rituals, std::string_view typed) {
  const std::string wanted = fold(typed);
  for (const Ritual* ritual : rituals) {
    if (ritual->key == wanted || fold(ritual->name.en) == wanted || fold(ritual->name.fr) == wanted)
      return ritual;
  }
  return nullptr;
}

std::string ritual_keys(const std::vector<const Ritual*>& rituals) {
  std::string out;
  for (const Ritual* ritual : rituals)
    out += (out.empty() ? "" : ", ") + ritual->key;
  return out;
}

}  // namespace baton
