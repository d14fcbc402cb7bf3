// The libpq layer under the PostgreSQL store: placeholders, URLs, and, with a test server
// (tests/support/postgres.hpp), parameters and results both ways and failures that name what was being
// done without the password.
#include <catch2/catch.hpp>

#include "bot/core/store/postgres/connection.hpp"
#include "bot/core/store/store.hpp"
#include "tests/support/postgres.hpp"

using namespace baton;
using namespace baton::postgres;

TEST_CASE("the store's numbered placeholders become PostgreSQL's, quoted text aside", "[postgres]") {
  CHECK(numbered_placeholders("SELECT a FROM t WHERE b = ?1 AND c = ?2") ==
        "SELECT a FROM t WHERE b = $1 AND c = $2");
  CHECK(numbered_placeholders("SELECT '?1', \"?2\" FROM t WHERE x = ?12") ==
        "SELECT '?1', \"?2\" FROM t WHERE x = $12");
  CHECK(numbered_placeholders("SELECT '?' || ?1") == "SELECT '?' || $1");
}

TEST_CASE("a store URL with a password, or not postgres://, is refused with the way to fix it",
          "[postgres]") {
  CHECK_FALSE(check_url("postgres://baton@db.internal:5432/baton"));
  CHECK_FALSE(check_url("postgresql://baton@127.0.0.1/baton?sslmode=verify-full"));
  const auto with_password = check_url("postgres://baton:s3cret@db.internal/baton");
  REQUIRE(with_password);
  CHECK_THAT(*with_password, Catch::Contains("store.password_env"));
  CHECK_THAT(*with_password, !Catch::Contains("s3cret"));
  const auto other = check_url("mysql://baton@db/baton");
  REQUIRE(other);
  CHECK_THAT(*other, Catch::Contains("postgres://"));
  const auto unknown = check_url("postgres://baton@db/baton?sslmod=require");  // a misspelt option
  REQUIRE(unknown);
  CHECK_THAT(*unknown, Catch::Contains("sslmod"));
}

TEST_CASE("parameters go in as bound values and come back typed, statements are prepared once",
          "[postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  Connection db(*server);
  CHECK(db.healthy());
  CHECK(db.server_version() >= 120000);
  db.execute(
      "CREATE TEMPORARY TABLE sample (id BIGINT GENERATED ALWAYS AS IDENTITY, name TEXT, "
      "at_ms BIGINT, value DOUBLE PRECISION)",
      "creating a table");
  const std::string insert = "INSERT INTO sample (name, at_ms, value) VALUES (?1, ?2, ?3) RETURNING id";
  // A quote, a backslash and a semicolon are data, never SQL.
  const Result first = db.run(insert, {"O'Brien\\; DROP TABLE sample", "1700000000123", "0.1"}, "adding");
  REQUIRE(first.rows() == 1);
  CHECK(first.integer(0, 0) == 1);
  const Result second = db.run(insert, {std::nullopt, "-5", "1e300"}, "adding");
  CHECK(second.integer(0, 0) == 2);

  const Result rows = db.run("SELECT name, at_ms, value FROM sample ORDER BY id", {}, "reading");
  REQUIRE(rows.rows() == 2);
  CHECK(rows.text(0, 0) == "O'Brien\\; DROP TABLE sample");
  CHECK(rows.integer(0, 1) == 1700000000123);
  CHECK(rows.real(0, 2) == 0.1);  // exactly: doubles travel as the shortest text that reads back
  CHECK(rows.is_null(1, 0));
  CHECK(rows.integer(1, 1) == -5);
  CHECK(rows.real(1, 2) == 1e300);

  const Result changed = db.run("UPDATE sample SET value = ?1 WHERE at_ms < ?2", {"2.5", "0"}, "updating");
  CHECK(changed.affected() == 1);
}

TEST_CASE("a failing statement or connection says what was being done, never the password", "[postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  Connection db(*server);
  try {
    db.run("SELECT no_such_column FROM pg_class WHERE relname = ?1", {"x"}, "reading the classes");
    FAIL("no error");
  } catch (const StoreUnavailable& e) {
    CHECK_THAT(e.what(), Catch::Contains("reading the classes"));
    CHECK_THAT(e.what(), Catch::Contains("no_such_column"));
  }
  CHECK(db.healthy());  // an error in a statement leaves the connection usable
  CHECK(db.run("SELECT 1", {}, "checking").integer(0, 0) == 1);

  ConnectionOptions wrong = *server;
  wrong.password = "not-the-password-" + server->password;
  try {
    Connection refused(wrong);
    FAIL("connected with a wrong password");
  } catch (const StoreUnavailable& e) {
    CHECK_THAT(e.what(), Catch::Contains("connecting"));
    CHECK_THAT(e.what(), !Catch::Contains("not-the-password"));
  }
}

TEST_CASE("a parameter a statement does not use is accepted, as SQLite accepts it", "[postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  Connection db(*server);
  // ?1 and ?3 are bound but unused: the store binds one set of numbers for an INSERT and an UPDATE.
  CHECK(db.run("SELECT ?2::bigint + 1", {"unused", "41", "unused too"}, "adding").integer(0, 0) == 42);
  CHECK(used_placeholders("SELECT ?2, '?5', ?4") == std::vector<bool>{false, false, true, false, true});
}

TEST_CASE("a transaction whose session was lost is not continued on a new one, and left nothing",
          "[postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  ConnectionOptions options = *server;
  options.application_name = "baton-lost-transaction";
  Connection db(options);
  db.execute("CREATE TABLE IF NOT EXISTS lost_transaction (n BIGINT)", "creating a table");
  db.execute("DELETE FROM lost_transaction", "emptying it");
  Connection admin(*server);

  db.begin("writing two rows");
  db.run("INSERT INTO lost_transaction VALUES (1)", {}, "writing the first row");
  admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?1",
            {options.application_name}, "ending the session");
  CHECK_THROWS_AS(db.run("INSERT INTO lost_transaction VALUES (2)", {}, "writing the second row"),
                  StoreUnavailable);
  // Still inside the transaction as far as the caller knows: nothing runs on a fresh session.
  CHECK_THROWS_WITH(db.run("INSERT INTO lost_transaction VALUES (3)", {}, "writing a third row"),
                    Catch::Contains("continuing a transaction"));
  db.rollback();
  CHECK(db.run("SELECT count(*) FROM lost_transaction", {}, "counting").integer(0, 0) == 0);
  db.execute("DROP TABLE lost_transaction", "dropping the table");
}
