// The shared store: PostgreSQL, for several baton instances at once or a company that wants its data in
// the database it already runs and backs up. The schema is SQLite's migrations (store/sql/migrations.cpp,
// its one definition) in PostgreSQL's types; every domain operation is SqlStore's.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/clock/clock.hpp"
#include "bot/core/store/postgres/connection.hpp"
#include "bot/core/store/sql/sql_store.hpp"

namespace baton {

namespace postgres {
class Database;

// A migration written for SQLite, in PostgreSQL's words: BIGINT for INTEGER, DOUBLE PRECISION for REAL,
// identity columns for INTEGER PRIMARY KEY, no STRICT or WITHOUT ROWID.
std::string translated_ddl(std::string_view sqlite_sql);

// Nullopt when `name` can be a schema of baton's; otherwise why not.
std::optional<std::string> check_schema_name(std::string_view name);
}  // namespace postgres

class PostgresStore final : public SqlStore {
 public:
  struct Options {
    postgres::ConnectionOptions connection;
    // Where baton's tables live, created if needed: one database can hold several teams' batons. Empty
    // for the connecting user's default (public).
    std::string schema;
  };

  // Connects; throws StoreUnavailable when it cannot. Does not migrate: call migrate().
  PostgresStore(const Options& options, const Clock& clock);
  ~PostgresStore() override;

  // Applies the migrations the schema lacks, all in one transaction under an advisory lock, so that
  // instances starting together take turns and the later ones find the work done. Returns how many.
  int migrate();

  void close() override;

 protected:
  std::string_view kind() const override { return "PostgreSQL"; }
  // A session the server dropped (a restart) fails the call in flight with StoreUnavailable, whose
  // caller answers "retry later"; the next call connects again (postgres::Connection::ensure_connected).
  sql::Database& database() override;
  // Identity columns continue after the largest id imported.
  void renumber_after_import() override;

 private:
  const Clock& clock_;
  Options options_;
  std::unique_ptr<postgres::Connection> connection_;
  std::unique_ptr<postgres::Database> database_;
};

}  // namespace baton
