#include "bot/app/kpi_cli.hpp"

#include <cerrno>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "bot/app/store_open.hpp"
#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/system_clock.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/kpis/csv.hpp"
#include "bot/core/kpis/csv_import.hpp"
#include "bot/core/kpis/kpi_data.hpp"
#include "bot/core/kpis/rule_tests.hpp"
#include "rules/checker.hpp"
#include "rules/replay.hpp"

namespace baton::app {
namespace {

constexpr int kStoreFailure = 1;
constexpr int kBadInput = 2;
constexpr int kMaxBacktestDays = 3 * 366;

std::unique_ptr<Store> open(const Config& config, const Clock& clock) {
  return open_migrated_store(config, clock).store;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

int import_kpis(const Config& config, const std::filesystem::path& file, bool dry_run, SysTime now,
                std::ostream& out, std::ostream& err) {
  // Read through a stream with a limit, so a pipe or standard input ("-") works as well as a file.
  std::ifstream opened;
  if (file != "-") {
    opened.open(file, std::ios::binary);
    if (!opened) {
      err << "baton: cannot read " << file.string() << ": " << std::generic_category().message(errno) << '\n';
      return kBadInput;
    }
  }
  std::istream& in = file == "-" ? std::cin : opened;
  std::string text(kMaxCsvBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxCsvBytes) {
    err << "baton: " << file.string() << " is larger than 16 MiB: split it\n";
    return kBadInput;
  }
  const KpiIntake intake(config, now);
  const KpiImport read = read_kpi_csv(text, intake);
  if (!read.errors.empty()) {
    for (std::size_t i = 0; i < read.errors.size() && i < kMaxImportErrorsListed; ++i) {
      const ImportError& e = read.errors[i];
      err << file.string();
      if (e.line > 0) err << ':' << e.line;
      err << ": error: " << e.message << '\n';
    }
    if (read.errors.size() > kMaxImportErrorsListed) {
      err << "... and " << read.errors.size() - kMaxImportErrorsListed << " more\n";
    }
    err << plural(read.errors.size(), "error", "errors") << " in " << file.string()
        << "; nothing was stored\n";
    return kBadInput;
  }
  if (dry_run) {
    out << file.string() << ": " << plural(read.points.size(), "point", "points")
        << " would be stored (--dry-run: nothing was)\n";
    return 0;
  }
  SystemClock clock;
  try {
    auto store = open(config, clock);
    const KpiWriteResult result = store->put_kpi_points(
        read.points, "csv:" + (file == "-" ? std::string("stdin") : file.filename().string()), now);
    store->close();
    out << file.string() << ": " << plural(read.points.size(), "point", "points") << " stored ("
        << result.stored << " new, " << result.replaced << " replaced, " << result.unchanged
        << " unchanged)\n";
    return 0;
  } catch (const std::exception& e) {
    err << "baton: nothing was stored: " << e.what() << '\n';
    return kStoreFailure;
  }
}

int check_rules(const Config& config, const std::filesystem::path& file, std::ostream& out,
                std::ostream& err) {
  const RulesResult result = load_rules(file, config.kpis, config.org.departments());
  if (!result.errors.empty()) {
    err << format_diagnostics(file, result.errors);
    err << plural(result.errors.size(), "error", "errors") << " in " << file.string() << '\n';
    return kBadInput;
  }
  std::set<std::string> kpis;
  for (const KpiRule& rule : result.rules)
    kpis.insert(rule.kpis.begin(), rule.kpis.end());
  out << file.string() << ": OK — " << plural(result.rules.size(), "rule", "rules") << " reading "
      << plural(kpis.size(), "KPI", "KPIs") << '\n';
  return 0;
}

int test_rules(const Config& config, const std::filesystem::path& file, std::ostream& out,
               std::ostream& err) {
  const RuleTestReport report = run_rule_tests(file, config);
  if (!report.errors.empty()) {
    err << format_diagnostics(file, report.errors);
    return kBadInput;
  }
  out << report.text;
  return report.failed == 0 ? 0 : kBadInput;
}

int backtest_rules(const Config& config, const BacktestOptions& options, std::ostream& out,
                   std::ostream& err) {
  const auto from = parse_day(options.from);
  const auto to = parse_day(options.to);
  if (!from || !to) {
    err << "baton: --" << (from ? "to " + options.to : "from " + options.from)
        << " is not a date: write YYYY-MM-DD\n";
    return kBadInput;
  }
  if (*from > *to) {
    err << "baton: --from is after --to\n";
    return kBadInput;
  }
  if ((*to - *from).count() >= kMaxBacktestDays) {
    err << "baton: replay three years at most at a time\n";
    return kBadInput;
  }
  std::vector<const KpiRule*> chosen;
  for (const KpiRule& rule : config.rules) {
    if (options.rule.empty() || rule.name == options.rule) chosen.push_back(&rule);
  }
  if (chosen.empty()) {
    err << "baton: "
        << (config.rules.empty() ? "the config has no rules (alerts.rules_file)"
                                 : "there is no rule named " + options.rule)
        << '\n';
    return kBadInput;
  }
  // Windows look back up to two years before the first day replayed.
  const std::string first = day_text(*from - date::days(rules::kMaxWindowDays));
  SystemClock clock;
  KpiData data(config.kpis, config.rules);
  try {
    auto store = open(config, clock);
    for (const KpiPointRecord& r : store->kpi_points("", first, options.to))
      data.put(r.point);
    store->close();
  } catch (const std::exception& e) {
    err << "baton: cannot read the stored KPIs: " << e.what() << '\n';
    return kStoreFailure;
  }
  struct Line {
    rules::Instant at;
    std::string text;
  };
  std::vector<Line> lines;
  for (const KpiRule* rule : chosen) {
    for (const rules::StateChange& change : rules::replay(data.program(*rule), *from, *to, rule->hold_for)) {
      std::ostringstream value;
      if (change.value) {
        value << *change.value;
      } else {
        value << '-';
      }
      lines.push_back({change.at, iso8601(change.at) + " " + rule->name + " " +
                                      std::string(rules::to_string(change.state)) + " " + value.str()});
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.at < b.at; });
  for (const Line& line : lines)
    out << line.text << '\n';
  return 0;
}

}  // namespace baton::app
