// Thin RAII over sqlite3 handles: every statement prepared once and bound, never built from strings.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/platform/chat_platform.hpp"

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
  // Named apart from bind(): an int argument would otherwise be ambiguous.
  Statement& bind_real(int index, double number);

  // Steps once: true while there is a row to read.
  bool step();
  // Runs to completion, then resets for the next use.
  void run();
  void reset();

  // Rows changed by the last run of a write.
  int changes() const;
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

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

// An instant, or NULL.
inline Statement& bind_time(Statement& s, int index,
                            const std::optional<std::chrono::system_clock::time_point>& at) {
  return at ? s.bind(index, to_ms(*at)) : s.bind_null(index);
}

// Destinations are stored as JSON text.
std::string destination_json(const Destination& destination);
Destination destination_from(const std::string& text);

// Throws StoreUnavailable with SQLite's message when `code` is an error.
void check(sqlite3* db, int code, std::string_view doing);

}  // namespace baton::sqlite
