// A small versioned format of our own ("v": 1), independent of any platform's, so a message stored by
// one version of baton is still read by the next. Written straight into a string: every message baton
// sends is written once, on the store's thread, where going through a json tree took a fifth of that
// thread's time in a burst of stand-up prompts (about 1 % written directly).
#include "bot/core/message/message_json.hpp"

#include <stdexcept>

#include "bot/core/text/json_text.hpp"

namespace baton {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kStyles{"plain", "bold", "code", "channel"};
constexpr std::array<std::string_view, 3> kButtonStyles{"normal", "primary", "danger"};

// Members and elements go through append_json_key / append_json_separator, which put the commas.
void put_rich(std::string& out, std::string_view key, const RichText& text) {
  append_json_key(out, key);
  out += '[';
  for (const Span& span : text.spans) {
    append_json_separator(out);
    out += '{';
    append_json_field(out, "t", span.text);
    append_json_field(out, "s", kStyles.at(static_cast<std::size_t>(span.style)));
    out += '}';
  }
  out += ']';
}

void put_bool(std::string& out, std::string_view key, bool value) {
  append_json_key(out, key);
  out += value ? "true" : "false";
}

void put_block(std::string& out, const Block& block) {
  append_json_separator(out);
  out += '{';
  if (const auto* h = std::get_if<Header>(&block)) {
    append_json_field(out, "type", "header");
    append_json_field(out, "text", h->text);
  } else if (const auto* s = std::get_if<Section>(&block)) {
    append_json_field(out, "type", "section");
    put_rich(out, "text", s->text);
  } else if (const auto* f = std::get_if<Fields>(&block)) {
    append_json_field(out, "type", "fields");
    append_json_key(out, "fields");
    out += '[';
    for (const Field& field : f->fields) {
      append_json_separator(out);
      out += '{';
      append_json_field(out, "label", field.label);
      put_rich(out, "value", field.value);
      out += '}';
    }
    out += ']';
  } else if (const auto* c = std::get_if<Context>(&block)) {
    append_json_field(out, "type", "context");
    put_rich(out, "text", c->text);
  } else if (std::holds_alternative<Divider>(block)) {
    append_json_field(out, "type", "divider");
  } else if (const auto* a = std::get_if<Actions>(&block)) {
    append_json_field(out, "type", "actions");
    append_json_key(out, "buttons");
    out += '[';
    for (const Button& b : a->buttons) {
      append_json_separator(out);
      out += '{';
      append_json_field(out, "label", b.label);
      append_json_field(out, "action_id", b.action_id);
      append_json_field(out, "value", b.value);
      append_json_field(out, "style", kButtonStyles.at(static_cast<std::size_t>(b.style)));
      if (!b.command.empty()) append_json_field(out, "command", b.command);
      if (!b.url.empty()) append_json_field(out, "url", b.url);
      out += '}';
    }
    out += ']';
  }
  out += '}';
}

void put_form(std::string& out, const Dialog& d) {
  append_json_key(out, "form");
  out += '{';
  append_json_field(out, "id", d.id);
  append_json_field(out, "title", d.title);
  append_json_field(out, "submit", d.submit);
  append_json_field(out, "context", d.context);
  append_json_key(out, "fields");
  out += '[';
  for (const DialogField& f : d.fields) {
    append_json_separator(out);
    out += '{';
    append_json_field(out, "id", f.id);
    append_json_field(out, "label", f.label);
    append_json_key(out, "choices");
    out += '[';
    for (const DialogChoice& c : f.choices) {
      append_json_separator(out);
      out += '{';
      append_json_field(out, "value", c.value);
      append_json_field(out, "label", c.label);
      out += '}';
    }
    out += ']';
    append_json_field(out, "initial", f.initial);
    append_json_field(out, "hint", f.hint);
    put_bool(out, "required", f.required);
    append_json_key(out, "max_length");
    out += std::to_string(f.max_length);
    out += '}';
  }
  out += "]}";
}

}  // namespace

std::string to_json_text(const Message& message) {
  std::string out;
  out.reserve(512);
  out += "{\"v\":1";
  append_json_key(out, "blocks");
  out += '[';
  for (const Block& block : message.blocks)
    put_block(out, block);
  out += ']';
  if (message.locale) append_json_field(out, "locale", to_string(*message.locale));
  if (message.form) put_form(out, *message.form);
  if (!message.change.empty()) append_json_field(out, "change", message.change);
  out += '}';
  return out;
}

namespace {

RichText rich_from(const json& spans) {
  RichText out;
  for (const json& span : spans) {
    const std::string style = span.at("s").get<std::string>();
    const auto it = std::find(kStyles.begin(), kStyles.end(), style);
    if (it == kStyles.end()) throw std::invalid_argument("unknown span style " + style);
    out.spans.push_back({span.at("t").get<std::string>(), static_cast<SpanStyle>(it - kStyles.begin())});
  }
  return out;
}

}  // namespace

Message message_from_json(const json& in) {
  try {
    if (in.at("v").get<int>() != 1) throw std::invalid_argument("unknown message format version");
    Message m;
    if (in.contains("locale")) m.locale = parse_locale(in.at("locale").get<std::string>());
    if (in.contains("change")) m.change = in.at("change").get<std::string>();
    if (in.contains("form")) {
      const json& f = in.at("form");
      Dialog d;
      d.id = f.at("id").get<std::string>();
      d.title = f.at("title").get<std::string>();
      d.submit = f.at("submit").get<std::string>();
      d.context = f.at("context").get<std::string>();
      for (const json& field : f.at("fields")) {
        DialogField out;
        out.id = field.at("id").get<std::string>();
        out.label = field.at("label").get<std::string>();
        for (const json& c : field.at("choices"))
          out.choices.push_back({c.at("value").get<std::string>(), c.at("label").get<std::string>()});
        out.initial = field.at("initial").get<std::string>();
        out.hint = field.at("hint").get<std::string>();
        out.required = field.at("required").get<bool>();
        out.max_length = field.at("max_length").get<std::size_t>();
        d.fields.push_back(std::move(out));
      }
      m.form = std::move(d);
    }
    for (const json& block : in.at("blocks")) {
      const std::string type = block.at("type").get<std::string>();
      if (type == "header") {
        m.header(block.at("text").get<std::string>());
      } else if (type == "section") {
        m.section(rich_from(block.at("text")));
      } else if (type == "fields") {
        std::vector<Field> fields;
        for (const json& f : block.at("fields"))
          fields.push_back({f.at("label").get<std::string>(), rich_from(f.at("value"))});
        m.fields(std::move(fields));
      } else if (type == "context") {
        m.context(rich_from(block.at("text")));
      } else if (type == "divider") {
        m.divider();
      } else if (type == "actions") {
        std::vector<Button> buttons;
        for (const json& b : block.at("buttons")) {
          const std::string style = b.at("style").get<std::string>();
          const auto it = std::find(kButtonStyles.begin(), kButtonStyles.end(), style);
          if (it == kButtonStyles.end()) throw std::invalid_argument("unknown button style " + style);
          // command and url came later: messages stored before them have neither.
          buttons.push_back({b.at("label").get<std::string>(), b.at("action_id").get<std::string>(),
                             b.at("value").get<std::string>(),
                             static_cast<ButtonStyle>(it - kButtonStyles.begin()),
                             b.value("command", std::string()), b.value("url", std::string())});
        }
        m.actions(std::move(buttons));
      } else {
        throw std::invalid_argument("unknown block type " + type);
      }
    }
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("not a stored message: ") + e.what());
  }
}

}  // namespace baton
