#include "rules/unit.hpp"

namespace baton::rules {

std::string to_string(const Unit& unit) {
  switch (unit.kind) {
    case Unit::Kind::number:
      return "number";
    case Unit::Kind::currency:
      return unit.currency;
    case Unit::Kind::percent:
      return "%";
    case Unit::Kind::count:
      return "count";
    case Unit::Kind::duration:
      return "duration";
  }
  return "number";
}

std::optional<Unit> parse_unit(std::string_view text) {
  if (text == "number") return Unit::number();
  if (text == "percent" || text == "%") return Unit::percent();
  if (text == "count") return Unit::count();
  if (text == "duration") return Unit::duration();
  if (text.starts_with("currency:")) text.remove_prefix(9);
  if (text.size() != 3) return std::nullopt;
  for (const char c : text) {
    if (c < 'A' || c > 'Z') return std::nullopt;
  }
  return Unit::money(std::string(text));
}

}  // namespace baton::rules
