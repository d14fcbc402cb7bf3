#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "bot/core/store/store_executor.hpp"
#include "tests/support/async.hpp"
#include "tests/support/forwarding_store.hpp"
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

TEST_CASE("reads run on the caller's thread, on a read-only connection, and see what was committed",
          "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  StoreExecutor executor(sqlite);
  boost::asio::io_context io;
  const auto caller = std::this_thread::get_id();
  const auto write = [&](Store& store) { store.set_member_locale("ada", Locale::fr, clock.now()); };
  test::run_sync(io, executor.run(write));
  const auto read = [caller](Store& store) {
    return std::make_pair(std::this_thread::get_id() == caller, store.member_locale("ada"));
  };
  const auto [on_caller, locale] = test::run_sync(io, executor.read(read));
  CHECK(on_caller);
  CHECK(locale == Locale::fr);
  CHECK(executor.counts().reads == 1);
  CHECK(executor.counts().calls == 1);  // the write only

  // A read sees each write once it is committed, on the same connection as before.
  const auto rewrite = [&](Store& store) { store.set_member_locale("ada", Locale::en, clock.now()); };
  test::run_sync(io, executor.run(rewrite));
  CHECK(test::run_sync(io, executor.read(read)).second == Locale::en);

  // Nothing is written through a reader.
  CHECK_THROWS_AS(test::run_sync(io, executor.read(write)), StoreUnavailable);
  CHECK(test::run_sync(io, executor.read(read)).second == Locale::en);
  CHECK(executor.counts().reads == 4);
}

TEST_CASE("without readers (a pool, the tests' executor), reads wait their turn as other calls do",
          "[store]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore first({dir / "baton.db"}, clock);
  first.migrate();
  SqliteStore second({dir / "baton.db"}, clock);
  StoreExecutor pool({&first, &second});
  boost::asio::io_context io;
  const auto caller = std::this_thread::get_id();
  const auto on_store_thread = [caller](Store&) { return std::this_thread::get_id() != caller; };
  CHECK(test::run_sync(io, pool.read(on_store_thread)));
  CHECK(pool.counts().reads == 0);
  CHECK(pool.counts().calls == 1);

  StoreExecutor inline_executor(first, io.get_executor());
  CHECK_FALSE(test::run_sync(io, inline_executor.read(on_store_thread)));
  CHECK(inline_executor.counts().reads == 0);
  CHECK(inline_executor.counts().calls == 1);
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

namespace {

// A StoreExecutor whose thread is held by a first call until release(), so that the calls submitted
// meanwhile wait together, as commands do behind a sync to disk.
class HeldExecutor {
 public:
  explicit HeldExecutor(Store& store) : executor(store) {
    futures.push_back(boost::asio::co_spawn(io, executor.run(hold()), boost::asio::use_future));
    runner = std::thread([this] {
      const auto work = boost::asio::make_work_guard(io);
      io.run();
    });
    std::unique_lock lock(mutex);
    changed.wait(lock, [this] { return holding; });
  }
  ~HeldExecutor() {
    release();
    io.stop();
    runner.join();
  }
  HeldExecutor(const HeldExecutor&) = delete;
  HeldExecutor& operator=(const HeldExecutor&) = delete;

  template <typename F>
  std::future<std::invoke_result_t<F, Store&>> submit(F work) {
    auto future = boost::asio::co_spawn(io, executor.run(std::move(work)), boost::asio::use_future);
    // Waits until the call is in the queue, behind the held one, before the next is submitted.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (executor.waiting() == submitted && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(executor.waiting() == ++submitted);
    return future;
  }
  void release() {
    const std::lock_guard lock(mutex);
    released = true;
    changed.notify_all();
  }

  boost::asio::io_context io;
  StoreExecutor executor;

 private:
  std::function<bool(Store&)> hold() {
    return [this](Store&) {
      std::unique_lock lock(mutex);
      holding = true;
      changed.notify_all();
      changed.wait(lock, [this] { return released; });
      return true;
    };
  }
  std::mutex mutex;
  std::condition_variable changed;
  bool holding = false;
  bool released = false;
  std::size_t submitted = 0;
  std::vector<std::future<bool>> futures;
  std::thread runner;
};

OutboxItem message(const std::string& key) {
  OutboxItem item;
  item.key = key;
  item.platform = Platform::slack;
  item.destination.channel = "C1";
  item.message.header(key);
  item.created_at = *parse_iso8601("2026-11-23T08:00:00Z");
  item.next_attempt_at = item.created_at;
  return item;
}

}  // namespace

TEST_CASE("calls waiting together share one commit, and each is answered once it is durable",
          "[store][group]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  HeldExecutor held(sqlite);
  std::vector<std::future<std::string>> answers;
  for (int i = 0; i < 20; ++i) {
    answers.push_back(held.submit([i](Store& store) {
      store.enqueue(message("k" + std::to_string(i)));
      return std::to_string(i);
    }));
  }
  held.release();
  for (int i = 0; i < 20; ++i)
    CHECK(answers[static_cast<std::size_t>(i)].get() == std::to_string(i));
  // Answered: committed, so another connection sees every message.
  CHECK(query(dir / "baton.db", "SELECT count(*) FROM outbox") == "20");
  const auto counts = held.executor.counts();
  CHECK(counts.groups == 1);
  CHECK(counts.grouped_calls == 20);
}

TEST_CASE("a call that fails inside a group is undone alone, and the others are stored", "[store][group]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  HeldExecutor held(sqlite);
  auto first = held.submit([](Store& store) { return store.enqueue(message("before")); });
  auto failing = held.submit([](Store& store) {
    store.handoff_transaction([](HandoffWriter& writer) {
      writer.enqueue(message("undone"));
      throw std::runtime_error("the change was refused");
    });
    return true;
  });
  auto last = held.submit([](Store& store) { return store.enqueue(message("after")); });
  held.release();
  CHECK(first.get());
  CHECK_THROWS_WITH(failing.get(), "the change was refused");
  CHECK(last.get());
  CHECK(query(dir / "baton.db", "SELECT group_concat(key, ',') FROM (SELECT key FROM outbox ORDER BY id)") ==
        "before,after");
  CHECK(held.executor.counts().groups == 1);
}

namespace {

// SQLite whose group commit fails, as on a full disk.
class FailingCommit : public test::ForwardingStore {
 public:
  explicit FailingCommit(SqliteStore& inner) : ForwardingStore(&inner), inner_(inner) {}
  bool groups_commits() const override { return true; }
  void begin_group() override { inner_.begin_group(); }
  bool group_open() override { return inner_.group_open(); }
  void commit_group() override {
    throw StoreUnavailable("SQLite error while committing: database or disk is full");
  }
  void rollback_group() noexcept override { inner_.rollback_group(); }

 private:
  SqliteStore& inner_;
};

}  // namespace

TEST_CASE("when a group's commit fails, no call in it is answered as done", "[store][group]") {
  test::TempDir dir;
  auto clock = test_clock();
  SqliteStore sqlite({dir / "baton.db"}, clock);
  sqlite.migrate();
  FailingCommit failing(sqlite);
  HeldExecutor held(failing);
  auto one = held.submit([](Store& store) { return store.enqueue(message("one")); });
  auto two = held.submit([](Store& store) { return store.enqueue(message("two")); });
  held.release();
  CHECK_THROWS_WITH(one.get(), Catch::Contains("disk is full"));
  CHECK_THROWS_WITH(two.get(), Catch::Contains("disk is full"));
  CHECK(query(dir / "baton.db", "SELECT count(*) FROM outbox") == "0");
  // The store goes on: the next call, alone, is stored.
  boost::asio::io_context io;
  CHECK(test::run_sync(io, held.executor.run([](Store& store) { return store.enqueue(message("three")); })));
  CHECK(query(dir / "baton.db", "SELECT count(*) FROM outbox") == "1");
}
