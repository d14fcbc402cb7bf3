// Reading and checking the config file. Every problem is reported with its line, column and a hint,
// all at once, so a bad file is fixed in one pass rather than one error per start.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/config/config.hpp"

namespace baton {

struct ConfigDiagnostic {
  int line = 0;  // 1-based; 0 when the problem is with the file as a whole
  int column = 0;
  std::string message;
  std::string hint;
  std::filesystem::path file;  // when not the config file itself (the rules file it names)
};

// The error for a file that is not UTF-8 (one saved as Latin-1, say), at its first byte that is not:
// every name and text in it ends up in messages, which are UTF-8.
std::optional<ConfigDiagnostic> utf8_diagnostic(std::string_view text, const std::filesystem::path& file);

struct ConfigResult {
  std::optional<Config> config;  // set only when there are no errors
  std::vector<ConfigDiagnostic> errors;
  // Worth fixing, but the config is used: printed by check-config and at start, logged on reload.
  std::vector<ConfigDiagnostic> warnings;
};

// Reads environment variables; tests pass their own.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment process_environment();

ConfigResult load_config(const std::filesystem::path& file, const Environment& env);
ConfigResult parse_config(std::string_view yaml, const std::filesystem::path& source, const Environment& env);

// The rules file (alerts.rules_file): every rule parsed and checked against the KPIs and departments.
struct RulesResult {
  std::vector<KpiRule> rules;  // empty when there are errors
  std::vector<ConfigDiagnostic> errors;
};
RulesResult load_rules(const std::filesystem::path& file, const std::vector<KpiDefinition>& kpis,
                       const std::vector<Department>& departments);
RulesResult parse_rules(std::string_view yaml, const std::filesystem::path& source,
                        const std::vector<KpiDefinition>& kpis, const std::vector<Department>& departments);

// "baton.yaml:12:5: error: ...\n  hint: ..." for each diagnostic ("warning: " with `severity` "warning").
std::string format_diagnostics(const std::filesystem::path& file, const std::vector<ConfigDiagnostic>& errors,
                               std::string_view severity = "error");

// The exception start-up throws when the config cannot be used; its what() is format_diagnostics().
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace baton
