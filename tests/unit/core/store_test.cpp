#include <condition_variable>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "bot/core/store/store_executor.hpp"
#include "tests/support/async.hpp"
#include "tests/support/schema.hpp"
#include "tests/support/stores.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;

namespace {

ManualClock test_clock() {
  return ManualClock(*parse_iso8601("2026-11-23T08:00:00Z"));
}

// Reads one value with a separate connection, as another process would.
std::string query(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  std::string value;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

void execute(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("migrations are applied once, recorded, and the store is then ready", "[store]") {
  test::TempDir dir;
  const auto file = dir / "sub/folder/baton.db";  // folders are created
  auto clock = test_clock();
  {
    SqliteStore store({file}, clock);
    CHECK_FALSE(store.status().ready());
    CHECK(store.migrate() == test::schema_version());
    CHECK(store.migrate() == 0);
    const StoreStatus status = store.status();
    CHECK(status.ready());
    CHECK(status.kind == "SQLite");
    CHECK(status.schema_version == test::schema_version());
  }
  CHECK(query(file, "SELECT name FROM schema_migrations WHERE version = 1") == "member settings");
  CHECK(query(file, "SELECT applied_at FROM schema_migrations WHERE version = 1") ==
        "2026-11-23T08:00:00.000Z");
  SqliteStore again({file}, clock);
  CHECK(again.migrate() == 0);
}

TEST_CASE("the store runs in WAL mode with foreign keys and a busy timeout", "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore store({dir / "baton.db"}, clock);
  store.migrate();
  CHECK(query(dir / "baton.db", "PRAGMA journal_mode") == "wal");
}

TEST_CASE("a member's language is stored and survives a restart", "[store]") {
  const std::string kind = GENERATE(from_range(test::store_kinds()));
  test::TempDir dir;
  auto clock = test_clock();
  {
    auto store = test::open_store(kind, dir, clock);
    CHECK_FALSE(store->member_locale("sam").has_value());
    store->set_member_locale("sam", Locale::fr, clock.now());
    store->set_member_locale("sam", Locale::en, clock.now());
    store->set_member_locale("lea", Locale::fr, clock.now());
    CHECK(store->member_locale("sam") == Locale::en);
  }
  auto reopened = test::open_store(kind, dir, clock);
  CHECK(reopened->member_locale("sam") == Locale::en);
  CHECK(reopened->member_locale("lea") == Locale::fr);
}

TEST_CASE("a store written by a newer baton is refused, not damaged", "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  {
    SqliteStore store({dir / "baton.db"}, clock);
    store.migrate();
  }
  execute(dir / "baton.db", "INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')");
  SqliteStore store({dir / "baton.db"}, clock);
  CHECK_THROWS_WITH(store.migrate(), Catch::Contains("newer than this baton knows"));
  CHECK(query(dir / "baton.db", "SELECT count(*) FROM schema_migrations") ==
        std::to_string(test::schema_version() + 1));
}

TEST_CASE("a store that cannot be opened says where and why", "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  std::filesystem::create_directory(dir / "a-folder.db");
  CHECK_THROWS_AS(SqliteStore({dir / "a-folder.db"}, clock), StoreUnavailable);
  CHECK_THROWS_WITH(SqliteStore({dir / "a-folder.db"}, clock), Catch::Contains("a-folder.db"));
}

TEST_CASE("a closed store refuses calls instead of crashing", "[store]") {
  const std::string kind = GENERATE(from_range(test::store_kinds()));
  test::TempDir dir;
  auto clock = test_clock();
  auto store = test::open_store(kind, dir, clock);
  store->close();
  CHECK_THROWS_AS(store->member_locale("sam"), StoreUnavailable);
  CHECK_FALSE(store->status().reachable);
}

TEST_CASE("two processes migrating one file at once take turns", "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  int applied[2] = {-1, -1};
  std::string failures[2];
  const auto start = [&](int i) {
    return std::thread([&, i] {
      try {
        SqliteStore store({dir / "baton.db"}, clock);
        applied[i] = store.migrate();
      } catch (const std::exception& e) {
        failures[i] = e.what();
      }
    });
  };
  std::thread a = start(0);
  std::thread b = start(1);
  a.join();
  b.join();
  CHECK(failures[0].empty());
  CHECK(failures[1].empty());
  CHECK(applied[0] + applied[1] == test::schema_version());  // each migration applied once, by one of them
  CHECK(query(dir / "baton.db", "SELECT count(*) FROM schema_migrations") == test::schema_version_text());
}

TEST_CASE("store calls run on the store's own thread and hand back their result", "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  StoreExecutor executor(sqlite);
  boost::asio::io_context io;
  const auto caller = std::this_thread::get_id();
  const auto on_store_thread = [caller](Store&) { return std::this_thread::get_id() != caller; };
  CHECK(test::run_sync(io, executor.run(on_store_thread)));
  const auto failing = [](Store&) -> int { throw StoreUnavailable("disk on fire"); };
  CHECK_THROWS_WITH(test::run_sync(io, executor.run(failing)), "disk on fire");
}

TEST_CASE("a pool runs calls at once, each on a store of its own", "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore first({dir / "baton.db"}, clock);
  first.migrate();
  SqliteStore second({dir / "baton.db"}, clock);
  second.migrate();
  StoreExecutor pool({&first, &second});
  CHECK(pool.size() == 2);
  // Each call waits until the other has started: with one thread, or one store handed to both, they
  // could not both be running.
  std::mutex mutex;
  std::condition_variable both;
  int running = 0;
  const auto meet = [&](Store& store) {
    std::unique_lock lock(mutex);
    ++running;
    both.notify_all();
    const bool met = both.wait_for(lock, std::chrono::seconds(10), [&] { return running == 2; });
    return met ? &store : nullptr;
  };
  boost::asio::io_context io;
  auto one = boost::asio::co_spawn(io, pool.run(meet), boost::asio::use_future);
  auto two = boost::asio::co_spawn(io, pool.run(meet), boost::asio::use_future);
  io.run();
  const Store* a = one.get();
  const Store* b = two.get();
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(a != b);
}
