// Adaptive Card TextBlocks are markdown: one newline is not a line break there, so lines are joined by a
// blank line; each element is measured as JSON as it is added, and the whole activity once built, so
// what is sent never passes Teams' size; and text a person typed never runs as a card text function.
#include "integrations/teams/adaptive_card.hpp"

#include <variant>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/text/json_text.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton::teams {
namespace {

using nlohmann::json;

// Cut between graphemes, with "…" to show something was cut.
std::string cut(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = grapheme_prefix(text, max_bytes - kCutMarker.size(), Measure::bytes);
  // A cut right after a backslash would escape the ellipsis' first byte: drop the dangling escape.
  if (end > 0 && text[end - 1] == '\\') --end;
  return text.substr(0, end) + std::string(kCutMarker);
}

// Lines as markdown paragraphs.
std::string paragraphs(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\n\n";
    } else {
      out += c;
    }
  }
  return out;
}

json text_block(const std::string& text) {
  return {{"type", "TextBlock"}, {"text", cut(paragraphs(text), kMaxTextBytes)}, {"wrap", true}};
}

std::string action_style(ButtonStyle style) {
  switch (style) {
    case ButtonStyle::primary:
      return "positive";
    case ButtonStyle::danger:
      return "destructive";
    case ButtonStyle::normal:
      break;
  }
  return "default";
}

json open_url(const Button& button) {
  return {{"type", "Action.OpenUrl"}, {"title", no_text_functions(button.label)}, {"url", button.url}};
}

// The elements for a row of buttons: an ActionSet, or with buttons as text, the links that remain and
// a "type this" table.
std::vector<json> buttons_elements(const Actions& actions, const CardOptions& options, Locale locale) {
  std::vector<json> out;
  json set_actions = json::array();
  std::vector<json> typed_rows;
  for (const Button& button : actions.buttons) {
    if (!button.url.empty()) {
      set_actions.push_back(open_url(button));
    } else if (options.buttons == Buttons::submit) {
      set_actions.push_back({{"type", "Action.Submit"},
                             {"title", no_text_functions(button.label)},
                             {"style", action_style(button.style)},
                             {"data", {{"baton_action", button.action_id}, {"baton_value", button.value}}}});
    } else if (!button.command.empty()) {
      typed_rows.push_back(
          {{"type", "ColumnSet"},
           {"columns", json::array({{{"type", "Column"},
                                     {"width", "stretch"},
                                     {"items", json::array({{{"type", "TextBlock"},
                                                             {"text", escape_markdown(button.label)},
                                                             {"weight", "Bolder"},
                                                             {"wrap", true}}})}},
                                    {{"type", "Column"},
                                     {"width", "stretch"},
                                     {"items", json::array({{{"type", "TextBlock"},
                                                             {"text", escape_markdown(options.command_prefix +
                                                                                      " " + button.command)},
                                                             {"fontType", "Monospace"},
                                                             {"wrap", true}}})}}})}});
    }
  }
  if (!set_actions.empty()) out.push_back({{"type", "ActionSet"}, {"actions", std::move(set_actions)}});
  if (!typed_rows.empty()) {
    json intro = text_block(escape_markdown(tr_plain(locale, Msg::buttons_type_instead)));
    intro["isSubtle"] = true;
    out.push_back(std::move(intro));
    for (json& row : typed_rows)
      out.push_back(std::move(row));
  }
  return out;
}

std::vector<json> block_elements(const Block& block, const CardOptions& options, Locale locale) {
  return std::visit(
      [&](const auto& b) -> std::vector<json> {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Header>) {
          json element = text_block(escape_markdown(b.text));
          element["size"] = "Large";
          element["weight"] = "Bolder";
          return {std::move(element)};
        } else if constexpr (std::is_same_v<T, Section>) {
          return {text_block(markdown(b.text))};
        } else if constexpr (std::is_same_v<T, Fields>) {
          json facts = json::array();
          for (const Field& field : b.fields) {
            facts.push_back({{"title", cut(escape_markdown(field.label), 1'000)},
                             {"value", cut(paragraphs(markdown(field.value)), kMaxTextBytes)}});
          }
          return {{{"type", "FactSet"}, {"facts", std::move(facts)}}};
        } else if constexpr (std::is_same_v<T, Context>) {
          json element = text_block(markdown(b.text));
          element["isSubtle"] = true;
          element["size"] = "Small";
          return {std::move(element)};
        } else if constexpr (std::is_same_v<T, Divider>) {
          return {};  // a separator on the next element
        } else {
          return buttons_elements(b, options, locale);
        }
      },
      block);
}

}  // namespace

std::string no_text_functions(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '{') out += kWordJoiner;
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (line_start) {
      // "- x", "+ x", "1. x" and "# x" would start a list or a heading.
      std::size_t digits = 0;
      while (i + digits < text.size() && text[i + digits] >= '0' && text[i + digits] <= '9')
        ++digits;
      if (digits > 0 && i + digits < text.size() && text[i + digits] == '.') {
        out.append(text.substr(i, digits)).append("\\.");
        i += digits;
        line_start = false;
        continue;
      }
      if (c == '-' || c == '+' || c == '#' || c == '>') out += '\\';
    }
    switch (c) {
      case '\\':
      case '*':
      case '_':
      case '[':  // with its bracket escaped, "[text](url)" is no link; parentheses stay as typed
      case ']':
      case '`':
      case '~':
        out += '\\';
        break;
      default:
        break;
    }
    out += c;
    // "{{DATE(...)}}" and "{{TIME(...)}}" are card functions: kept apart, the braces show as typed.
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') out += kWordJoiner;
    line_start = c == '\n';
  }
  return out;
}

std::string markdown(const RichText& text) {
  std::string out;
  for (const Span& span : text.spans) {
    if (span.style != SpanStyle::bold) {
      out += escape_markdown(span.text);
      continue;
    }
    // **bold** works only when the markers touch the words.
    const auto first = span.text.find_first_not_of(" \n");
    if (first == std::string::npos) {
      out += escape_markdown(span.text);
      continue;
    }
    const auto last = span.text.find_last_not_of(" \n");
    out += escape_markdown(span.text.substr(0, first));
    out += "**" + escape_markdown(span.text.substr(first, last - first + 1)) + "**";
    out += escape_markdown(span.text.substr(last + 1));
  }
  return out;
}

namespace {

// The card's inputs for a form, and its one submit: where the card can send it back (the bot's). Every
// required input says what is missing in the reader's language when it is left empty.
void add_form(json& card, const Dialog& form, Locale locale) {
  for (const DialogField& field : form.fields) {
    json input;
    if (field.choices.empty()) {
      input = {{"type", "Input.Text"}, {"isMultiline", true}, {"maxLength", field.max_length}};
    } else {
      json choices = json::array();
      for (const DialogChoice& c : field.choices)
        choices.push_back({{"title", no_text_functions(c.label)}, {"value", c.value}});
      input = {{"type", "Input.ChoiceSet"}, {"style", "expanded"}, {"choices", choices}};
    }
    input["id"] = field.id;
    input["label"] = no_text_functions(field.label);
    input["isRequired"] = field.required;
    if (field.required) input["errorMessage"] = tr_plain(locale, Msg::field_required);
    if (!field.initial.empty()) input["value"] = field.initial;
    if (!field.hint.empty()) input["placeholder"] = no_text_functions(field.hint);
    card["body"].push_back(std::move(input));
  }
  card["actions"] = json::array({{{"type", "Action.Submit"},
                                  {"title", no_text_functions(form.submit)},
                                  {"data", {{"baton_dialog", form.id}, {"baton_context", form.context}}}}});
}

// The card with as many of the message's blocks as fit in `budget` bytes of JSON (the form, when it has
// one, counted in), the rest left out with a marker saying how many.
json card_within(const Message& message, const CardOptions& options, std::size_t budget) {
  const Locale locale = message.locale.value_or(Locale::en);
  json card = {{"type", "AdaptiveCard"},
               {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"version", kCardVersion},
               {"msteams", {{"width", "Full"}}},
               {"body", json::array()}};
  const bool with_form = message.form && options.buttons == Buttons::submit;
  std::size_t used = dump_json(card).size();
  if (with_form) {
    json form_only = json::object({{"body", json::array()}});
    add_form(form_only, *message.form, locale);
    used += dump_json(form_only).size();
  }
  bool separate = false;
  std::size_t left_out = 0;
  for (std::size_t i = 0; i < message.blocks.size(); ++i) {
    if (left_out > 0) {
      ++left_out;
      continue;
    }
    if (std::holds_alternative<Divider>(message.blocks[i])) {
      separate = true;
      continue;
    }
    std::vector<json> elements = block_elements(message.blocks[i], options, locale);
    std::size_t size = 0;
    for (const json& element : elements)
      size += dump_json(element).size() + 1;
    // Room for the marker, if something after this has to be left out.
    if (used + size + 400 > budget) {
      left_out = 1;
      continue;
    }
    for (json& element : elements) {
      if (separate) element["separator"] = true;
      separate = false;
      card["body"].push_back(std::move(element));
    }
    used += size;
  }
  // The form goes with the whole message only: a form whose explanation was left out means nothing.
  if (with_form && left_out == 0) add_form(card, *message.form, locale);
  if (left_out > 0) {
    json marker = text_block(
        escape_markdown(tr_plain(locale, Msg::blocks_not_shown, {{"count", std::to_string(left_out)}})));
    marker["isSubtle"] = true;
    marker["separator"] = true;
    card["body"].push_back(std::move(marker));
  }
  return card;
}

}  // namespace

json render_card(const Message& message, const CardOptions& options) {
  return card_within(message, options, kMaxCardBytes);
}

json card_activity(const Message& message, const CardOptions& options) {
  json activity{{"type", "message"}, {"summary", cut_text(message.summary(), kMaxSummary)}};
  // Measured whole, as it is sent: the card gives up what the summary and the envelope take.
  std::size_t budget = kMaxCardBytes;
  for (;;) {
    activity["attachments"] = json::array(
        {{{"contentType", kCardContentType}, {"content", card_within(message, options, budget)}}});
    const std::size_t size = dump_json(activity).size();
    if (size <= kMaxActivityBytes || budget <= kMaxActivityBytes / 4) return activity;
    budget -= std::min(budget - kMaxActivityBytes / 4, size - kMaxActivityBytes + 100);
  }
}

}  // namespace baton::teams
