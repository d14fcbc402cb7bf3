// The whole command path in one object: the test organisation, a SQLite store in a fresh folder (or one
// that fails every call), a manual clock at 2026-11-23 08:00 UTC, and the command layer.
#pragma once

#include <boost/asio/io_context.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/commands/command_layer.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/forwarding_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

// A store whose every call fails, as when the disk is full or the database is gone.
class BrokenStore final : public ForwardingStore {
 public:
  BrokenStore() : ForwardingStore(nullptr) {}
  void close() override {}

 protected:
  Store& target() override { throw StoreUnavailable("disk I/O error"); }
};

struct Bot {
  explicit Bot(bool broken_store = false)
      : config(team_config()),
        clock(*parse_iso8601("2026-11-23T08:00:00Z")),
        sqlite({dir / "baton.db"}, clock),
        executor(broken_store ? static_cast<Store&>(broken) : static_cast<Store&>(sqlite)),
        services{config.org, profiles,       executor,
                 clock,      Log::discard(), {"9.9.9", clock.now(), {Platform::console}}},
        commands(services) {
    sqlite.migrate();
  }

  Reply say(const std::string& who, const std::string& text, Platform platform = Platform::console) {
    Inbound in;
    in.platform = platform;
    in.user_id = who;
    in.channel = "#console";
    in.text = text;
    return run_sync(io, commands.handle(in));
  }
  std::string text(const std::string& who, const std::string& command,
                   Platform platform = Platform::console) {
    return flatten(say(who, command, platform).message);
  }
  Reply direct(const std::string& who, const std::string& text) {
    Inbound in;
    in.user_id = who;
    in.text = text;
    in.direct = true;
    return run_sync(io, commands.handle(in));
  }

  TempDir dir;
  Config config;
  ManualClock clock;
  SqliteStore sqlite;
  BrokenStore broken;
  StoreExecutor executor;
  Profiles profiles;
  Services services;
  CommandLayer commands;
  boost::asio::io_context io;
};

}  // namespace baton::test
