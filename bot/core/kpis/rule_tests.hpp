// `baton rules test FILE`: unit tests for rules, in the spirit of `promtool test rules`. A test gives
// input series, day by day, and the state it expects each rule in at the end of chosen days; baton
// replays the rules over the series exactly as it evaluates them live (once a day, `for` counted in
// days) and shows every difference.
//
//   rule_files: [kpi-rules.yaml]      # optional: the config's alerts.rules_file otherwise
//   tests:
//     - name: two slow days fire
//       series:
//         revenue: {from: 2026-11-02, values: "42000 31000x3 _ 45000"}
//       expect:
//         - {at: 2026-11-04, rule: revenue-below-target, state: firing, value: 31000}
//
// Values: a number; `_` for a day with no value; `NxK` for N on K days; `A+BxK` (or A-BxK) for K days
// from A, stepping by B.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/core/config/load.hpp"

namespace baton {

struct RuleTestReport {
  std::vector<ConfigDiagnostic> errors;  // the test file (or a rules file) could not be read
  int tests = 0;
  int failed = 0;
  std::string text;  // PASS / FAIL lines with the differences
};

RuleTestReport run_rule_tests(const std::filesystem::path& file, const Config& config);

// The values of a series written as above, one a day (nullopt: no value that day); an error message when
// the text is not one.
std::variant<std::vector<std::optional<double>>, std::string> parse_series_values(std::string_view text);

}  // namespace baton
