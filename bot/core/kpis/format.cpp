#include "bot/core/kpis/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace baton {
namespace {

// French groups thousands with a narrow no-break space and puts a no-break space before % and €.
constexpr std::string_view kNarrowNbsp = "\u202F";
constexpr std::string_view kNbsp = "\u00A0";
constexpr double kLargest = 1e15;

// The digits of |value| with `decimals` places, grouped by thousands.
std::string grouped(double value, int decimals, Locale locale) {
  const double scale = std::pow(10.0, decimals);
  const auto scaled = static_cast<std::uint64_t>(std::llround(std::fabs(value) * scale));
  const auto whole = scaled / static_cast<std::uint64_t>(scale);
  const auto fraction = scaled % static_cast<std::uint64_t>(scale);
  const std::string digits = std::to_string(whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += locale == Locale::fr ? kNarrowNbsp : ",";
    out += digits[i];
  }
  if (decimals > 0) {
    std::string tail = std::to_string(fraction);
    tail.insert(0, static_cast<std::size_t>(decimals) - tail.size(), '0');
    out += (locale == Locale::fr ? "," : ".") + tail;
  }
  return out;
}

bool whole(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::llround(value * scale) % static_cast<long long>(scale) == 0;
}

// At most `decimals` places, none when the value is whole at that precision.
std::string plain(double value, int decimals, Locale locale) {
  return grouped(value, whole(value, decimals) ? 0 : decimals, locale);
}

std::string_view currency_symbol(std::string_view code) {
  if (code == "EUR") return "€";
  if (code == "USD") return "$";
  if (code == "GBP") return "£";
  return {};
}

std::string money(double value, std::string_view code, Locale locale) {
  const std::string amount = plain(value, 2, locale);
  const std::string sign = value < 0 ? "-" : "";
  const std::string_view symbol = currency_symbol(code);
  if (locale == Locale::fr) {
    return sign + amount + std::string(kNbsp) + std::string(symbol.empty() ? code : symbol);
  }
  if (symbol.empty()) return sign + amount + " " + std::string(code);
  return sign + std::string(symbol) + amount;
}

std::string minutes(double value, Locale locale) {
  const auto total = std::llround(std::fabs(value));
  const auto hours = total / 60;
  const auto rest = total % 60;
  const std::string sign = value < 0 ? "-" : "";
  const bool fr = locale == Locale::fr;
  if (hours == 0) return sign + std::to_string(rest) + (fr ? std::string(kNbsp) + "min" : "m");
  std::string out =
      sign + grouped(static_cast<double>(hours), 0, locale) + (fr ? std::string(kNbsp) + "h" : "h");
  if (rest > 0) out += " " + std::to_string(rest) + (fr ? std::string(kNbsp) + "min" : "m");
  return out;
}

}  // namespace

std::string format_kpi_value(double value, const rules::Unit& unit, Locale locale) {
  // Beyond what grouping digits can hold (an attainment over a target near zero): three significant
  // figures and an exponent, rather than an overflow.
  if (!std::isfinite(value) || std::fabs(value) >= kLargest) {
    std::array<char, 32> text{};
    const int written = std::snprintf(text.data(), text.size(), "%.3g", value);
    return std::string(text.data(),
                       written > 0 ? std::min(static_cast<std::size_t>(written), text.size() - 1) : 0);
  }
  const std::string sign = value < 0 ? "-" : "";
  switch (unit.kind) {
    case rules::Unit::Kind::currency:
      return money(value, unit.currency, locale);
    case rules::Unit::Kind::percent:
      return sign + plain(value, 1, locale) + (locale == Locale::fr ? std::string(kNbsp) + "%" : "%");
    case rules::Unit::Kind::count:
      return sign + plain(value, 1, locale);
    case rules::Unit::Kind::duration:
      return minutes(value, locale);
    case rules::Unit::Kind::number:
      break;
  }
  return sign + plain(value, 2, locale);
}

std::string format_change(double percent, Locale locale) {
  if (!std::isfinite(percent) || std::fabs(percent) >= kLargest)
    return format_kpi_value(percent, rules::Unit::percent(), locale);
  const std::string sign = percent > 0 ? "+" : (percent < 0 ? "-" : "");
  return sign + grouped(percent, 1, locale) + (locale == Locale::fr ? std::string(kNbsp) + "%" : "%");
}

}  // namespace baton
