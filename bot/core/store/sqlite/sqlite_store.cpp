// Durability first: WAL with synchronous=FULL, so a command acknowledged is on disk even if the machine
// loses power right after. Foreign keys on, and a busy timeout so a second process (`baton migrate`
// while baton runs) waits for the lock instead of failing.
#include "bot/core/store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <thread>

#include <sqlite3.h>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/store/sql/migrations.hpp"
#include "bot/core/store/sqlite/statement.hpp"

namespace baton {

using sqlite::check;
using sqlite::Statement;

SqliteStore::SqliteStore(const Options& options, const Clock& clock) : clock_(clock), options_(options) {
  const std::filesystem::path& path = options_.path;
  std::error_code ec;
  if (path.has_parent_path() && !options_.read_only)
    std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    throw StoreUnavailable("cannot create the folder " + path.parent_path().string() +
                           " for the store: " + ec.message());
  }
  // A reader belongs to one thread (StoreExecutor::read), so it goes without SQLite's own mutex.
  const int flags = options_.read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreUnavailable("cannot open the store " + path.string() + ": " + message);
  }
  try {
    sqlite3_extended_result_codes(db_, 1);
    check(db_, sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count())),
          "setting busy_timeout");
    // Statement journals and the sorts of a query without an index in memory, not in temporary files:
    // they never need to survive a crash, the WAL does.
    exec("PRAGMA temp_store = MEMORY", "keeping temporary journals in memory");
    if (options_.read_only) {
      // The writer set the file up; query_only refuses a write even through a path SQLite allows.
      exec("PRAGMA query_only = ON", "making the connection read only");
      return;
    }
    // Switching a new file to WAL while another process creates it can fail with SQLITE_BUSY without
    // SQLite consulting the busy handler, so these set-up steps retry within the busy timeout themselves.
    const int attempts = std::max<int>(1, static_cast<int>(options.busy_timeout.count() / 10));
    exec_retrying_busy("PRAGMA journal_mode = WAL", "turning on WAL", attempts);
    exec("PRAGMA synchronous = FULL", "setting synchronous");
    exec("PRAGMA foreign_keys = ON", "turning on foreign keys");
    exec_retrying_busy(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
        "creating schema_migrations", attempts);
  } catch (const StoreUnavailable& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreUnavailable("cannot use the store " + path.string() + ": " + e.what());
  }
}

SqliteStore::~SqliteStore() {
  close();
}

sqlite3* SqliteStore::db() {
  if (db_ == nullptr) throw StoreUnavailable("the store is closed");
  return db_;
}

sql::Database& SqliteStore::database() {
  return sqlite_database();
}

sqlite::Database& SqliteStore::sqlite_database() {
  if (!database_) database_ = std::make_unique<sqlite::Database>(db(), options_.read_only);
  return *database_;
}

std::unique_ptr<Store> SqliteStore::open_reader() {
  Options reading = options_;
  reading.read_only = true;
  auto reader = std::make_unique<SqliteStore>(reading, clock_);
  // The writer migrated the file before any read: the reader's statements are prepared against it.
  reader->prepare_statements();
  return reader;
}

void SqliteStore::begin_group() {
  sqlite_database().begin("starting a group of calls");
}

bool SqliteStore::group_open() {
  return db_ != nullptr && sqlite_database().in_transaction();
}

void SqliteStore::commit_group() {
  sqlite_database().commit("committing a group of calls");
}

void SqliteStore::rollback_group() noexcept {
  if (database_) database_->rollback();
}

void SqliteStore::exec(const char* sql, std::string_view doing) {
  char* error = nullptr;
  const int code = sqlite3_exec(db(), sql, nullptr, nullptr, &error);
  if (code != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errstr(code);
    sqlite3_free(error);
    throw StoreUnavailable("SQLite error while " + std::string(doing) + ": " + message);
  }
}

void SqliteStore::exec_retrying_busy(const char* sql, std::string_view doing, int attempts) {
  for (int attempt = 1;; ++attempt) {
    const int code = sqlite3_exec(db(), sql, nullptr, nullptr, nullptr);
    if (code == SQLITE_OK) return;
    if ((code & 0xFF) != SQLITE_BUSY || attempt >= attempts) {
      throw StoreUnavailable("SQLite error while " + std::string(doing) + ": " + sqlite3_errmsg(db_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int SqliteStore::migrate() {
  const auto all = sql::migrations();
  const int known = all.empty() ? 0 : all.back().version;
  int applied = 0;
  for (const sql::Migration& migration : all) {
    // BEGIN IMMEDIATE takes the write lock first, so two processes migrating at once take turns and the
    // second sees what the first applied.
    exec("BEGIN IMMEDIATE", "starting a migration");
    try {
      const int current = applied_version();
      if (current > known) {
        throw StoreUnavailable("the store " + options_.path.string() + " has schema version " +
                               std::to_string(current) + ", newer than this baton knows (" +
                               std::to_string(known) +
                               "): run the newer baton, or restore a backup made before the upgrade");
      }
      if (migration.version > current) {
        exec(std::string(migration.sql).c_str(), "applying migration " + std::to_string(migration.version));
        Statement record(database(),
                         "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");
        record.bind(1, std::int64_t{migration.version})
            .bind(2, migration.name)
            .bind(3, iso8601(clock_.now()))
            .run();
        ++applied;
      }
      exec("COMMIT", "committing a migration");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
  if (all.empty() && applied_version() > known) {
    throw StoreUnavailable("the store has a newer schema than this baton knows");
  }
  prepare_statements();
  return applied;
}

void SqliteStore::close() {
  release_statements();
  database_.reset();
  if (db_ != nullptr) {
    sqlite3_close(db_);
    db_ = nullptr;
  }
}

}  // namespace baton
