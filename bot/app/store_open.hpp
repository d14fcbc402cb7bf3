// The store the config names, migrated: the SQLite file by default, PostgreSQL when store.url is set.
#pragma once

#include <memory>
#include <string>

#include "bot/core/clock/clock.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/store/store.hpp"

namespace baton::app {

struct OpenedStore {
  std::unique_ptr<Store> store;
  int migrations_applied = 0;
};

// Throws StoreUnavailable when the store cannot be opened or migrated.
OpenedStore open_migrated_store(const Config& config, const Clock& clock);

// Where the store is, for people: the file, or the URL (which holds no password) and the schema.
std::string store_location(const Config& config);

}  // namespace baton::app
