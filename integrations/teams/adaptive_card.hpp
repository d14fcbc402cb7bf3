// Rendering the neutral message as an Adaptive Card (schema 1.4, which every Teams client renders),
// inside the size Teams accepts: past the budget, the rest is left out with a visible marker. Every text a
// user could have typed is escaped, so it shows as typed and can never become a link or a list.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/message/message.hpp"

namespace baton::teams {

inline constexpr std::string_view kCardVersion = "1.4";
inline constexpr std::string_view kCardContentType = "application/vnd.microsoft.card.adaptive";
// Teams refuses a message over about 28 KB: an activity is measured whole, as sent, and kept under
// kMaxActivityBytes, its card under kMaxCardBytes.
inline constexpr std::size_t kMaxActivityBytes = 27'000;
inline constexpr std::size_t kMaxCardBytes = 26'000;
// The notification's text (the activity's summary), in characters.
inline constexpr std::size_t kMaxSummary = 250;
// One text block at most this long (bytes), so a single huge section cannot take the whole card.
inline constexpr std::size_t kMaxTextBytes = 8'000;

enum class Buttons {
  submit,   // the bot's cards: buttons come back to baton as Action.Submit
  as_text,  // outgoing webhook replies and Workflows posts: no card action but links, so buttons become
            // the command to type for the same effect
};

struct CardOptions {
  Buttons buttons = Buttons::submit;
  std::string command_prefix = "@baton";  // before each command shown instead of a button
};

// The AdaptiveCard object itself.
nlohmann::json render_card(const Message& message, const CardOptions& options = {});

// A message activity holding the card as its one attachment: what the Bot Framework, an outgoing
// webhook's reply and a Workflows webhook all take.
nlohmann::json card_activity(const Message& message, const CardOptions& options = {});

// Backslash before each character Teams' markdown would take as markup, and before a line start that
// would make a list; "{{" kept apart as no_text_functions() does.
std::string escape_markdown(std::string_view text);
// A word joiner (U+2060, invisible) between two opening braces, so that what a person typed as
// "{{DATE(2017-02-14T06:08:39Z, SHORT)}}" shows as typed instead of running as a card's text function.
std::string no_text_functions(std::string_view text);
inline constexpr std::string_view kWordJoiner = "\u2060";
// The spans as Teams markdown: bold as **bold**; code and channels as plain text (Teams shows no code).
std::string markdown(const RichText& text);

}  // namespace baton::teams
