// The embedded store: one SQLite file in WAL mode, the default for a team running one baton.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "bot/core/store/sql/sql_store.hpp"

struct sqlite3;

namespace baton {

namespace sqlite {
class Database;
}  // namespace sqlite

class SqliteStore final : public SqlStore {
 public:
  struct Options {
    std::filesystem::path path;
    std::chrono::milliseconds busy_timeout{5'000};
    // A reader: the database must exist; nothing is written, and its transactions take no write lock.
    bool read_only = false;
  };

  // Opens (creating the file and its folder if needed, unless read only) and configures the database.
  // Throws StoreUnavailable when it cannot. Does not migrate: call migrate().
  SqliteStore(const Options& options, const Clock& clock);
  ~SqliteStore() override;

  // Applies the migrations this database lacks, each in its own transaction, and returns how many.
  // Throws when the database was written by a newer baton whose schema this build does not know.
  int migrate();

  void close() override;

  // A read-only connection to the same file. In WAL mode a reader never waits for the writer, nor the
  // writer for it.
  std::unique_ptr<Store> open_reader() override;

  // One writer, and a sync to disk for each transaction: calls are grouped (Store::begin_group).
  bool groups_commits() const override { return true; }
  void begin_group() override;
  bool group_open() override;
  void commit_group() override;
  void rollback_group() noexcept override;

 protected:
  std::string_view kind() const override { return "SQLite"; }
  sql::Database& database() override;

 private:
  sqlite3* db();
  void exec(const char* sql, std::string_view doing);
  void exec_retrying_busy(const char* sql, std::string_view doing, int attempts);

  const Clock& clock_;
  const Options options_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite::Database> database_;
  sqlite::Database& sqlite_database();
};

}  // namespace baton
