// Durations ("10s", "500ms", "2m") and sizes ("64KiB", "1MiB", "65536") as written in config.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace baton {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace baton
