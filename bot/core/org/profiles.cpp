#include "bot/core/org/profiles.hpp"

namespace baton {

void Profiles::set(const std::string& member_key, PlatformProfile profile) {
  const std::lock_guard lock(mutex_);
  profiles_[member_key] = profile;
}

std::optional<PlatformProfile> Profiles::get(const std::string& member_key) const {
  const std::lock_guard lock(mutex_);
  const auto it = profiles_.find(member_key);
  if (it == profiles_.end()) return std::nullopt;
  return it->second;
}

Profiles::Settings Profiles::settings_of(const Member& member) const {
  Settings out{member.zone, member.locale};
  const auto profile = get(member.key);
  if (!profile) return out;
  if (!member.zone_from_config && profile->zone != nullptr) out.zone = profile->zone;
  if (!member.locale_from_config && profile->locale) out.locale = *profile->locale;
  return out;
}

std::optional<Locale> locale_from_tag(std::string_view tag) {
  const std::string_view language = tag.substr(0, tag.find_first_of("-_"));
  return parse_locale(language);
}

}  // namespace baton
