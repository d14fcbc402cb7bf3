// The languages baton speaks; a member's locale picks one for everything said to them.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace baton {

enum class Locale { en, fr };

inline constexpr std::array kLocales{Locale::en, Locale::fr};

constexpr std::string_view to_string(Locale locale) {
  return locale == Locale::fr ? "fr" : "en";
}

constexpr std::optional<Locale> parse_locale(std::string_view text) {
  if (text == "en") return Locale::en;
  if (text == "fr") return Locale::fr;
  return std::nullopt;
}

}  // namespace baton
