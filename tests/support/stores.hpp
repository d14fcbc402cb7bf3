// The stores a contract test of the Store runs on: SQLite always, PostgreSQL too when the tests have a
// server (tests/support/postgres.hpp). In a test case:
//   const std::string kind = GENERATE(from_range(test::store_kinds()));
//   auto store = test::open_store(kind, dir, clock);
// runs the case once on each.
#pragma once

#include <algorithm>
#include <memory>
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

// A schema of the test's own on the server, named after its folder: reopening finds the same data, and
// no other test's.
inline std::string schema_for(const TempDir& dir) {
  std::string name = "t_";
  for (const char c : dir.path().filename().string()) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0)
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return name.substr(0, 63);
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
