// Folding text for comparisons people expect to be loose: case and French accents do not matter.
#pragma once

#include <string>
#include <string_view>

namespace baton {

// Lower-cases ASCII and maps Latin accented letters to their base letter ("Équipe" -> "equipe").
// Other bytes pass through unchanged, so the result is still valid UTF-8.
std::string fold(std::string_view text);

}  // namespace baton
