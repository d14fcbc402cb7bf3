// The stores a contract test of the Store runs on: SQLite always, PostgreSQL too when the tests have a
// server (tests/support/postgres.hpp). In a test case:
//   const std::string kind = GENERATE(from_range(test::store_kinds()));
//   auto store = test::open_store(kind, dir, clock);
// runs the case once on each.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/core/store/postgres/postgres_store.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "tests/support/postgres.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

inline std::vector<std::string> store_kinds() {
  std::vector<std::string> kinds{"sqlite"};
  // NOLINTNEXTLINE(concurrency-mt-unsafe): tests read the environment before any thread starts
  const char* url = std::getenv("BATON_TEST_POSTGRES");
  if (url != nullptr && *url != '\0') kinds.emplace_back("postgres");
  return kinds;
}

// The schemas this test process made on the server, dropped when its test run ends (catch_main.cpp): a
// developer's own server keeps nothing of the tests (deploy/dev.sh's throwaway cluster goes whole anyway).
class SchemaCleanup {
 public:
  void add(const std::string& schema) {
    const std::lock_guard lock(mutex_);
    schemas_.insert(schema);
  }
  // Before the process exits: libpq needs OpenSSL, which is gone once static destructors run.
  void drop_all() {
    const std::lock_guard lock(mutex_);
    if (schemas_.empty()) return;
    try {
      const auto server = postgres_server();
      if (!server) return;
      postgres::Connection connection(*server);
      for (const std::string& schema : schemas_)
        connection.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "dropping a test schema");
      schemas_.clear();
    } catch (const std::exception&) {
      // A server gone by now keeps the schemas; the next run uses others.
    }
  }

 private:
  std::mutex mutex_;
  std::set<std::string> schemas_;
};

inline SchemaCleanup& schema_cleanup() {
  static SchemaCleanup cleanup;
  return cleanup;
}

// A schema of the test's own on the server, named after its folder: reopening finds the same data, and
// no other test's.
inline std::string schema_for(const TempDir& dir) {
  std::string name = "t_";
  for (const char c : dir.path().filename().string()) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0)
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  name = name.substr(0, 63);
  schema_cleanup().add(name);
  return name;
}

// A migrated store of that kind, its data in `dir` (a file, or the schema named after it).
inline std::unique_ptr<Store> open_store(const std::string& kind, const TempDir& dir, const Clock& clock) {
  if (kind == "postgres") {
    const auto server = postgres_server();
    REQUIRE(server);
    auto store = std::make_unique<PostgresStore>(PostgresStore::Options{*server, schema_for(dir)}, clock);
    store->migrate();
    return store;
  }
  auto store = std::make_unique<SqliteStore>(SqliteStore::Options{dir / "baton.db"}, clock);
  store->migrate();
  return store;
}

}  // namespace baton::test
