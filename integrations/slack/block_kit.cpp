// Lengths are counted as Slack's clients count characters, in UTF-16 units (an emoji is two), which is
// never less than Slack's own count; a text is cut between graphemes, before it is escaped, so a cut
// never falls inside "&amp;" or a link; and a button's action_id is made unique within its block.
#include "integrations/slack/block_kit.hpp"

#include <set>
#include <variant>

#include "bot/core/http/json_field.hpp"
#include "bot/core/i18n/catalog.hpp"
#include "bot/core/text/json_text.hpp"
#include "bot/core/text/replace.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton::slack {
namespace {

using nlohmann::json;

std::size_t characters(std::string_view text) {
  return measure(text, kSlackMeasure);
}

// `render(text)` when it is within `limit`; else the longest start of `text` (whole graphemes of what
// was written) whose rendering, with "…" after it, is.
template <class Render>
std::string fit(const RichText& text, std::size_t limit, const Render& render) {
  std::string whole = render(text);
  if (characters(whole) <= limit) return whole;
  // The rendering of a start grows with it: the longest that fits is found by halving.
  std::size_t fits = 0;
  std::size_t too_long = text.graphemes();
  while (too_long - fits > 1) {
    const std::size_t middle = fits + (too_long - fits) / 2;
    if (characters(render(text.first(middle))) + characters(kCutMarker) <= limit) {
      fits = middle;
    } else {
      too_long = middle;
    }
  }
  return render(text.first(fits)) + std::string(kCutMarker);
}

bool is_slack_channel_id(std::string_view id) {
  if (id.size() < 9 || (id[0] != 'C' && id[0] != 'G')) return false;
  for (char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// *bold* only works when the markers touch the words, so surrounding spaces go outside them.
std::string wrap(std::string_view text, std::string_view marker) {
  const auto first = text.find_first_not_of(" \n");
  if (first == std::string_view::npos) return escape(text);
  const auto last = text.find_last_not_of(" \n");
  std::string out = escape(text.substr(0, first));
  out.append(marker).append(escape(text.substr(first, last - first + 1))).append(marker);
  out += escape(text.substr(last + 1));
  return out;
}

json plain_text(std::string_view text, std::size_t limit) {
  return {{"type", "plain_text"}, {"text", shorten(text, limit)}, {"emoji", true}};
}

std::string mrkdwn_within(const RichText& text, std::size_t limit) {
  return fit(text, limit, [](const RichText& part) { return mrkdwn(part); });
}

// A section's text as mrkdwn, split at line ends into pieces Slack accepts; a line too long alone is cut.
std::vector<std::string> split_lines(const RichText& text, std::size_t limit) {
  std::vector<std::string> pieces;
  std::string current;
  bool first = true;
  for (const RichText& line_text : text.lines()) {
    const std::string line = mrkdwn_within(line_text, limit);
    if (!first && characters(current) + 1 + characters(line) > limit) {
      pieces.push_back(std::move(current));
      current.clear();
      first = true;
    }
    current += (first ? "" : "\n") + line;
    first = false;
  }
  if (!current.empty()) pieces.push_back(std::move(current));
  return pieces;
}

// The blocks are written as JSON text, not built as an nlohmann tree and dumped: a command's answer is
// rendered on every request, and the tree's nodes were a third of the allocations of a `/baton kpi`.
class BlockWriter {
 public:
  // Starts a block: `{"type":"<type>"`; the caller appends its members, then calls end().
  void begin(std::string_view type) {
    // Where the last block Slack would show starts, in case there are more than it takes.
    if (count_ == kMaxBlocks - 1) last_shown_ = out_.size();
    ++count_;
    append_json_separator(out_);
    out_ += "{\"type\":\"";
    out_ += type;
    out_ += '"';
  }
  void end() { out_ += '}'; }
  std::string& out() { return out_; }
  std::size_t count() const { return count_; }

  // With more blocks than Slack takes: the last one it would show, and those after it, become a context
  // block saying `marker` (mrkdwn).
  void cut(std::string_view marker) {
    out_.resize(last_shown_);
    begin("context");
    append_json_key(out_, "elements");
    out_ += '[';
    mrkdwn_text(out_, marker);
    out_ += "]}";
  }
  // The array's text.
  std::string finish() {
    out_ += ']';
    return std::move(out_);
  }

  // {"type":"plain_text","text":"...","emoji":true}, cut to `limit` characters.
  static void plain_text(std::string& out, std::string_view text, std::size_t limit) {
    append_json_separator(out);
    out += "{\"type\":\"plain_text\",\"text\":";
    append_json_string(out, shorten(text, limit));
    out += ",\"emoji\":true}";
  }
  // {"type":"mrkdwn","text":"...","verbatim":true}: the text is already mrkdwn, escaped.
  static void mrkdwn_text(std::string& out, std::string_view text) {
    append_json_separator(out);
    out += "{\"type\":\"mrkdwn\",\"text\":";
    append_json_string(out, text);
    out += ",\"verbatim\":true}";
  }

 private:
  std::string out_ = "[";
  std::size_t count_ = 0;
  std::size_t last_shown_ = 0;
};

void add_buttons(BlockWriter& writer, const std::vector<Button>& buttons) {
  std::string& out = writer.out();
  std::size_t in_block = 0;
  std::set<std::string> ids_in_block;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const Button& button = buttons[i];
    if (in_block == 0) {
      writer.begin("actions");
      append_json_key(out, "elements");
      out += '[';
      ids_in_block.clear();
    }
    append_json_separator(out);
    out += "{\"type\":\"button\",\"text\":";
    BlockWriter::plain_text(out, button.label, kMaxButtonText);
    // Slack refuses a block in which two elements share an action_id (a button per department, say):
    // the repeated ones carry their place, which action_of() takes off when the click comes back.
    std::string action_id = button.action_id;
    if (action_id.empty()) {
      action_id = std::string(kLinkAction) + std::to_string(in_block);
    } else if (!ids_in_block.insert(action_id).second) {
      action_id += kActionPlace;
      action_id += std::to_string(in_block);
    }
    append_json_field(out, "action_id", action_id);
    append_json_field(out, "value",
                      std::string_view(button.value)
                          .substr(0, grapheme_prefix(button.value, kMaxButtonValue, kSlackMeasure)));
    // A link opens in the browser; Slack still reports the click, which baton ignores.
    if (!button.url.empty()) append_json_field(out, "url", button.url);
    if (button.style == ButtonStyle::primary) append_json_field(out, "style", "primary");
    if (button.style == ButtonStyle::danger) append_json_field(out, "style", "danger");
    out += '}';
    if (++in_block == kMaxButtonsPerActions || i + 1 == buttons.size()) {
      out += "]";
      writer.end();
      in_block = 0;
    }
  }
}

void add_blocks(BlockWriter& writer, const Block& block) {
  std::string& out = writer.out();
  if (const auto* header = std::get_if<Header>(&block)) {
    writer.begin("header");
    append_json_key(out, "text");
    BlockWriter::plain_text(out, header->text, kMaxHeaderText);
    writer.end();
  } else if (const auto* section = std::get_if<Section>(&block)) {
    for (const std::string& piece : split_lines(section->text, kMaxSectionText)) {
      writer.begin("section");
      append_json_key(out, "text");
      BlockWriter::mrkdwn_text(out, piece);
      writer.end();
    }
  } else if (const auto* fields = std::get_if<Fields>(&block)) {
    const std::size_t count = fields->fields.size();
    for (std::size_t i = 0; i < count; ++i) {
      if (i % kMaxFieldsPerSection == 0) {
        writer.begin("section");
        append_json_key(out, "fields");
        out += '[';
      }
      const Field& field = fields->fields[i];
      RichText text;
      text.append(field.label, SpanStyle::bold).append("\n").append_rich(field.value);
      BlockWriter::mrkdwn_text(out, mrkdwn_within(text, kMaxFieldText));
      if ((i + 1) % kMaxFieldsPerSection == 0 || i + 1 == count) {
        out += ']';
        writer.end();
      }
    }
  } else if (const auto* context = std::get_if<Context>(&block)) {
    writer.begin("context");
    append_json_key(out, "elements");
    out += '[';
    BlockWriter::mrkdwn_text(out, mrkdwn_within(context->text, kMaxContextText));
    out += ']';
    writer.end();
  } else if (std::holds_alternative<Divider>(block)) {
    writer.begin("divider");
    writer.end();
  } else if (const auto* actions = std::get_if<Actions>(&block)) {
    add_buttons(writer, actions->buttons);
  }
}

}  // namespace

std::string escape(std::string_view text) {
  return replace_characters(text, {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}});
}

std::string mrkdwn(const RichText& text) {
  std::string out;
  for (const Span& span : text.spans) {
    switch (span.style) {
      case SpanStyle::plain:
        out += escape(span.text);
        break;
      case SpanStyle::bold:
        out += wrap(span.text, "*");
        break;
      case SpanStyle::code:
        out += wrap(span.text, "`");
        break;
      case SpanStyle::channel:
        out += is_slack_channel_id(span.text)
                   ? "<#" + span.text + ">"
                   : escape(span.text.starts_with('#') ? span.text : "#" + span.text);
        break;
    }
  }
  return out;
}

std::string shorten(std::string_view text, std::size_t limit) {
  return cut_text(text, limit, kSlackMeasure);
}

std::string action_of(std::string_view action_id) {
  return std::string(action_id.substr(0, action_id.find(kActionPlace)));
}

json render_view(const Dialog& dialog, const std::string& channel) {
  json blocks = json::array();
  for (const DialogField& field : dialog.fields) {
    json element;
    if (!field.choices.empty()) {
      element = {{"type", "static_select"}, {"action_id", "value"}, {"options", json::array()}};
      for (std::size_t i = 0; i < field.choices.size() && i < kMaxOptions; ++i) {
        const DialogChoice& choice = field.choices[i];
        json option{{"text", plain_text(choice.label, kMaxOptionText)}, {"value", choice.value}};
        if (choice.value == field.initial) element["initial_option"] = option;
        element["options"].push_back(std::move(option));
      }
    } else {
      element = {{"type", "plain_text_input"}, {"action_id", "value"}, {"max_length", field.max_length}};
      if (!field.initial.empty()) element["initial_value"] = field.initial;
    }
    json block{{"type", "input"},
               {"block_id", field.id},
               {"label", plain_text(field.label, kMaxLabel)},
               {"element", std::move(element)},
               {"optional", !field.required}};
    if (!field.hint.empty()) block["hint"] = plain_text(field.hint, kMaxLabel);
    blocks.push_back(std::move(block));
  }
  // Contexts are short keys; the cut keeps the JSON within Slack's limit whatever happens.
  const json origin{{"channel", cut_text(channel, 100, kSlackMeasure)},
                    {"context", cut_text(dialog.context, kMaxPrivateMetadata - 200, kSlackMeasure)}};
  return {{"type", "modal"},
          {"callback_id", dialog.id},
          {"title", plain_text(dialog.title, kMaxViewTitle)},
          {"submit", plain_text(dialog.submit, kMaxViewTitle)},
          {"private_metadata", dump_json(origin)},
          {"blocks", std::move(blocks)}};
}

ViewOrigin view_origin(const json& view) {
  const std::string metadata = text_at(view, "/private_metadata"_json_pointer);
  const json origin = json::parse(metadata, nullptr, false);
  if (!origin.is_object()) return {};
  return {text_at(origin, "/channel"_json_pointer), text_at(origin, "/context"_json_pointer)};
}

std::map<std::string, std::string> view_values(const json& view) {
  std::map<std::string, std::string> values;
  const json state = object_at(view, "/state/values"_json_pointer);
  for (const auto& [block_id, actions] : state.items()) {
    const auto element = actions.find("value");
    if (element == actions.end() || !element->is_object()) continue;
    if (const auto selected = element->find("selected_option");
        selected != element->end() && selected->is_object()) {
      values[block_id] = text_at(*selected, "/value"_json_pointer);
    } else if (const auto typed = element->find("value"); typed != element->end() && typed->is_string()) {
      values[block_id] = typed->get<std::string>();
    } else {
      values[block_id] = "";
    }
  }
  return values;
}

Rendered render(const Message& message) {
  BlockWriter writer;
  for (const Block& block : message.blocks)
    add_blocks(writer, block);
  if (writer.count() > kMaxBlocks) {
    const std::size_t hidden = writer.count() - (kMaxBlocks - 1);
    writer.cut(mrkdwn(
        tr(message.locale.value_or(Locale::en), Msg::blocks_not_shown, {{"count", std::to_string(hidden)}})));
  }
  Rendered out;
  out.blocks = writer.finish();
  out.text = fit(RichText(message.summary()), kMaxFallbackText,
                 [](const RichText& part) { return escape(part.plain()); });
  return out;
}

}  // namespace baton::slack
