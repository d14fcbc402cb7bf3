// baton.yaml: any text is a config or a list of errors, each with its line and a message; never a crash,
// a hang or a config half read.
#include <optional>
#include <string>

#include "bot/core/config/load.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 65536) return -1;
  const ConfigResult result = parse_config(fuzz::text_of(data, size), "/nonexistent/fuzz.yaml",
                                           [](const std::string& name) -> std::optional<std::string> {
                                             if (name.rfind("FUZZ_", 0) == 0) return "fuzz-secret-value-0000";
                                             return std::nullopt;
                                           });
  fuzz::require(result.config.has_value() == result.errors.empty(), "a config, or errors: never both");
  for (const ConfigDiagnostic& error : result.errors) {
    fuzz::require(!error.message.empty(), "every error says what is wrong");
  }
  (void)format_diagnostics("fuzz.yaml", result.errors);
  return 0;
}
