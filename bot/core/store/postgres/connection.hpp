// Thin RAII over libpq: one connection, statements prepared once on it by name and run with bound
// parameters (never spliced into SQL text), results read by row and column. Every failure throws
// StoreUnavailable naming what was being done and PostgreSQL's own words; the password never appears in
// them, nor in anything else this prints.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace baton::postgres {

struct ConnectionOptions {
  std::string url;       // postgres://user@host:port/database?sslmode=...; a password in it is refused
  std::string password;  // from the environment or a file; empty when the server asks for none
  std::chrono::seconds connect_timeout{5};
  std::string application_name = "baton";  // what pg_stat_activity shows
  std::string schema;  // unqualified names resolve here (search_path), at every (re)connection
};

// "?1 ... ?2": the numbered placeholders the store's SQL is written with, as PostgreSQL's $1 ... $2.
// Text inside quotes is left alone.
std::string numbered_placeholders(std::string_view sql);
// The placeholder numbers `sql` uses.
std::vector<bool> used_placeholders(std::string_view sql);

// Nullopt when the URL is one baton can use; otherwise what is wrong with it, in words for the admin.
std::optional<std::string> check_url(std::string_view url);

class Result {
 public:
  explicit Result(pg_result* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const;
  // Rows a write changed (INSERT, UPDATE, DELETE).
  int affected() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  double real(int row, int column) const;
  int columns() const;
  std::string column_name(int column) const;
  enum class Kind { integer, real, text };
  Kind column_kind(int column) const;  // from the column's type

 private:
  pg_result* result_;
};

// A statement's parameters, as text (PostgreSQL converts them to the columns' types); nullopt is NULL.
using Parameters = std::vector<std::optional<std::string>>;

class Connection {
 public:
  // Connects; throws StoreUnavailable when it cannot.
  explicit Connection(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (schema changes, BEGIN, COMMIT); several statements may be given.
  void execute(std::string_view sql, std::string_view doing);
  // Runs a statement with parameters, preparing it on this connection the first time it is seen.
  Result run(std::string_view sql, const Parameters& parameters, std::string_view doing);

  // False once the server has gone (restarted, the network dropped).
  bool healthy() const;
  // Connects again with the same settings when the connection is not healthy; statements are prepared
  // again as they are next run. Throws StoreUnavailable while the server cannot be reached, and inside
  // a transaction: its first statements went with the old session, so the rest must not run alone.
  // run() and execute() call it first.
  void ensure_connected();

  void begin(std::string_view doing);
  void commit(std::string_view doing);
  // Never throws; the transaction is over either way.
  void rollback() noexcept;
  // The server's version, e.g. 150018 for 15.18.
  int server_version() const;

 private:
  Result checked(pg_result* result, std::string_view doing) const;

  struct Prepared {
    std::string name;
    int parameters = 0;  // the highest placeholder number
  };

  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, Prepared> prepared_;  // by SQL text
  bool in_transaction_ = false;
};

}  // namespace baton::postgres
