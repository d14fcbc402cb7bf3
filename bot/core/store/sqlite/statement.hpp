// Thin RAII over sqlite3 handles: every statement prepared once and bound, never built from strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace baton::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t number);
  Statement& bind_null(int index);

  // Steps once: true while there is a row to read.
  bool step();
  // Runs to completion, then resets for the next use.
  void run();
  void reset();

  // Rows changed by the last run of a write.
  int changes() const;
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Throws StoreUnavailable with SQLite's message when `code` is an error.
void check(sqlite3* db, int code, std::string_view doing);

}  // namespace baton::sqlite
