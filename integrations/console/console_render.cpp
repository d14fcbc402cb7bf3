#include "integrations/console/console_render.hpp"

#include <variant>

namespace baton::console {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kCode = "\x1b[36m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;  // count code points, not bytes
  }
  return width;
}

class Writer {
 public:
  explicit Writer(const RenderOptions& options) : options_(options) {}

  void line_break() {
    out_ += '\n';
    at_line_start_ = true;
  }

  void text(std::string_view text, std::string_view style = {}) {
    const std::string clean = escape(text);
    std::size_t start = 0;
    while (start <= clean.size()) {
      const std::size_t nl = clean.find('\n', start);
      const std::string_view piece =
          std::string_view(clean).substr(start, nl == std::string::npos ? nl : nl - start);
      if (!piece.empty()) {
        if (at_line_start_) {
          out_ += options_.indent;
          at_line_start_ = false;
        }
        if (options_.color && !style.empty()) {
          out_ += style;
          out_ += piece;
          out_ += kReset;
        } else {
          out_ += piece;
        }
      }
      if (nl == std::string::npos) break;
      line_break();
      start = nl + 1;
    }
  }

  void rich(const RichText& rich, std::string_view base_style = {}) {
    for (const Span& span : rich.spans) {
      switch (span.style) {
        case SpanStyle::plain:
          text(span.text, base_style);
          break;
        case SpanStyle::bold:
          text(span.text, kBold);
          break;
        case SpanStyle::code:
          text(span.text, kCode);
          break;
        case SpanStyle::channel:
          text(span.text.starts_with('#') ? span.text : "#" + span.text, kBold);
          break;
      }
    }
  }

  void end_block() {
    if (!at_line_start_) line_break();
  }

  std::string finish() {
    while (!out_.empty() && out_.back() == '\n')
      out_.pop_back();
    return out_;
  }

 private:
  const RenderOptions& options_;
  std::string out_;
  bool at_line_start_ = true;
};

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += '\n';
    } else if (c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      // ESC and the other C0 controls: drop them, and the rest of a CSI/OSC sequence stays harmless text.
      continue;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      ++i;  // C1 controls (U+0080..U+009F), which some terminals also obey
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string render(const Message& message, const RenderOptions& options) {
  Writer w(options);
  const bool french = message.locale == Locale::fr;
  for (const Block& block : message.blocks) {
    if (const auto* header = std::get_if<Header>(&block)) {
      w.text(header->text, kBold);
      w.line_break();
      w.text(std::string(display_width(escape(header->text)), '='));
    } else if (const auto* section = std::get_if<Section>(&block)) {
      w.rich(section->text);
    } else if (const auto* fields = std::get_if<Fields>(&block)) {
      for (const Field& field : fields->fields) {
        w.text(field.label + (french ? " : " : ": "), kBold);
        w.rich(field.value);
        w.end_block();
      }
    } else if (const auto* context = std::get_if<Context>(&block)) {
      w.rich(context->text, kDim);
    } else if (std::holds_alternative<Divider>(block)) {
      w.text("----");
    } else if (const auto* actions = std::get_if<Actions>(&block)) {
      bool first = true;
      for (const Button& button : actions->buttons) {
        if (!first) w.text(" ");
        w.text("[ " + button.label + " ]", kBold);
        if (!button.url.empty()) w.text(" " + button.url);
        first = false;
      }
    }
    w.end_block();
  }
  return w.finish();
}

}  // namespace baton::console
