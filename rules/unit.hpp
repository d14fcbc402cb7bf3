// What a KPI's numbers count, so that rules cannot compare euros with a percentage. A currency carries
// its ISO 4217 code (EUR and USD do not mix either); durations are in minutes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baton::rules {

struct Unit {
  enum class Kind { number, currency, percent, count, duration };
  Kind kind = Kind::number;
  std::string currency;  // "EUR", for a currency

  static Unit number() { return {}; }
  static Unit percent() { return {Kind::percent, {}}; }
  static Unit count() { return {Kind::count, {}}; }
  static Unit duration() { return {Kind::duration, {}}; }
  static Unit money(std::string code) { return {Kind::currency, std::move(code)}; }

  bool operator==(const Unit&) const = default;
};

// "EUR", "%", "count", "duration", "number": as the config writes a KPI's unit and as errors name it.
std::string to_string(const Unit& unit);
// The config's spelling: "currency:EUR" (or a bare three-letter code), "percent", "count", "duration",
// "number"; nullopt when it is none of them.
std::optional<Unit> parse_unit(std::string_view text);

}  // namespace baton::rules
