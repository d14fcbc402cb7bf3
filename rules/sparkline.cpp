#include "rules/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace baton::rules {

std::string sparkline(const std::vector<std::optional<double>>& values) {
  static constexpr std::array<const char*, 8> kBlocks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::optional<double> low, high;
  for (const auto& v : values) {
    if (!v || !std::isfinite(*v)) continue;
    low = low ? std::min(*low, *v) : *v;
    high = high ? std::max(*high, *v) : *v;
  }
  std::string out;
  for (const auto& v : values) {
    if (!v || !std::isfinite(*v)) {
      out += ' ';
    } else if (*high == *low) {
      out += kBlocks[3];
    } else {
      const double scaled = (*v - *low) / (*high - *low) * (kBlocks.size() - 1);
      out += kBlocks[static_cast<std::size_t>(std::lround(scaled))];
    }
  }
  return out;
}

}  // namespace baton::rules
