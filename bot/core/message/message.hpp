// The platform-neutral message: what baton says, before an adapter renders it as Block Kit, an Adaptive
// Card or console text. All text here is plain; each adapter escapes it for its own markup.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "bot/core/i18n/locale.hpp"

namespace baton {

enum class SpanStyle {
  plain,
  bold,
  code,
  channel,  // text is a channel id on the destination's platform; rendered as a link, never a ping
};

struct Span {
  std::string text;
  SpanStyle style = SpanStyle::plain;
  bool operator==(const Span&) const = default;
};

// A run of styled spans; newlines inside spans are line breaks.
struct RichText {
  std::vector<Span> spans;

  RichText() = default;
  RichText(std::string plain) { spans.push_back({std::move(plain), SpanStyle::plain}); }  // NOLINT: implicit
  RichText(const char* plain) : RichText(std::string(plain)) {}                           // NOLINT: implicit

  RichText& append(std::string text, SpanStyle style = SpanStyle::plain);
  RichText& append_rich(const RichText& other);
  std::string plain() const;  // the text without styling, for notifications and logs
  bool empty() const;
  // Its length in graphemes (what a reader counts as characters); a channel counts as one, since it is
  // shown whole or not at all.
  std::size_t graphemes() const;
  // The first `count` graphemes, styles kept: where a renderer must cut, it cuts what was written, and
  // escapes after.
  RichText first(std::size_t count) const;
  // The text split at its line ends, styles kept.
  std::vector<RichText> lines() const;
  bool operator==(const RichText&) const = default;
};

struct Header {
  std::string text;
};
struct Section {
  RichText text;
};
struct Field {
  std::string label;
  RichText value;
};
struct Fields {
  std::vector<Field> fields;
};
struct Context {
  RichText text;
};
struct Divider {};

enum class ButtonStyle { normal, primary, danger };
struct Button {
  std::string label;
  std::string action_id;  // what a click means, e.g. "handoff.accept"
  std::string value;      // which thing it applies to, e.g. "H-12"
  ButtonStyle style = ButtonStyle::normal;
  // What to type for the same effect ("team logistics", without the prefix), shown where buttons cannot
  // be clicked (a Teams outgoing webhook's reply, a Workflows post).
  std::string command{};
  std::string url{};  // a link to open instead of an action, where set
};
struct Actions {
  std::vector<Button> buttons;
};

using Block = std::variant<Header, Section, Fields, Context, Divider, Actions>;

// A form baton asks someone to fill in (a Slack modal): fields, each a choice or a text to type.
struct DialogChoice {
  std::string value;
  std::string label;
};
struct DialogField {
  std::string id;  // how the submission names its value
  std::string label;
  std::vector<DialogChoice> choices;  // a choice among these; empty: a text to type
  std::string initial;
  std::string hint;
  bool required = true;
  std::size_t max_length = 500;  // for a text
};
struct Dialog {
  std::string id;  // "language.choose": the command that owns it, then what it asks
  std::string title;
  std::string submit;  // the button's label
  std::vector<DialogField> fields;
  std::string context;  // given back with the submission, untouched (where it was asked, say)
};

struct Message {
  std::vector<Block> blocks;
  // The language it is written in, for renderers whose punctuation differs ("Label : value" in French).
  std::optional<Locale> locale;
  // A form to fill in inside the message, where the platform can show one (a Teams card's inputs); its
  // submission comes back as a DialogSubmission. Elsewhere the message must make sense without it.
  std::optional<Dialog> form;
  // For a message that replaces one posted earlier (a handoff's card once it is done): what changed, in
  // one line ("H-2 · Done by Karim Benali"), posted after the old one where a platform cannot change a
  // message in place (a Teams Workflows post). Empty: its summary says it.
  std::string change;

  Message& header(std::string text);
  Message& section(RichText text);
  Message& fields(std::vector<Field> fields);
  Message& context(RichText text);
  Message& divider();
  Message& actions(std::vector<Button> buttons);

  // One line summing the message up, for notifications and platforms that show only text.
  std::string summary() const;
};

// Who sees a reply to a command: only the person who typed it, or everyone in the channel.
enum class Visibility { ephemeral, in_channel };

struct Reply {
  Message message;
  Visibility visibility = Visibility::ephemeral;
  // A form to open for the caller when the platform can (a Slack modal); the message is what shows
  // where it cannot, so it must make sense alone.
  std::optional<Dialog> dialog;
};

}  // namespace baton
