#include "bot/app/store_open.hpp"

#include "bot/core/store/postgres/postgres_store.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"

namespace baton::app {

OpenedStore open_migrated_store(const Config& config, const Clock& clock) {
  OpenedStore out;
  if (config.store.postgres()) {
    PostgresStore::Options options;
    options.connection.url = config.store.url;
    options.connection.password = std::string(config.store.password.reveal());
    options.schema = config.store.schema;
    auto store = std::make_unique<PostgresStore>(options, clock);
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

std::string store_location(const Config& config) {
  if (!config.store.postgres()) return config.store.path.string();
  return config.store.url + (config.store.schema.empty() ? "" : " (schema " + config.store.schema + ")");
}

}  // namespace baton::app
