// "Did you mean ...?": the closest known word to what someone typed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton {

// Edit distance counting an adjacent swap as one edit ("taem" -> "team" is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `typed` (case and accents ignored), if it is close enough to be a likely typo:
// at most one edit for short words, about a third of the word for longer ones, or a unique prefix.
std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace baton
