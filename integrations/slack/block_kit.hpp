// Rendering the neutral message as Slack Block Kit, inside Slack's limits: a message that would be
// refused (too many blocks, a section too long) is split or shortened with a visible marker instead.
// Every text is escaped (&, <, >), so what a user typed can never become a ping or a link.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/message/message.hpp"
#include "bot/core/text/utf8.hpp"

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
inline constexpr std::size_t kMaxViewTitle = 24;
inline constexpr std::size_t kMaxLabel = 2000;
inline constexpr std::size_t kMaxOptions = 100;
inline constexpr std::size_t kMaxOptionText = 75;
inline constexpr std::size_t kMaxPrivateMetadata = 3000;

// How Slack's limits count: "characters" in its documentation, counted here as a browser does, in
// UTF-16 units (an emoji is two), which is never fewer than Slack's own count.
inline constexpr Measure kSlackMeasure = Measure::utf16_units;

// A link button's action id starts with this: Slack opens the link and only reports the click.
inline constexpr std::string_view kLinkAction = "link.";
// After an action id, where a button's place in its block makes it unique ("team.show#2").
inline constexpr std::string_view kActionPlace = "#";

struct Rendered {
  std::string blocks;  // a JSON array, as text: what is sent as "blocks"
  std::string text;    // the fallback for notifications and clients without blocks
};

Rendered render(const Message& message);

// A dialog as a modal view for views.open: one input block per field, named by the field's id, whose
// element's action_id is "value". The dialog's context and the channel it was opened from travel together
// as private_metadata, so what answers the submission goes back where the person was.
nlohmann::json render_view(const Dialog& dialog, const std::string& channel);
struct ViewOrigin {
  std::string channel;  // empty: opened outside a channel
  std::string context;
};
// Both throw BadPayload when a field holds another type than Slack (or baton, for private_metadata)
// wrote there.
ViewOrigin view_origin(const nlohmann::json& view);
// The values of a submitted view, by field id.
std::map<std::string, std::string> view_values(const nlohmann::json& view);

// &, < and > as Slack requires in any text it should show as typed.
std::string escape(std::string_view text);
// The spans as mrkdwn: styles become *bold* and `code`, channels become <#C…> links.
std::string mrkdwn(const RichText& text);
// Cuts to at most `limit` characters as Slack counts them, between graphemes, ending with "…".
std::string shorten(std::string_view text, std::size_t limit);
// The action a button means, from the action_id Slack reports its click with (its place taken off).
std::string action_of(std::string_view action_id);

}  // namespace baton::slack
