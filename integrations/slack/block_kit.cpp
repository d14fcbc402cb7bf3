// Lengths are counted in characters, as Slack counts them, and cuts never split a UTF-8 sequence.
#include "integrations/slack/block_kit.hpp"

#include <variant>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton::slack {
namespace {

using nlohmann::json;

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// The byte offset after the first `count` characters.
std::size_t byte_offset(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == count) return i;
      ++seen;
    }
  }
  return text.size();
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

// A section's text, split at line ends into pieces Slack accepts.
std::vector<std::string> split_lines(const std::string& text, std::size_t limit) {
  std::vector<std::string> pieces;
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (characters(line) > limit) line = shorten(line, limit);  // one line alone too long: cut it
    if (!current.empty() && characters(current) + 1 + characters(line) > limit) {
      pieces.push_back(std::move(current));
      current.clear();
    }
    current += (current.empty() ? "" : "\n") + line;
    start = end + 1;
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
    if (characters(text) > limit) {
      append_json_string(out, shorten(text, limit));
    } else {
      append_json_string(out, text);
    }
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
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const Button& button = buttons[i];
    if (in_block == 0) {
      writer.begin("actions");
      append_json_key(out, "elements");
      out += '[';
    }
    append_json_separator(out);
    out += "{\"type\":\"button\",\"text\":";
    BlockWriter::plain_text(out, button.label, kMaxButtonText);
    // A link button's id only has to be unique within its block.
    append_json_field(
        out, "action_id",
        button.action_id.empty() ? std::string(kLinkAction) + std::to_string(in_block) : button.action_id);
    append_json_field(out, "value",
                      std::string_view(button.value).substr(0, byte_offset(button.value, kMaxButtonValue)));
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
    for (const std::string& piece : split_lines(mrkdwn(section->text), kMaxSectionText)) {
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
      BlockWriter::mrkdwn_text(
          out, shorten("*" + escape(field.label) + "*\n" + mrkdwn(field.value), kMaxFieldText));
      if ((i + 1) % kMaxFieldsPerSection == 0 || i + 1 == count) {
        out += ']';
        writer.end();
      }
    }
  } else if (const auto* context = std::get_if<Context>(&block)) {
    writer.begin("context");
    append_json_key(out, "elements");
    out += '[';
    BlockWriter::mrkdwn_text(out, shorten(mrkdwn(context->text), kMaxContextText));
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
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
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
  if (characters(text) <= limit) return std::string(text);
  if (limit == 0) return {};
  return std::string(text.substr(0, byte_offset(text, limit - 1))) + "…";
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
  const json origin{{"channel", channel.substr(0, 100)},
                    {"context", dialog.context.substr(0, kMaxPrivateMetadata - 200)}};
  return {{"type", "modal"},
          {"callback_id", dialog.id},
          {"title", plain_text(dialog.title, kMaxViewTitle)},
          {"submit", plain_text(dialog.submit, kMaxViewTitle)},
          {"private_metadata", origin.dump(-1, ' ', false, json::error_handler_t::replace)},
          {"blocks", std::move(blocks)}};
}

ViewOrigin view_origin(const json& view) {
  const std::string metadata = view.value("private_metadata", "");
  const json origin = json::parse(metadata, nullptr, false);
  if (!origin.is_object()) return {};
  return {origin.value("channel", ""), origin.value("context", "")};
}

std::map<std::string, std::string> view_values(const json& view) {
  std::map<std::string, std::string> values;
  const auto state = view.find("state");
  if (state == view.end() || !state->contains("values")) return values;
  for (const auto& [block_id, actions] : state->at("values").items()) {
    const auto element = actions.find("value");
    if (element == actions.end() || !element->is_object()) continue;
    if (const auto selected = element->find("selected_option");
        selected != element->end() && selected->is_object()) {
      values[block_id] = selected->value("value", "");
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
  out.text = shorten(escape(message.summary()), kMaxFallbackText);
  return out;
}

}  // namespace baton::slack
