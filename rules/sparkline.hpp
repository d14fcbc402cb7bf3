// A series drawn in one line of Unicode block characters, "▁▂▄▇█", for KPI snapshots: readable in every
// chat client and on a phone, without images.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace baton::rules {

// One character a value, scaled between the smallest and the largest; a missing value is a space, a flat
// series a row of middle blocks.
std::string sparkline(const std::vector<std::optional<double>>& values);

}  // namespace baton::rules
