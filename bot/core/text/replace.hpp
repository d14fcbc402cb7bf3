// Escaping for the markups baton writes into (Slack's mrkdwn, HTML): each character that means
// something there replaced by what shows it as typed.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace baton {

struct Replacement {
  char from;
  std::string_view to;
};

inline std::string replace_characters(std::string_view text,
                                      std::initializer_list<Replacement> replacements) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const Replacement* found = nullptr;
    for (const Replacement& r : replacements) {
      if (r.from == c) found = &r;
    }
    if (found != nullptr) {
      out += found->to;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace baton
