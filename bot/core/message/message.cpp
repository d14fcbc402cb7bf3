// Builders for messages, so services write what they say rather than how each platform lays it out.
#include "bot/core/message/message.hpp"

#include "bot/core/text/utf8.hpp"

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

std::size_t RichText::graphemes() const {
  std::size_t count = 0;
  for (const Span& span : spans) {
    if (span.style == SpanStyle::channel) {
      ++count;
      continue;
    }
    Graphemes walk(span.text);
    while (!walk.next().empty())
      ++count;
  }
  return count;
}

RichText RichText::first(std::size_t count) const {
  RichText out;
  for (const Span& span : spans) {
    if (count == 0) break;
    if (span.style == SpanStyle::channel) {
      out.spans.push_back(span);
      --count;
      continue;
    }
    Graphemes walk(span.text);
    while (count > 0 && !walk.next().empty())
      --count;
    out.append(span.text.substr(0, walk.offset()), span.style);
  }
  return out;
}

std::vector<RichText> RichText::lines() const {
  std::vector<RichText> out(1);
  for (const Span& span : spans) {
    if (span.style == SpanStyle::channel) {  // an id: never holds a line end, never merged with another
      out.back().spans.push_back(span);
      continue;
    }
    std::size_t start = 0;
    for (std::size_t nl = span.text.find('\n'); nl != std::string::npos; nl = span.text.find('\n', start)) {
      out.back().append(span.text.substr(start, nl - start), span.style);
      out.emplace_back();
      start = nl + 1;
    }
    out.back().append(span.text.substr(start), span.style);
  }
  return out;
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
