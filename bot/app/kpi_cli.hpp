// The KPI and rules commands an admin runs by hand or from cron:
//   baton kpi import FILE.csv         store a CSV of kpi,at,value: every line good, or nothing stored
//   baton rules check FILE            validate a rules file against the config's KPIs and departments
//   baton rules test FILE             run rule unit tests (rules/tests in the README)
//   baton rules backtest --from --to  replay the stored history and print each change of state
// Exit status: 0 success, 1 the store failed, 2 bad input (file, dates, failing tests).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "bot/core/config/config.hpp"

namespace baton::app {

int import_kpis(const Config& config, const std::filesystem::path& file, bool dry_run, SysTime now,
                std::ostream& out, std::ostream& err);

int check_rules(const Config& config, const std::filesystem::path& file, std::ostream& out,
                std::ostream& err);

int test_rules(const Config& config, const std::filesystem::path& file, std::ostream& out, std::ostream& err);

struct BacktestOptions {
  std::string from;  // first day evaluated, YYYY-MM-DD
  std::string to;    // last day evaluated
  std::string rule;  // one rule; every rule when empty
};
int backtest_rules(const Config& config, const BacktestOptions& options, std::ostream& out,
                   std::ostream& err);

}  // namespace baton::app
