// The chat platforms baton talks through. Core only names them; integrations/ implements them.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace baton {

enum class Platform { console, slack, teams };

inline constexpr std::array kPlatforms{Platform::console, Platform::slack, Platform::teams};

constexpr std::string_view to_string(Platform platform) {
  switch (platform) {
    case Platform::console:
      return "console";
    case Platform::slack:
      return "slack";
    case Platform::teams:
      return "teams";
  }
  return "console";
}

// The name people know the platform by, for messages.
constexpr std::string_view display_name(Platform platform) {
  switch (platform) {
    case Platform::console:
      return "the baton console";
    case Platform::slack:
      return "Slack";
    case Platform::teams:
      return "Microsoft Teams";
  }
  return "the baton console";
}

// How commands are typed there: after a slash command, or after a mention of the bot in Teams.
constexpr std::string_view command_prefix(Platform platform) {
  return platform == Platform::teams ? "@baton" : "/baton";
}

constexpr std::optional<Platform> parse_platform(std::string_view text) {
  for (Platform p : kPlatforms) {
    if (to_string(p) == text) return p;
  }
  return std::nullopt;
}

}  // namespace baton
