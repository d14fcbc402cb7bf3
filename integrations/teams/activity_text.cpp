#include "integrations/teams/activity_text.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace baton::teams {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Tags dropped; <at>Name</at> kept as "@Name", except the mentions before any other text (they address
// baton); <br> and block ends become newlines.
std::string strip_markup(std::string_view text) {
  std::string out;
  bool leading = true;  // nothing but mentions and spaces so far
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '<') {
      if (!is_space(text[i])) leading = false;
      out += text[i++];
      continue;
    }
    const std::size_t close = text.find('>', i);
    if (close == std::string_view::npos) {  // a lone "<" is text
      leading = false;
      out += text[i++];
      continue;
    }
    std::string tag(text.substr(i + 1, close - i - 1));
    for (char& c : tag)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (tag == "at" || tag.starts_with("at ")) {
      const std::size_t end = text.find("</at>", close);
      const std::string_view name =
          text.substr(close + 1, (end == std::string_view::npos ? text.size() : end) - close - 1);
      if (!leading) out += "@" + std::string(name);
      i = end == std::string_view::npos ? text.size() : end + 5;
      continue;
    }
    if (tag == "br" || tag == "br/" || tag == "br /" || tag == "/p" || tag == "/div") out += '\n';
    i = close + 1;
  }
  return out;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kNamed{{
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"quot", "\""},
      {"apos", "'"},
      {"nbsp", " "},
      {"#39", "'"},
  }};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    bool done = false;
    for (const auto& [entity, value] : kNamed) {
      if (name == entity) {
        out += value;
        done = true;
        break;
      }
    }
    if (!done && name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec == std::errc{} && end == digits.data() + digits.size() && !digits.empty()) {
        append_utf8(out, cp);
        done = true;
      }
    }
    if (!done) {
      out += text[i];
      continue;
    }
    i = semi;
  }
  return out;
}

std::string command_text(std::string_view text) {
  const std::string plain = decode_entities(strip_markup(text));
  // Spaces tidied: runs of spaces become one, lines kept (a stand-up answer has several).
  std::string out;
  bool space = false;
  for (char c : plain) {
    if (c == '\r') continue;
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n' && c != '\n') out += ' ';
    space = false;
    if (c == '\n' && out.empty()) continue;  // no blank lines before the text
    out += c;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  return out;
}

}  // namespace baton::teams
