#include "bot/core/config/units.hpp"

#include <charconv>
#include <limits>

namespace baton {
namespace {

// Splits "64KiB" into 64 and "KiB"; fails on anything that does not start with digits.
std::optional<std::pair<std::uint64_t, std::string_view>> number_and_unit(std::string_view text) {
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
  while (unit.starts_with(' '))
    unit.remove_prefix(1);
  return std::pair{number, unit};
}

std::optional<std::uint64_t> multiply(std::uint64_t number, std::uint64_t factor) {
  if (factor != 0 && number > std::numeric_limits<std::uint64_t>::max() / factor) return std::nullopt;
  return number * factor;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const auto parsed = number_and_unit(text);
  if (!parsed) return std::nullopt;
  const auto [number, unit] = *parsed;
  std::uint64_t factor = 0;
  if (unit == "ms") {
    factor = 1;
  } else if (unit == "s") {
    factor = 1000;
  } else if (unit == "m" || unit == "min") {
    factor = 60'000;
  } else if (unit == "h") {
    factor = 3'600'000;
  } else if (unit == "d") {
    factor = 86'400'000;
  } else {
    return std::nullopt;
  }
  const auto ms = multiply(number, factor);
  if (!ms || *ms > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(*ms));
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  const auto parsed = number_and_unit(text);
  if (!parsed) return std::nullopt;
  const auto [number, unit] = *parsed;
  if (unit.empty() || unit == "B") return number;
  if (unit == "KiB") return multiply(number, 1024);
  if (unit == "MiB") return multiply(number, std::uint64_t{1024} * 1024);
  if (unit == "kB" || unit == "KB") return multiply(number, 1000);
  if (unit == "MB") return multiply(number, std::uint64_t{1000} * 1000);
  return std::nullopt;
}

}  // namespace baton
