// Splitting what someone typed into words, keeping quoted phrases together.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baton {

// Words are separated by white space; "straight", “curly”, 'single' and «French» quotes group a phrase,
// since chat clients turn straight quotes into typographic ones. An unclosed quote runs to the end.
std::vector<std::string> split_words(std::string_view text);

// The text without the white space around it.
std::string trimmed(std::string_view text);

}  // namespace baton
