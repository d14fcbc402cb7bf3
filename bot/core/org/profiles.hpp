// What a chat platform says about members: the time zone and language set in their Slack profile. Used
// only where the config leaves them to the defaults; a member's explicit config, and their own choice
// with `/baton language`, come first.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "bot/core/org/org_map.hpp"

namespace baton {

struct PlatformProfile {
  const date::time_zone* zone = nullptr;
  std::optional<Locale> locale;
};

class Profiles {
 public:
  void set(const std::string& member_key, PlatformProfile profile);
  std::optional<PlatformProfile> get(const std::string& member_key) const;

  // The member's time zone: their own in config, else their profile's, else the config's default.
  const date::time_zone* zone_of(const Member& member) const { return settings_of(member).zone; }
  // The member's language before any choice they made with /baton language: the same order.
  Locale locale_of(const Member& member) const { return settings_of(member).locale; }

  struct Settings {
    const date::time_zone* zone = nullptr;
    Locale locale = Locale::en;
  };
  // Both from one reading of the profile, so a command never sees half of an update.
  Settings settings_of(const Member& member) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, PlatformProfile> profiles_;
};

// "fr-FR", "fr_CA", "en-US" -> fr, fr, en; nullopt for a language baton does not speak.
std::optional<Locale> locale_from_tag(std::string_view tag);

}  // namespace baton
