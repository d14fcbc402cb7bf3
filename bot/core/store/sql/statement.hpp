// The store's SQL, whichever database runs it: statements written once with numbered placeholders (?1,
// ?2), prepared once, bound by index and read by column. SQLite (store/sqlite/) and PostgreSQL
// (store/postgres/) implement Database and Cursor; the code of the tables sees only this.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bot/core/platform/chat_platform.hpp"

namespace baton::sql {

// One prepared statement on one database connection.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_integer(int index, std::int64_t number) = 0;
  virtual void bind_real(int index, double number) = 0;
  virtual void bind_null(int index) = 0;
  // Runs the statement the first time, then moves row by row: true while there is a row to read.
  virtual bool step() = 0;
  // Ready for the next use, its bindings cleared.
  virtual void reset() = 0;
  // Rows changed by the last run of a write.
  virtual int changes() const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  // What a row holds, for copying whole tables (baton export): its columns, their names, and which
  // hold numbers, whole or not (everything else is text).
  enum class Value { null, integer, real, text };
  virtual int columns() const = 0;
  virtual std::string column_name(int column) const = 0;
  virtual Value value_type(int column) const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  // "SQLite", "PostgreSQL": for messages.
  virtual std::string_view kind() const = 0;
  virtual std::unique_ptr<Cursor> prepare(std::string_view sql) = 0;
  // SQL without parameters: schema changes.
  virtual void execute(std::string_view sql, std::string_view doing) = 0;
  // A transaction that will write: SQLite takes its write lock at once, so that two writers wait for
  // each other instead of failing half way.
  virtual void begin(std::string_view doing) = 0;
  virtual void commit(std::string_view doing) = 0;
  // Never throws: it runs while an error is on its way up.
  virtual void rollback() noexcept = 0;
};

// A statement as the tables use it: prepared when made, bound in a chain.
class Statement {
 public:
  Statement(Database& db, std::string_view sql) : cursor_(db.prepare(sql)) {}

  Statement& bind(int index, std::string_view text) {
    cursor_->bind_text(index, text);
    return *this;
  }
  Statement& bind(int index, std::int64_t number) {
    cursor_->bind_integer(index, number);
    return *this;
  }
  // Named apart from bind(): an int argument would otherwise be ambiguous.
  Statement& bind_real(int index, double number) {
    cursor_->bind_real(index, number);
    return *this;
  }
  Statement& bind_null(int index) {
    cursor_->bind_null(index);
    return *this;
  }

  bool step() { return cursor_->step(); }
  const Cursor& cursor() const { return *cursor_; }
  // Runs to completion, then resets for the next use.
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() { cursor_->reset(); }
  int changes() const { return cursor_->changes(); }
  std::int64_t integer(int column) const { return cursor_->integer(column); }
  std::string text(int column) const { return cursor_->text(column); }
  double real(int column) const { return cursor_->real(column); }
  bool is_null(int column) const { return cursor_->is_null(column); }

 private:
  std::unique_ptr<Cursor> cursor_;
};

// Runs `work` in a write transaction: committed when it returns, rolled back when it throws. Returns
// what `work` returns.
template <typename Work>
auto in_transaction(Database& db, std::string_view doing, Work work) -> decltype(work()) {
  db.begin(doing);
  try {
    if constexpr (std::is_void_v<decltype(work())>) {
      work();
      db.commit(doing);
    } else {
      auto result = work();
      db.commit(doing);
      return result;
    }
  } catch (...) {
    db.rollback();
    throw;
  }
}

// Instants are stored as milliseconds since the Unix epoch, so queries compare them as numbers.
inline std::int64_t to_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline std::chrono::system_clock::time_point from_ms(std::int64_t ms) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::milliseconds(ms)));
}

// Every row of a query, read by `read`; the query is reset for its next use.
template <typename T, typename Read>
std::vector<T> all_rows(Statement& query, Read read) {
  std::vector<T> out;
  while (query.step())
    out.push_back(read(query));
  query.reset();
  return out;
}

// The id an "INSERT ... RETURNING id" gave its row (the statement is then reset): the same in every
// database, where asking the connection for its last row id is not.
inline std::int64_t inserted_id(Statement& insert) {
  if (!insert.step()) {
    insert.reset();
    throw std::logic_error("store: an INSERT ... RETURNING id returned no row");
  }
  const std::int64_t id = insert.integer(0);
  insert.reset();
  return id;
}

// An instant, or NULL.
inline Statement& bind_time(Statement& s, int index,
                            const std::optional<std::chrono::system_clock::time_point>& at) {
  return at ? s.bind(index, to_ms(*at)) : s.bind_null(index);
}

// Destinations are stored as JSON text.
std::string destination_json(const Destination& destination);
Destination destination_from(const std::string& text);

}  // namespace baton::sql
