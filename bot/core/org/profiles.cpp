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

const date::time_zone* Profiles::zone_of(const Member& member) const {
  if (!member.zone_from_config) {
    if (const auto profile = get(member.key); profile && profile->zone != nullptr) return profile->zone;
  }
  return member.zone;
}

Locale Profiles::locale_of(const Member& member) const {
  if (!member.locale_from_config) {
    if (const auto profile = get(member.key); profile && profile->locale) return *profile->locale;
  }
  return member.locale;
}

std::optional<Locale> locale_from_tag(std::string_view tag) {
  const std::string_view language = tag.substr(0, tag.find_first_of("-_"));
  return parse_locale(language);
}

}  // namespace baton
