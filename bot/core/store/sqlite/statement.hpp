// SQLite under the store's SQL layer (store/sql/statement.hpp): the connection and its prepared
// statements, every statement prepared once and bound, never built from strings.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "bot/core/store/sql/statement.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace baton::sqlite {

// The names the tables' code uses, from the SQL layer.
using sql::all_rows;
using sql::bind_time;
using sql::destination_from;
using sql::destination_json;
using sql::from_ms;
using sql::inserted_id;
using sql::Statement;
using sql::to_ms;

class Cursor final : public sql::Cursor {
 public:
  Cursor(sqlite3* db, std::string_view sql);
  ~Cursor() override;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  void bind_text(int index, std::string_view text) override;
  void bind_integer(int index, std::int64_t number) override;
  void bind_real(int index, double number) override;
  void bind_null(int index) override;
  bool step() override;
  void reset() override;
  int changes() const override;
  std::int64_t integer(int column) const override;
  std::string text(int column) const override;
  double real(int column) const override;
  bool is_null(int column) const override;
  int columns() const override;
  std::string column_name(int column) const override;
  Value value_type(int column) const override;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// An open connection, owned by SqliteStore: this only prepares and runs on it.
class Database final : public sql::Database {
 public:
  // `read_only`: a reader's connection, whose transactions begin without taking the write lock.
  explicit Database(sqlite3* db, bool read_only = false) : db_(db), read_only_(read_only) {}
  ~Database() override;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  std::string_view kind() const override { return "SQLite"; }
  std::unique_ptr<sql::Cursor> prepare(std::string_view sql) override;
  void execute(std::string_view sql, std::string_view doing) override;
  void begin(std::string_view doing) override;
  void commit(std::string_view doing) override;
  void rollback() noexcept override;
  // Whether a transaction is open: false after SQLite rolled one back by itself.
  bool in_transaction() const;

 private:
  sqlite3* db_;
  bool read_only_;
  // Transactions begun and not yet ended: inside one, begin() opens a savepoint, so that a call's own
  // transaction can run within a group of calls (StoreExecutor) and be undone alone.
  int depth_ = 0;
  // SAVEPOINT and RELEASE by depth, prepared once: a group of calls opens and releases one for every
  // call, and sqlite3_exec parsed them anew each time.
  struct Savepoint {
    sqlite3_stmt* open = nullptr;
    sqlite3_stmt* release = nullptr;
  };
  std::vector<Savepoint> savepoints_;
  // BEGIN and COMMIT of the outermost transaction, prepared once too.
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
  void run_savepoint(bool open, int depth, std::string_view doing);
  // Runs `stmt`, preparing it from `sql` the first time.
  void run_prepared(sqlite3_stmt*& stmt, const std::string& sql, std::string_view doing);
};

// Throws StoreUnavailable with SQLite's message when `code` is an error.
void check(sqlite3* db, int code, std::string_view doing);

}  // namespace baton::sqlite
