// Builders for messages, so services write what they say rather than how each platform lays it out.
#include "bot/core/message/message.hpp"

namespace baton {

RichText& RichText::append(std::string text, SpanStyle style) {
  if (text.empty()) return *this;
  if (!spans.empty() && spans.back().style == style && style != SpanStyle::channel) {
    spans.back().text += text;
  } else {
    spans.push_back({std::move(text), style});
  }
  return *this;
}

RichText& RichText::append_rich(const RichText& other) {
  for (const Span& span : other.spans)
    append(span.text, span.style);
  return *this;
}

std::string RichText::plain() const {
  std::string out;
  for (const Span& span : spans) {
    const bool needs_hash = span.style == SpanStyle::channel && !span.text.starts_with('#');
    out += needs_hash ? "#" + span.text : span.text;
  }
  return out;
}

bool RichText::empty() const {
  for (const Span& span : spans) {
    if (!span.text.empty()) return false;
  }
  return true;
}

Message& Message::header(std::string text) {
  blocks.emplace_back(Header{std::move(text)});
  return *this;
}
Message& Message::section(RichText text) {
  blocks.emplace_back(Section{std::move(text)});
  return *this;
}
Message& Message::fields(std::vector<Field> list) {
  blocks.emplace_back(Fields{std::move(list)});
  return *this;
}
Message& Message::context(RichText text) {
  blocks.emplace_back(Context{std::move(text)});
  return *this;
}
Message& Message::divider() {
  blocks.emplace_back(Divider{});
  return *this;
}
Message& Message::actions(std::vector<Button> buttons) {
  blocks.emplace_back(Actions{std::move(buttons)});
  return *this;
}

std::string Message::summary() const {
  for (const Block& block : blocks) {
    if (const auto* h = std::get_if<Header>(&block)) return h->text;
    if (const auto* s = std::get_if<Section>(&block)) {
      std::string text = s->text.plain();
      if (const auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
      return text;
    }
  }
  return {};
}

}  // namespace baton
