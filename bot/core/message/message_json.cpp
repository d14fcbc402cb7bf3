// A small versioned format of our own ("v": 1), independent of any platform's, so a message stored by
// one version of baton is still read by the next.
#include "bot/core/message/message_json.hpp"

#include <stdexcept>

namespace baton {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kStyles{"plain", "bold", "code", "channel"};
constexpr std::array<std::string_view, 3> kButtonStyles{"normal", "primary", "danger"};

json rich(const RichText& text) {
  json spans = json::array();
  for (const Span& span : text.spans) {
    spans.push_back({{"t", span.text}, {"s", kStyles.at(static_cast<std::size_t>(span.style))}});
  }
  return spans;
}

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

json to_json(const Message& message) {
  json blocks = json::array();
  for (const Block& block : message.blocks) {
    if (const auto* h = std::get_if<Header>(&block)) {
      blocks.push_back({{"type", "header"}, {"text", h->text}});
    } else if (const auto* s = std::get_if<Section>(&block)) {
      blocks.push_back({{"type", "section"}, {"text", rich(s->text)}});
    } else if (const auto* f = std::get_if<Fields>(&block)) {
      json fields = json::array();
      for (const Field& field : f->fields)
        fields.push_back({{"label", field.label}, {"value", rich(field.value)}});
      blocks.push_back({{"type", "fields"}, {"fields", fields}});
    } else if (const auto* c = std::get_if<Context>(&block)) {
      blocks.push_back({{"type", "context"}, {"text", rich(c->text)}});
    } else if (std::holds_alternative<Divider>(block)) {
      blocks.push_back({{"type", "divider"}});
    } else if (const auto* a = std::get_if<Actions>(&block)) {
      json buttons = json::array();
      for (const Button& b : a->buttons) {
        json button = {{"label", b.label},
                       {"action_id", b.action_id},
                       {"value", b.value},
                       {"style", kButtonStyles.at(static_cast<std::size_t>(b.style))}};
        if (!b.command.empty()) button["command"] = b.command;
        if (!b.url.empty()) button["url"] = b.url;
        buttons.push_back(std::move(button));
      }
      blocks.push_back({{"type", "actions"}, {"buttons", buttons}});
    }
  }
  json out{{"v", 1}, {"blocks", blocks}};
  if (message.locale) out["locale"] = to_string(*message.locale);
  if (message.form) {
    const Dialog& d = *message.form;
    json fields = json::array();
    for (const DialogField& f : d.fields) {
      json choices = json::array();
      for (const DialogChoice& c : f.choices)
        choices.push_back({{"value", c.value}, {"label", c.label}});
      fields.push_back({{"id", f.id},
                        {"label", f.label},
                        {"choices", choices},
                        {"initial", f.initial},
                        {"hint", f.hint},
                        {"required", f.required},
                        {"max_length", f.max_length}});
    }
    out["form"] = {
        {"id", d.id}, {"title", d.title}, {"submit", d.submit}, {"context", d.context}, {"fields", fields}};
  }
  return out;
}

Message message_from_json(const json& in) {
  try {
    if (in.at("v").get<int>() != 1) throw std::invalid_argument("unknown message format version");
    Message m;
    if (in.contains("locale")) m.locale = parse_locale(in.at("locale").get<std::string>());
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
