// Rituals in one object: a config, a manual clock, a SQLite store in a fresh folder, the real scheduler
// and the command layer, all on one io_context run by the test. run_until() moves the clock from one of
// the scheduler's wake-ups to the next, so a fortnight of rituals runs in milliseconds, in order.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/rituals/scheduler.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "tests/support/clocked_world.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

inline Config config_from(const std::string& yaml,
                          const std::filesystem::path& source = "/tmp/rituals.yaml") {
  ConfigResult result =
      parse_config(yaml, source, [](const std::string&) -> std::optional<std::string> { return {}; });
  if (!result.errors.empty()) FAIL(format_diagnostics(source, result.errors));
  return std::move(*result.config);
}

inline Config config_file(const std::filesystem::path& path) {
  ConfigResult result =
      load_config(path, [](const std::string&) -> std::optional<std::string> { return {}; });
  if (!result.errors.empty()) FAIL(format_diagnostics(path, result.errors));
  return std::move(*result.config);
}

struct RitualWorld : ClockedWorld {
  RitualWorld(Config cfg, std::string_view start)
      : ClockedWorld(start),
        config(std::move(cfg)),
        live(std::make_shared<const Config>(config)),
        store({dir / "baton.db"}, clock),
        executor(store, io.get_executor()),
        services{config.org,     profiles,
                 executor,       clock,
                 Log::discard(), {"9.9.9", clock.now(), {Platform::console}},
                 &live,          {}},
        commands(services) {
    store.migrate();
  }
  ~RitualWorld() {
    if (scheduler) stop();
  }

  // Starts the scheduler as a baton starting now would.
  void start() {
    scheduler = std::make_unique<Scheduler>(io.get_executor(), services);
    scheduler->start();
    settle();
  }
  // Waits, on real time, for the scheduler's stop to finish (it polls every few milliseconds).
  void stop() {
    stop_worker(*scheduler);
    scheduler.reset();
  }
  std::string say(const std::string& who, const std::string& text) {
    Inbound in;
    in.user_id = who;
    in.channel = "#console";
    in.text = text;
    return flatten(now(commands.handle(in)).message);
  }
  std::string direct(const std::string& who, const std::string& text) {
    Inbound in;
    in.user_id = who;
    in.text = text;
    in.direct = true;
    return flatten(now(commands.handle(in)).message);
  }

  // The outcome of an occurrence by key ("sent", "skipped: off"), or "none".
  std::string outcome(const std::string& key) {
    const auto record = store.occurrence(key);
    if (!record) return "none";
    std::string out(to_string(record->outcome));
    if (!record->reason.empty()) out += ": " + record->reason;
    return out;
  }
  // Messages waiting in the outbox for one destination lane ("member:hugo", "channel:#marketing").
  std::vector<OutboxItem> messages_to(const std::string& lane) {
    std::vector<OutboxItem> out;
    for (OutboxItem& item : store.outbox_items(OutboxState::pending, 100000)) {
      if (item.destination.lane() == lane) out.push_back(std::move(item));
    }
    return out;
  }

  TempDir dir;
  Config config;
  LiveConfig live;
  SqliteStore store;
  StoreExecutor executor;
  Profiles profiles;
  Services services;
  CommandLayer commands;
  std::unique_ptr<Scheduler> scheduler;
};

}  // namespace baton::test
