// Optimal string alignment distance over folded text; candidates are few (commands, departments, keys).
#include "bot/core/text/suggest.hpp"

#include <algorithm>

#include "bot/core/text/fold.hpp"

namespace baton {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::string wanted = fold(typed);
  if (wanted.empty()) return std::nullopt;

  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(wanted, fold(candidate));
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  const std::size_t allowed = std::max<std::size_t>(1, wanted.size() / 3);
  if (best && best_distance <= allowed && best_distance < wanted.size()) return best;

  // A prefix long enough to mean something and shared by exactly one candidate ("log" -> "logistics").
  if (wanted.size() >= 3) {
    std::optional<std::string> only;
    for (const std::string& candidate : candidates) {
      if (fold(candidate).starts_with(wanted)) {
        if (only) return std::nullopt;
        only = candidate;
      }
    }
    return only;
  }
  return std::nullopt;
}

}  // namespace baton
