// The store the config names, migrated: the SQLite file by default, PostgreSQL when store.url is set.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bot/core/clock/clock.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/store/sql/sql_store.hpp"

namespace baton::app {

struct OpenedStore {
  std::unique_ptr<SqlStore> store;
  int migrations_applied = 0;
};

// Throws StoreUnavailable when the store cannot be opened or migrated.
OpenedStore open_migrated_store(const Config& config, const Clock& clock);

// The other sessions of a pool to the same PostgreSQL (store.connections in all, the opened store
// being the first); none for a SQLite file, which takes one writer at a time anyway.
std::vector<std::unique_ptr<Store>> open_more_sessions(const Config& config, const Clock& clock);

// Who this instance's claims are held under: store.instance, or the host and the port baton listens on
// (instances on one host listen on different ports; a restarted instance finds its own claims again).
Lease instance_lease(const Config& config);

// Where the store is, for people: the file, or the URL (which holds no password) and the schema.
std::string store_location(const Config& config);

}  // namespace baton::app
