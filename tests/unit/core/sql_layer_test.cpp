// The store's SQL layer behaves the same on SQLite and on PostgreSQL (when BATON_TEST_POSTGRES names a
// server): the same statements, with numbered placeholders, RETURNING, ON CONFLICT, NULLs, doubles,
// row counts and transactions.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "bot/core/store/postgres/database.hpp"
#include "bot/core/store/sqlite/statement.hpp"
#include "bot/core/store/store.hpp"
#include "tests/support/postgres.hpp"

using namespace baton;
using sql::Statement;

namespace {

// Only the table's creation differs: how each database numbers rows.
void exercise(sql::Database& db, const std::string& id_column) {
  db.execute("CREATE TEMPORARY TABLE sample (" + id_column +
                 ", name TEXT NOT NULL UNIQUE, at_ms BIGINT, value DOUBLE PRECISION)",
             "creating a table");
  Statement insert(
      db,
      "INSERT INTO sample (name, at_ms, value) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING "
      "RETURNING id");
  REQUIRE(insert.bind(1, "O'Brien; DROP TABLE sample")
              .bind(2, std::int64_t{1700000000123})
              .bind_real(3, 0.1)
              .step());
  CHECK(insert.integer(0) == 1);
  insert.reset();
  REQUIRE(insert.bind(1, "second").bind_null(2).bind_real(3, -1e300).step());
  CHECK(insert.integer(0) == 2);
  insert.reset();
  // The same name again: nothing stored, no id given.
  CHECK_FALSE(insert.bind(1, "second").bind_null(2).bind_real(3, 1).step());
  insert.reset();

  Statement update(db, "UPDATE sample SET value = ?1 WHERE at_ms IS NULL OR at_ms < ?2");
  update.bind_real(1, 2.5).bind(2, std::int64_t{0}).run();
  CHECK(update.changes() == 1);

  Statement rows(db, "SELECT name, at_ms, value FROM sample ORDER BY id");
  REQUIRE(rows.step());
  CHECK(rows.text(0) == "O'Brien; DROP TABLE sample");
  CHECK(rows.integer(1) == 1700000000123);
  CHECK(rows.real(2) == 0.1);
  REQUIRE(rows.step());
  CHECK(rows.is_null(1));
  CHECK(rows.real(2) == 2.5);
  CHECK_FALSE(rows.step());
  rows.reset();

  // A rolled back transaction leaves nothing; a committed one stays.
  Statement count(db, "SELECT count(*) FROM sample");
  db.begin("adding in a transaction");
  insert.bind(1, "third").bind_null(2).bind_real(3, 3).run();
  db.rollback();
  REQUIRE(count.step());
  CHECK(count.integer(0) == 2);
  count.reset();
  db.begin("adding in a transaction");
  insert.bind(1, "fourth").bind_null(2).bind_real(3, 4).run();
  db.commit("committing");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 3);
  count.reset();

  // A statement the database refuses says so, and the connection goes on.
  CHECK_THROWS_AS(Statement(db, "SELECT nothing FROM sample WHERE name = ?1").bind(1, "x").step(),
                  StoreUnavailable);
  REQUIRE(count.step());
  CHECK(count.integer(0) == 3);
  count.reset();
}

}  // namespace

TEST_CASE("the SQL layer on SQLite", "[store][sql]") {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(":memory:", &handle) == SQLITE_OK);
  {
    sqlite::Database db(handle);
    exercise(db, "id INTEGER PRIMARY KEY");
  }
  sqlite3_close(handle);
}

TEST_CASE("the SQL layer on PostgreSQL", "[store][sql][postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  postgres::Connection connection(*server);
  postgres::Database db(connection);
  exercise(db, "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
}
