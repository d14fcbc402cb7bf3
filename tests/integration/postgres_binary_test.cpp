// baton on PostgreSQL through the real binary, when the tests have a server (tests/support/postgres.hpp):
// `baton migrate` applies the schema and says where, `baton serve` reports the store ready, and the
// database password, given by environment, is never printed.
#include <csignal>

#include <catch2/catch.hpp>

#include "tests/support/binary.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/postgres.hpp"
#include "tests/support/stores.hpp"

using namespace baton;

TEST_CASE("on PostgreSQL, migrate applies the schema and serve reports the store ready",
          "[binary][postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  test::TempDir dir;
  const std::string schema = test::schema_for(dir);
  const auto config = dir.write("baton.yaml", test::kSmallOrg + "store:\n  url: " + server->url +
                                                  "\n  password_env: BATON_DB_PASSWORD\n  schema: " + schema +
                                                  "\nlog: {format: logfmt, level: info}\n");
  const std::map<std::string, std::string> environment{{"BATON_DB_PASSWORD", server->password}};

  const auto migrated =
      test::run_to_end(BATON_BINARY, {"migrate", "--config", config.string()}, "", environment);
  INFO(migrated.err);
  CHECK(migrated.status == 0);
  CHECK_THAT(migrated.out,
             Catch::Contains("store " + server->url + " (schema " + schema + "): schema version"));
  CHECK_THAT(migrated.out + migrated.err, !Catch::Contains(server->password));

  test::Process baton(BATON_BINARY, {"serve", "--config", config.string(), "--listen", "127.0.0.1:0"},
                      environment);
  const int port = test::listening_port(baton);
  const auto ready = test::http_get(port, "/readyz");
  CHECK(ready.status == 200);
  CHECK_THAT(ready.body, Catch::Contains("\"store\":\"ok\""));
  CHECK_THAT(baton.err(), Catch::Contains("kind=PostgreSQL"));
  CHECK_THAT(baton.err(), Catch::Contains("migrations_applied=0"));
  baton.signal(SIGTERM);
  CHECK(baton.wait() == 0);
  CHECK_THAT(baton.err(), !Catch::Contains(server->password));
}

TEST_CASE("on PostgreSQL, a wrong password stops start-up with the reason and no password",
          "[binary][postgres]") {
  const auto server = test::postgres_server();
  if (!server) return;
  test::TempDir dir;
  const auto config = dir.write("baton.yaml", test::kSmallOrg + "store:\n  url: " + server->url +
                                                  "\n  password_env: BATON_DB_PASSWORD\n");
  const auto refused = test::run_to_end(BATON_BINARY, {"migrate", "--config", config.string()}, "",
                                        {{"BATON_DB_PASSWORD", "wrong-password-123"}});
  CHECK(refused.status == 1);
  CHECK_THAT(refused.err, Catch::Contains("PostgreSQL: connecting"));
  CHECK_THAT(refused.err, !Catch::Contains("wrong-password-123"));
}
