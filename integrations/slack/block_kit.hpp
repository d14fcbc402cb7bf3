// Rendering the neutral message as Slack Block Kit, inside Slack's limits: a message that would be
// refused (too many blocks, a section too long) is split or shortened with a visible marker instead.
// Every text is escaped (&, <, >), so what a user typed can never become a ping or a link.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/message/message.hpp"

namespace baton::slack {

// Slack's documented limits (Block Kit reference).
inline constexpr std::size_t kMaxBlocks = 50;
inline constexpr std::size_t kMaxSectionText = 3000;
inline constexpr std::size_t kMaxHeaderText = 150;
inline constexpr std::size_t kMaxFieldText = 2000;
inline constexpr std::size_t kMaxFieldsPerSection = 10;
inline constexpr std::size_t kMaxContextText = 2000;
inline constexpr std::size_t kMaxButtonsPerActions = 25;
inline constexpr std::size_t kMaxButtonText = 75;
inline constexpr std::size_t kMaxButtonValue = 2000;
inline constexpr std::size_t kMaxFallbackText = 3000;

struct Rendered {
  nlohmann::json blocks;  // an array
  std::string text;       // the fallback for notifications and clients without blocks
};

Rendered render(const Message& message);

// &, < and > as Slack requires in any text it should show as typed.
std::string escape(std::string_view text);
// The spans as mrkdwn: styles become *bold* and `code`, channels become <#C…> links.
std::string mrkdwn(const RichText& text);
// Cuts to at most `limit` characters (not bytes, never inside a UTF-8 sequence), ending with "…".
std::string shorten(std::string_view text, std::size_t limit);

}  // namespace baton::slack
