// Running baton: build everything from the config, serve until a signal (or, in console mode, the end of
// input), then stop in order: drain HTTP, stop the console, finish store work, close the store.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "bot/core/config/config.hpp"

namespace baton::app {

struct RunOptions {
  bool console = false;
  std::optional<std::string> console_user;  // overrides console.user
  std::optional<SysTime> clock_start;       // run the clock from this instant (BATON_CLOCK_START)
};

// Returns the process exit status: 0 after a clean stop, 1 when start-up failed.
int run(Config config, const RunOptions& options);

// Where a running baton writes its process id, for `baton reload`: `<store>.pid` beside a SQLite file (one
// baton a file); `<config>.<instance>.pid` on PostgreSQL, where the instances started on one host from one
// config each write their own.
std::filesystem::path pid_file_of(const Config& config, const std::string& instance);

// Tells the batons running with this config (on its store) to read it again (SIGHUP); exit status as above.
int reload(const Config& config);

// Applies the schema migrations and reports; exit status as above.
int migrate(const Config& config);

// Lists what waits in the outbox (or what was given up on, with `failed`); exit status as above.
int show_outbox(const Config& config, bool failed);

}  // namespace baton::app
