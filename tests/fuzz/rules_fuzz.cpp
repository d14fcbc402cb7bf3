// The rules language: an expression alone, or a whole rules file checked against the KPIs and
// departments it names. Read or refused with where and why; never a crash or a hang.
#include <variant>

#include "bot/core/config/load.hpp"
#include "rules/parser.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/world.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 8192) return -1;
  const std::string_view text = fuzz::text_of(data + 1, size - 1);
  if (data[0] % 2 == 0) {
    const auto parsed = rules::parse_expression(text);
    if (const auto* error = std::get_if<rules::ParseError>(&parsed)) {
      fuzz::require(!error->message.empty(), "a refused expression says why");
      (void)rules::point_at(text, error->column, error->message);
    }
    return 0;
  }
  const Config& config = fuzz::world().config();
  const RulesResult result = parse_rules(text, "rules.yaml", config.kpis, config.org.departments());
  fuzz::require(result.errors.empty() || result.rules.empty(), "a rules file with errors gives no rules");
  for (const auto& error : result.errors)
    fuzz::require(!error.message.empty(), "every error says why");
  return 0;
}
