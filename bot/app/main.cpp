// The baton command line:
//   baton serve          run the bot: HTTP server, platforms, scheduler, store
//   baton console        the same, with the console as chat: lines typed on standard input
//   baton check-config   validate a config file and report every problem with its line
//   baton migrate        apply store migrations and exit
//   baton export         write the team's whole state to a file (--store: from a SQLite file)
//   baton import         read an export into the config's store, which must be empty
//   baton outbox         list messages waiting to be delivered (--failed: those given up on)
//   baton schedule next  the next fire instants of a schedule in a time zone
//   baton reload         make the running baton read its config again (after checking it)
//   baton simulate       every message the config would send between two dates, without sending any
//   baton kpi import     store a CSV of KPI points (all lines good, or nothing stored)
//   baton rules check    validate a rules file; rules test: run rule unit tests; rules backtest: replay
//                        the stored history and print each change of an alert's state
//   baton version
// Exit status: 0 success, 1 failure while running, 2 bad command line or config.
#include <csignal>
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <malloc.h>

#include "bot/app/kpi_cli.hpp"
#include "bot/app/runtime.hpp"
#include "bot/app/schedule_cli.hpp"
#include "bot/app/simulate.hpp"
#include "bot/app/transfer_cli.hpp"
#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/system_clock.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/log/redact.hpp"

namespace {

constexpr int kUsageError = 2;

struct CommonOptions {
  std::string config;
  std::string listen;
  std::string store;
};

void add_common(CLI::App& command, CommonOptions& options, bool with_server) {
  command.add_option("-c,--config", options.config, "The config file (or set BATON_CONFIG)")
      ->envname("BATON_CONFIG");
  if (with_server) {
    command.add_option("--listen", options.listen,
                       "Listen on HOST:PORT instead of server.listen (port 0: any free)");
  }
  command.add_option("--store", options.store, "Use this SQLite file instead of the config's store");
}

// Loads and checks the config, applying command-line overrides; prints the problems and returns nothing
// when it cannot be used.
std::optional<baton::Config> load(const std::string& path, const CommonOptions& options) {
  if (path.empty()) {
    std::cerr << "baton: no config file: pass --config FILE or set BATON_CONFIG "
                 "(deploy/examples/baton.yaml is a complete example)\n";
    return std::nullopt;
  }
  baton::ConfigResult result = baton::load_config(path, baton::process_environment());
  std::cerr << baton::format_diagnostics(path, result.warnings, "warning");
  if (!result.config) {
    std::cerr << baton::format_diagnostics(path, result.errors);
    std::cerr << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors") << " in " << path
              << "; `baton check-config " << path << "` checks it again\n";
    return std::nullopt;
  }
  if (!options.listen.empty()) {
    const auto address = baton::parse_listen(options.listen);
    if (!address) {
      std::cerr << "baton: --listen " << options.listen << " is not HOST:PORT (for example 127.0.0.1:8080)\n";
      return std::nullopt;
    }
    result.config->server.listen = *address;
  }
  if (!options.store.empty()) {  // a SQLite file, whatever the config says
    result.config->store.path = std::filesystem::absolute(options.store);
    result.config->store.url.clear();
    result.config->store.schema.clear();
  }
  return std::move(result.config);
}

std::string summary(const baton::Config& config) {
  std::string platforms;
  for (baton::Platform p : baton::kPlatforms) {
    if (config.platform_enabled(p))
      platforms += (platforms.empty() ? "" : ", ") + std::string(baton::to_string(p));
  }
  const auto counted = [](std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  };
  return counted(config.org.departments().size(), "department") + ", " +
         counted(config.org.members().size(), "member") + "; platforms: " + platforms;
}

// BATON_CLOCK_START: the instant baton's clock starts at, for trying rituals at a chosen time and for
// tests of the real binary; false (said on stderr) when it is not an instant.
bool read_clock_start(std::optional<baton::SysTime>& start) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read once at start-up, before any thread
  const char* text = std::getenv("BATON_CLOCK_START");
  if (text == nullptr || *text == '\0') return true;
  start = baton::parse_iso8601(text);
  if (!start) std::cerr << "baton: BATON_CLOCK_START=" << text << " is not an RFC 3339 instant\n";
  return start.has_value();
}

}  // namespace

int main(int argc, char** argv) {
  // glibc gives freed memory back to the kernel once 128 KiB of it sit free at the top of a heap, and
  // the store's thread then faulted the same pages in again for every group of calls (a tenth of its
  // time under a burst of commands). Keeping up to 8 MiB free bounds that churn; more still goes back.
  mallopt(M_TRIM_THRESHOLD, 8 << 20);  // NOLINT(concurrency-mt-unsafe): first thing, one thread
  // A file grown past the size limit (ulimit -f, systemd's LimitFSIZE) fails that write with EFBIG,
  // which the store reports like a full disk and recovers from, instead of killing baton mid-transaction.
  std::signal(SIGXFSZ, SIG_IGN);  // NOLINT(concurrency-mt-unsafe): before any thread starts
  CLI::App app{"baton: stand-ups, handoffs between departments and KPI alerts, in your team's chat"};
  app.set_version_flag("--version", std::string("baton ") + BATON_VERSION);
  app.require_subcommand(1);

  CommonOptions serve_options;
  CLI::App* serve = app.add_subcommand("serve", "Run baton: HTTP server, chat platforms, store");
  add_common(*serve, serve_options, true);

  CommonOptions console_options;
  std::string console_user;
  CLI::App* console =
      app.add_subcommand("console", "Run baton with the console as chat (lines from standard input)");
  add_common(*console, console_options, true);
  console->add_option("--user", console_user, "The member typing (instead of console.user)");

  CommonOptions check_options;
  std::string check_file;
  CLI::App* check = app.add_subcommand("check-config", "Check a config file and report every problem");
  check->add_option("file", check_file, "The config file (or --config, or BATON_CONFIG)");
  check->add_option("-c,--config", check_options.config, "The config file")->envname("BATON_CONFIG");

  CommonOptions migrate_options;
  CLI::App* migrate = app.add_subcommand("migrate", "Apply the store's schema migrations, then exit");
  add_common(*migrate, migrate_options, false);

  CommonOptions outbox_options;
  bool outbox_failed = false;
  CLI::App* outbox = app.add_subcommand("outbox", "List the messages waiting to be delivered");
  add_common(*outbox, outbox_options, false);
  outbox->add_flag("--failed", outbox_failed, "List the messages given up on, with the reason");

  CommonOptions export_options;
  std::string export_output;
  CLI::App* export_command =
      app.add_subcommand("export", "Write the team's whole state to a file, to move it to another store");
  add_common(*export_command, export_options, false);
  export_command->add_option("-o,--output", export_output,
                             "The file to create (permissions 0600); standard output when not given");

  CommonOptions import_options;
  std::string import_input;
  CLI::App* import_command = app.add_subcommand(
      "import", "Read a file `baton export` wrote into the config's store, which must be empty");
  add_common(*import_command, import_options, false);
  import_command->add_option("file", import_input, "The export")->required();

  baton::app::ScheduleNextOptions next_options;
  CLI::App* schedule = app.add_subcommand("schedule", "Check a schedule before putting it in the config");
  schedule->require_subcommand(1);
  CLI::App* schedule_next =
      schedule->add_subcommand("next", "Print the next fire instants of a schedule, in UTC, one a line");
  schedule_next->add_option("schedule", next_options.schedule, "\"weekdays 09:30\", \"30 9 * * 1-5\", ...")
      ->required();
  schedule_next->add_option("--tz", next_options.zone, "The IANA time zone it fires in (Europe/Paris)")
      ->required();
  schedule_next->add_option("--from", next_options.from, "Start after this RFC 3339 instant (default: now)");
  schedule_next->add_option("--count", next_options.count, "How many instants (default 5)");

  CommonOptions reload_options;
  CLI::App* reload =
      app.add_subcommand("reload", "Check the config, then make the running baton read it again");
  add_common(*reload, reload_options, false);

  CommonOptions simulate_options;
  baton::app::SimulateOptions window;
  CLI::App* simulate =
      app.add_subcommand("simulate", "Print every message baton would send between two dates, sending none");
  simulate->add_option("-c,--config", simulate_options.config, "The config file (or set BATON_CONFIG)")
      ->envname("BATON_CONFIG");
  simulate->add_option("--from", window.from, "First day (2026-11-23) or instant (RFC 3339)")->required();
  simulate->add_option("--to", window.to, "Last moment: a day (its midnight) or an instant")->required();

  CommonOptions kpi_options;
  std::string import_file;
  bool import_dry_run = false;
  CLI::App* kpi = app.add_subcommand("kpi", "KPI data");
  kpi->require_subcommand(1);
  CLI::App* kpi_import =
      kpi->add_subcommand("import", "Store a CSV of kpi,at,value: every line good, or nothing stored");
  add_common(*kpi_import, kpi_options, false);
  kpi_import->add_option("file", import_file, "The CSV file (- for standard input)")->required();
  kpi_import->add_flag("--dry-run", import_dry_run, "Check the file and store nothing");

  CommonOptions rules_options;
  std::string rules_file;
  baton::app::BacktestOptions backtest_options;
  CLI::App* rules = app.add_subcommand("rules", "Check, test and try out KPI rules");
  rules->require_subcommand(1);
  CLI::App* rules_check = rules->add_subcommand("check", "Check a rules file against the config's KPIs");
  add_common(*rules_check, rules_options, false);
  rules_check->add_option("file", rules_file, "The rules file (default: the config's alerts.rules_file)");
  CLI::App* rules_test =
      rules->add_subcommand("test", "Run rule unit tests: series in, alert states expected");
  add_common(*rules_test, rules_options, false);
  rules_test->add_option("file", rules_file, "The test file")->required();
  CLI::App* rules_backtest =
      rules->add_subcommand("backtest", "Replay the stored history day by day; print each change of state");
  add_common(*rules_backtest, rules_options, false);
  rules_backtest->add_option("--from", backtest_options.from, "First day replayed (2026-01-01)")->required();
  rules_backtest->add_option("--to", backtest_options.to, "Last day replayed")->required();
  rules_backtest->add_option("--rule", backtest_options.rule, "Only this rule");

  CLI::App* version = app.add_subcommand("version", "Print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : kUsageError;
  }

  try {
    if (*version) {
      std::cout << "baton " << BATON_VERSION << '\n';
      return 0;
    }
    if (*schedule_next) {
      return baton::app::schedule_next(next_options, baton::SystemClock().now(), std::cout, std::cerr);
    }
    if (*reload) {
      const auto config = load(reload_options.config, reload_options);
      return config ? baton::app::reload(*config) : kUsageError;
    }
    if (*simulate) {
      const auto config = load(simulate_options.config, simulate_options);
      return config ? baton::app::simulate(*config, window, std::cout, std::cerr) : kUsageError;
    }
    if (*kpi_import) {
      const auto config = load(kpi_options.config, kpi_options);
      // Points are stamped with the time they were recorded: on the same clock as a baton serve trying
      // another instant, which reads the points recorded since its last look.
      std::optional<baton::SysTime> clock_start;
      if (!config || !read_clock_start(clock_start)) return kUsageError;
      return baton::app::import_kpis(*config, import_file, import_dry_run,
                                     clock_start.value_or(baton::SystemClock().now()), std::cout, std::cerr);
    }
    if (*rules) {
      const auto config = load(rules_options.config, rules_options);
      if (!config) return kUsageError;
      if (*rules_backtest) return baton::app::backtest_rules(*config, backtest_options, std::cout, std::cerr);
      if (*rules_test) return baton::app::test_rules(*config, rules_file, std::cout, std::cerr);
      std::filesystem::path file = rules_file;
      if (file.empty()) {
        if (config->alerts.rules_file.empty()) {
          std::cerr << "baton: name the rules file (the config has no alerts.rules_file)\n";
          return kUsageError;
        }
        file = config->source.parent_path() / config->alerts.rules_file;
      }
      return baton::app::check_rules(*config, file, std::cout, std::cerr);
    }
    if (*check) {
      const std::string path = check_file.empty() ? check_options.config : check_file;
      const auto config = load(path, check_options);
      if (!config) return kUsageError;
      std::cout << path << ": OK — " << summary(*config) << '\n';
      return 0;
    }
    if (*migrate) {
      const auto config = load(migrate_options.config, migrate_options);
      return config ? baton::app::migrate(*config) : kUsageError;
    }
    if (*export_command) {
      const auto config = load(export_options.config, export_options);
      return config ? baton::app::export_state(*config, export_output, std::cout, std::cerr) : kUsageError;
    }
    if (*import_command) {
      const auto config = load(import_options.config, import_options);
      return config ? baton::app::import_state(*config, import_input, std::cout, std::cerr) : kUsageError;
    }
    if (*outbox) {
      const auto config = load(outbox_options.config, outbox_options);
      return config ? baton::app::show_outbox(*config, outbox_failed) : kUsageError;
    }
    const bool is_console = console->parsed();
    const CommonOptions& options = is_console ? console_options : serve_options;
    auto config = load(options.config, options);
    if (!config) return kUsageError;
    baton::app::RunOptions run_options;
    run_options.console = is_console;
    if (!read_clock_start(run_options.clock_start)) return kUsageError;
    if (!console_user.empty()) {
      if (config->org.member(console_user) == nullptr) {
        std::cerr << "baton: --user " << console_user << " is not a member in " << options.config << '\n';
        return kUsageError;
      }
      run_options.console_user = console_user;
    }
    return baton::app::run(std::move(*config), run_options);
  } catch (const std::exception& e) {
    std::cerr << "baton: " << baton::redact(e.what()) << '\n';
    return 1;
  }
}
