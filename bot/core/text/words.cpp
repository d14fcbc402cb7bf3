// Quote pairs are matched by kind, so an apostrophe inside “l'équipe” does not end the phrase.
#include "bot/core/text/words.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace baton {
namespace {

struct QuotePair {
  std::string_view open;
  std::string_view close;
};

constexpr std::array kQuotes{
    QuotePair{"\"", "\""},
    QuotePair{"\xE2\x80\x9C", "\xE2\x80\x9D"},  // “ ”
    QuotePair{"\xC2\xAB", "\xC2\xBB"},          // « »
    QuotePair{"\xE2\x80\x98", "\xE2\x80\x99"},  // ‘ ’
    QuotePair{"'", "'"},
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Non-breaking spaces (U+00A0, U+202F) come with French typography: «\u00A0mot\u00A0».
std::size_t unicode_space_length(std::string_view text, std::size_t at) {
  const std::string_view rest = text.substr(at);
  if (rest.starts_with("\xC2\xA0")) return 2;
  if (rest.starts_with("\xE2\x80\xAF")) return 3;
  return 0;
}

// Quoted phrases lose the spaces inside their quotes: « mot » and "mot" are both "mot".
std::string trim_spaces(std::string word) {
  for (;;) {
    if (!word.empty() && is_space(word.front())) {
      word.erase(0, 1);
    } else if (!word.empty() && is_space(word.back())) {
      word.pop_back();
    } else if (std::size_t n = unicode_space_length(word, 0)) {
      word.erase(0, n);
    } else if (word.ends_with("\xC2\xA0")) {
      word.resize(word.size() - 2);
    } else if (word.ends_with("\xE2\x80\xAF")) {
      word.resize(word.size() - 3);
    } else {
      return word;
    }
  }
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    if (std::size_t n = unicode_space_length(text, i)) {
      i += n;
      continue;
    }
    const QuotePair* quote = nullptr;
    // A single quote opens a phrase only at the start of a word, never as an apostrophe inside one.
    for (const QuotePair& q : kQuotes) {
      if (text.substr(i).starts_with(q.open)) {
        quote = &q;
        break;
      }
    }
    if (quote != nullptr) {
      const std::size_t start = i + quote->open.size();
      std::size_t end = text.find(quote->close, start);
      if (end == std::string_view::npos) end = text.size();
      words.push_back(trim_spaces(std::string(text.substr(start, end - start))));
      i = std::min(text.size(), end + quote->close.size());
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end]) && unicode_space_length(text, end) == 0)
      ++end;
    words.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return words;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

}  // namespace baton
