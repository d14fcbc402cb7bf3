#include "bot/core/store/sqlite/statement.hpp"

#include <algorithm>

#include <sqlite3.h>

#include "bot/core/store/store.hpp"

namespace baton::sqlite {

void check(sqlite3* db, int code, std::string_view doing) {
  if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) return;
  std::string message = "SQLite error while " + std::string(doing) + ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw StoreUnavailable(message);
}

Cursor::Cursor(sqlite3* db, std::string_view sql) : db_(db) {
  check(db_,
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr),
        "preparing a statement");
}

Cursor::~Cursor() {
  sqlite3_finalize(stmt_);
}

void Cursor::bind_text(int index, std::string_view text) {
  check(db_, sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
        "binding a value");
}

void Cursor::bind_integer(int index, std::int64_t number) {
  check(db_, sqlite3_bind_int64(stmt_, index, number), "binding a value");
}

void Cursor::bind_real(int index, double number) {
  check(db_, sqlite3_bind_double(stmt_, index, number), "binding a value");
}

void Cursor::bind_null(int index) {
  check(db_, sqlite3_bind_null(stmt_, index), "binding a value");
}

bool Cursor::step() {
  const int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  check(db_, code, "running a statement");
  return false;
}

void Cursor::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Cursor::changes() const {
  return sqlite3_changes(db_);
}

std::int64_t Cursor::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Cursor::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return data == nullptr ? std::string()
                         : std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

double Cursor::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

bool Cursor::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int Cursor::columns() const {
  return sqlite3_column_count(stmt_);
}

std::string Cursor::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string() : std::string(name);
}

sql::Cursor::Value Cursor::value_type(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL:
      return Value::null;
    case SQLITE_INTEGER:
      return Value::integer;
    case SQLITE_FLOAT:
      return Value::real;
    default:
      return Value::text;
  }
}

std::unique_ptr<sql::Cursor> Database::prepare(std::string_view sql) {
  return std::make_unique<Cursor>(db_, sql);
}

void Database::execute(std::string_view sql, std::string_view doing) {
  char* error = nullptr;
  const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (code != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errstr(code);
    sqlite3_free(error);
    throw StoreUnavailable("SQLite error while " + std::string(doing) + ": " + message);
  }
}

namespace {

// The savepoint of the transaction begun at `depth` (1 for the first inside the outermost).
std::string savepoint(int depth) {
  return "s" + std::to_string(depth);
}

}  // namespace

Database::~Database() {
  for (const Savepoint& s : savepoints_) {
    sqlite3_finalize(s.open);
    sqlite3_finalize(s.release);
  }
  sqlite3_finalize(begin_);
  sqlite3_finalize(commit_);
}

void Database::run_savepoint(bool open, int depth, std::string_view doing) {
  const auto index = static_cast<std::size_t>(depth - 1);
  if (savepoints_.size() <= index) savepoints_.resize(index + 1);
  run_prepared(open ? savepoints_[index].open : savepoints_[index].release,
               (open ? "SAVEPOINT " : "RELEASE ") + savepoint(depth), doing);
}

void Database::run_prepared(sqlite3_stmt*& stmt, const std::string& sql, std::string_view doing) {
  if (stmt == nullptr)
    check(db_, sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr), doing);
  const int code = sqlite3_step(stmt);
  sqlite3_reset(stmt);
  check(db_, code, doing);
}

void Database::begin(std::string_view doing) {
  if (depth_ > 0 && !in_transaction()) depth_ = 0;  // SQLite ended the outer one on an error
  if (depth_ == 0) {
    // A writer takes the write lock at once, so that a busy database makes it wait here rather than
    // fail halfway; a reader never takes it.
    run_prepared(begin_, read_only_ ? "BEGIN" : "BEGIN IMMEDIATE", doing);
  } else {
    run_savepoint(true, depth_, doing);
  }
  ++depth_;
}

// The depth drops only once the end succeeded: when it fails, the caller rolls back, which ends it.
void Database::commit(std::string_view doing) {
  if (depth_ <= 1) {
    run_prepared(commit_, "COMMIT", doing);
  } else {
    run_savepoint(false, depth_ - 1, doing);
  }
  depth_ = std::max(0, depth_ - 1);
}

void Database::rollback() noexcept {
  depth_ = std::max(0, depth_ - 1);
  if (!in_transaction()) {
    depth_ = 0;  // nothing left to undo: SQLite already rolled everything back
    return;
  }
  if (depth_ == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return;
  }
  const std::string name = savepoint(depth_);
  sqlite3_exec(db_, ("ROLLBACK TO " + name + "; RELEASE " + name).c_str(), nullptr, nullptr, nullptr);
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

}  // namespace baton::sqlite
