#include "bot/app/store_open.hpp"

#include <array>

#include <unistd.h>

#include "bot/core/store/postgres/postgres_store.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"

namespace baton::app {

namespace {

PostgresStore::Options postgres_options(const Config& config) {
  PostgresStore::Options options;
  options.connection.url = config.store.url;
  options.connection.password = std::string(config.store.password.reveal());
  options.schema = config.store.schema;
  return options;
}

}  // namespace

OpenedStore open_migrated_store(const Config& config, const Clock& clock) {
  OpenedStore out;
  if (config.store.postgres()) {
    auto store = std::make_unique<PostgresStore>(postgres_options(config), clock);
    out.migrations_applied = store->migrate();
    out.store = std::move(store);
  } else {
    auto store = std::make_unique<SqliteStore>(
        SqliteStore::Options{config.store.path, config.store.busy_timeout}, clock);
    out.migrations_applied = store->migrate();
    out.store = std::move(store);
  }
  return out;
}

std::vector<std::unique_ptr<Store>> open_more_sessions(const Config& config, const Clock& clock) {
  std::vector<std::unique_ptr<Store>> sessions;
  if (!config.store.postgres()) return sessions;
  for (int i = 1; i < config.store.connections; ++i) {
    auto session = std::make_unique<PostgresStore>(postgres_options(config), clock);
    session->migrate();  // finds the schema current, and prepares the statements on this session
    sessions.push_back(std::move(session));
  }
  return sessions;
}

Lease instance_lease(const Config& config) {
  Lease lease;
  lease.length = config.store.lease;
  lease.shared = config.store.postgres();
  // A SQLite store has this process as its only user: whatever claim is left standing there is a killed
  // predecessor's, and keeping one name across restarts takes it over at once (a message it was sending,
  // the Socket Mode connection) instead of after its lease. A name with the pid would make it a stranger's.
  if (!lease.shared) return lease;
  if (!config.store.instance.empty()) {
    lease.holder = config.store.instance;
    return lease;
  }
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host = {'b', 'a', 't', 'o', 'n'};
  const std::uint16_t port = config.server.listen.port;
  // Port 0 asks for any free port, another one each start: the process then names the instance.
  lease.holder = std::string(host.data()) + ":" +
                 (port != 0 ? std::to_string(port) : "pid" + std::to_string(::getpid()));
  return lease;
}

std::string store_location(const Config& config) {
  if (!config.store.postgres()) return config.store.path.string();
  return config.store.url + (config.store.schema.empty() ? "" : " (schema " + config.store.schema + ")");
}

}  // namespace baton::app
