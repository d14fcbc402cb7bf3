// The command line's answers and exit statuses: 0 success, 1 failure while running, 2 bad input.
#include <filesystem>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

#include "tests/support/binary.hpp"
#include "tests/support/schema.hpp"

using namespace baton;

TEST_CASE("check-config accepts the example and sums it up", "[binary][cli]") {
  const auto done = test::run_to_end(BATON_BINARY, {"check-config", BATON_EXAMPLE_CONFIG});
  CHECK(done.status == 0);
  CHECK_THAT(done.out, Catch::Contains(": OK — 4 departments, 13 members; platforms: console"));
}

TEST_CASE("check-config reports every error with line, column and hint, and exits 2", "[binary][cli]") {
  test::TempDir dir;
  const auto file = dir.write("bad.yaml",
                              "timezone: Europe/Paris\n"
                              "members:\n"
                              "  - {key: ada, name: Ada, role: admin}\n"
                              "departments:\n"
                              "  - {key: it, name: IT, referent: adda, members: [ada]}\n"
                              "sevrer:\n"
                              "  listen: 127.0.0.1:1\n");
  const auto done = test::run_to_end(BATON_BINARY, {"check-config", file.string()});
  CHECK(done.status == 2);
  CHECK_THAT(done.err,
             Catch::Contains(file.string() + ":5:35: error: department it.referent names \"adda\""));
  CHECK_THAT(done.err, Catch::Contains("  hint: did you mean \"ada\"?"));
  CHECK_THAT(done.err, Catch::Contains(file.string() + ":6:1: error: unknown key \"sevrer\""));
  CHECK_THAT(done.err, Catch::Contains("2 errors in"));
}

TEST_CASE("check-config warns of a secret file others may read, and still accepts the config",
          "[binary][cli]") {
  test::TempDir dir;
  const auto token = dir.write("bot-token", "xoxb-1-2-secret-in-a-file\n");
  const auto signing = dir.write("signing-secret", "0123456789abcdef0123456789abcdef\n");
  std::filesystem::permissions(signing,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::filesystem::permissions(token,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                   std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  const auto file =
      dir.write("baton.yaml",
                "timezone: Europe/Paris\n"
                "members:\n"
                "  - {key: ada, name: Ada, role: admin, ids: {slack: U0ADAADMIN}}\n"
                "departments:\n"
                "  - {key: it, name: IT, referent: ada, members: [ada], channels: {slack: C0ITHELPDK}}\n"
                "slack:\n"
                "  signing_secret_file: signing-secret\n"
                "  bot_token_file: bot-token\n");
  const auto done = test::run_to_end(BATON_BINARY, {"check-config", file.string()});
  CHECK(done.status == 0);
  CHECK_THAT(done.err, Catch::Contains(file.string() + ":8:19: warning: the secret file " + token.string() +
                                       " (for slack.bot_token) has permissions 0644"));
  CHECK_THAT(done.err, Catch::Contains("  hint: chmod 600 " + token.string()));
  CHECK_THAT(done.err, !Catch::Contains("signing-secret"));
  CHECK_THAT(done.err + done.out, !Catch::Contains("secret-in-a-file"));
  CHECK_THAT(done.out, Catch::Contains(": OK — 1 department, 1 member; platforms: console, slack"));
}

TEST_CASE("a missing config file, or none at all, exits 2 with what to do", "[binary][cli]") {
  const auto missing = test::run_to_end(BATON_BINARY, {"check-config", "/nonexistent/baton.yaml"});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("cannot read the config file"));
  const auto none = test::run_to_end(BATON_BINARY, {"serve"}, "", {{"BATON_CONFIG", ""}});
  CHECK(none.status == 2);
  CHECK_THAT(none.err, Catch::Contains("no config file: pass --config FILE or set BATON_CONFIG"));
}

TEST_CASE("the config can come from BATON_CONFIG", "[binary][cli]") {
  const auto done =
      test::run_to_end(BATON_BINARY, {"check-config"}, "", {{"BATON_CONFIG", BATON_EXAMPLE_CONFIG}});
  CHECK(done.status == 0);
}

TEST_CASE("a bad command line exits 2", "[binary][cli]") {
  CHECK(test::run_to_end(BATON_BINARY, {"fly"}).status == 2);
  CHECK(test::run_to_end(BATON_BINARY, {}).status == 2);
  const auto listen =
      test::run_to_end(BATON_BINARY, {"serve", "--config", BATON_EXAMPLE_CONFIG, "--listen", "nowhere"});
  CHECK(listen.status == 2);
  CHECK_THAT(listen.err, Catch::Contains("--listen nowhere is not HOST:PORT"));
  const auto user =
      test::run_to_end(BATON_BINARY, {"console", "--config", BATON_EXAMPLE_CONFIG, "--user", "ghost"});
  CHECK(user.status == 2);
  CHECK_THAT(user.err, Catch::Contains("--user ghost is not a member"));
}

TEST_CASE("a port already in use fails start-up with exit 1 and a hint", "[binary][cli]") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor taken(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = std::to_string(taken.local_endpoint().port());
  test::TempDir dir;
  const auto done =
      test::run_to_end(BATON_BINARY, {"serve", "--config", BATON_EXAMPLE_CONFIG, "--store",
                                      (dir / "b.db").string(), "--listen", "127.0.0.1:" + port});
  CHECK(done.status == 1);
  CHECK_THAT(done.err, Catch::Contains("cannot listen on 127.0.0.1:" + port) && Catch::Contains("--listen"));
}

TEST_CASE("a store that cannot be opened fails start-up with exit 1 and the reason", "[binary][cli]") {
  test::TempDir dir;
  std::filesystem::create_directory(dir / "folder.db");
  const auto done = test::run_to_end(BATON_BINARY, {"serve", "--config", BATON_EXAMPLE_CONFIG, "--store",
                                                    (dir / "folder.db").string(), "--listen", "127.0.0.1:0"});
  CHECK(done.status == 1);
  CHECK_THAT(done.err, Catch::Contains("baton: cannot open the store"));
}

TEST_CASE("migrate applies the schema and reports its version", "[binary][cli]") {
  test::TempDir dir;
  const std::vector<std::string> args{"migrate", "--config", BATON_EXAMPLE_CONFIG, "--store",
                                      (dir / "b.db").string()};
  const auto first = test::run_to_end(BATON_BINARY, args);
  CHECK(first.status == 0);
  CHECK_THAT(first.out, Catch::Contains("schema version " + test::schema_version_text()));
  CHECK_THAT(first.err, Catch::Contains("migrations_applied=" + test::schema_version_text()));
  const auto again = test::run_to_end(BATON_BINARY, args);
  CHECK_THAT(again.err, Catch::Contains("migrations_applied=0"));
}

TEST_CASE("version", "[binary][cli]") {
  const auto done = test::run_to_end(BATON_BINARY, {"version"});
  CHECK(done.status == 0);
  CHECK(done.out == "baton 0.1.0\n");
  CHECK(test::run_to_end(BATON_BINARY, {"--version"}).out == "baton 0.1.0\n");
}

TEST_CASE("schedule next prints fire instants in UTC, one a line, strictly after --from", "[binary][cli]") {
  const auto done = test::run_to_end(
      BATON_BINARY, {"schedule", "next", "every 2 weeks on thu 16:00 from 2026-11-26", "--tz", "Europe/Paris",
                     "--from", "2026-11-26T15:00:00Z", "--count", "3"});
  CHECK(done.status == 0);
  CHECK(done.out == "2026-12-10T15:00:00Z\n2026-12-24T15:00:00Z\n2027-01-07T15:00:00Z\n");
  // Across the spring-forward gap, by the rule the README states.
  const auto dst = test::run_to_end(BATON_BINARY, {"schedule", "next", "30 2 * * *", "--tz", "Europe/Paris",
                                                   "--from", "2027-03-27T00:00:00Z", "--count", "2"});
  CHECK(dst.out == "2027-03-27T01:30:00Z\n2027-03-28T01:00:00Z\n");
}

TEST_CASE("schedule next: a wrong schedule, zone or instant says what and exits 2", "[binary][cli]") {
  const auto schedule = test::run_to_end(BATON_BINARY, {"schedule", "next", "weekdays 25:00", "--tz", "UTC"});
  CHECK(schedule.status == 2);
  CHECK(schedule.out.empty());
  CHECK(schedule.err ==
        "baton: invalid schedule, column 10:\n"
        "  weekdays 25:00\n"
        "           ^ hour 25 is out of range 0-23\n");
  const auto zone =
      test::run_to_end(BATON_BINARY, {"schedule", "next", "daily 09:00", "--tz", "Europe/Pari"});
  CHECK(zone.status == 2);
  CHECK_THAT(zone.err, Catch::Contains("unknown time zone \"Europe/Pari\"; did you mean Europe/Paris?"));
  const auto from = test::run_to_end(
      BATON_BINARY, {"schedule", "next", "daily 09:00", "--tz", "UTC", "--from", "tomorrow"});
  CHECK(from.status == 2);
  CHECK_THAT(from.err, Catch::Contains("--from tomorrow is not an RFC 3339 instant"));
  const auto count =
      test::run_to_end(BATON_BINARY, {"schedule", "next", "daily 09:00", "--tz", "UTC", "--count", "0"});
  CHECK(count.status == 2);
}
