// The Store port: the domain operations baton persists, and nothing about how. SQLite implements it
// today (store/sqlite/), PostgreSQL later; no SQL or driver type appears on this side of the port.
// Calls block, so they run on the store's own executor (store_executor.hpp), never on network threads.
// An unreachable or broken store throws StoreUnavailable; "not found" and "conflict" are ordinary values.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "bot/core/clock/clock.hpp"
#include "bot/core/i18n/locale.hpp"

namespace baton {

class StoreUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreStatus {
  bool reachable = false;
  int schema_version = 0;    // applied
  int expected_version = 0;  // known to this build
  std::string kind;          // "SQLite"
  std::string detail;        // why it is not ready, when it is not
  bool ready() const { return reachable && schema_version == expected_version; }
};

class Store {
 public:
  virtual ~Store() = default;

  // Cheap check that the store answers and its schema is current: what /readyz reports.
  virtual StoreStatus status() = 0;

  // A member's own choice of language, which overrides the one in config.
  virtual std::optional<Locale> member_locale(const std::string& member_key) = 0;
  virtual void set_member_locale(const std::string& member_key, Locale locale, SysTime at) = 0;

  // Flushes and releases the store; later calls throw StoreUnavailable.
  virtual void close() = 0;
};

}  // namespace baton
