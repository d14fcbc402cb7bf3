// `baton export` and `baton import` through the real binary: a team's state written by a SQLite baton
// (KPI history, handoffs, messages, settings) moves to another store whole; the copy exports to the same
// file; a file cut short or a store already in use is refused with nothing imported. With the tests'
// PostgreSQL, the move the command is for: SQLite to PostgreSQL, where new handoffs number on.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support/binary.hpp"
#include "tests/support/postgres.hpp"
#include "tests/support/stores.hpp"

using namespace baton;

namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The example organisation, its store `store`, with the files it names beside it.
std::vector<std::string> on(const test::TempDir& dir, const std::string& store) {
  return {"--config", (dir / "examples" / "baton.yaml").string(), "--store", (dir / store).string()};
}

test::Completed baton_run(std::vector<std::string> args, const std::vector<std::string>& where,
                          const std::string& input = {}, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.end(), where.begin(), where.end());
  return test::run_to_end(BATON_BINARY, args, input, env);
}

// A SQLite store holding a little of everything a team leaves behind.
void fill(const test::TempDir& dir) {
  std::filesystem::copy(std::string(BATON_SOURCE_DIR) + "/deploy/examples", dir / "examples",
                        std::filesystem::copy_options::recursive);
  const auto csv =
      dir.write("sales.csv", "kpi,at,value\nrevenue,2026-11-02,6500.25\nrevenue,2026-11-03,4200\n");
  REQUIRE(baton_run({"kpi", "import", csv.string()}, on(dir, "a.db")).status == 0);
  // A day corrected: the old value goes to the history.
  const auto fix = dir.write("fix.csv", "kpi,at,value\nrevenue,2026-11-03,4300.1\n");
  REQUIRE(baton_run({"kpi", "import", fix.string()}, on(dir, "a.db")).status == 0);
  std::vector<std::string> console{"console", "--listen", "127.0.0.1:0"};
  const auto used = baton_run(console, on(dir, "a.db"),
                              "/baton handoff logistics \"Restock SKU-123\" due:+2d\n"
                              "/baton handoff it \"Fix the checkout\"\n"
                              "/baton language en\n"
                              "/baton off 2026-12-24 2026-12-26\n");
  INFO(used.err);
  REQUIRE(used.status == 0);
  REQUIRE_THAT(used.out, Catch::Contains("H-2"));
}

}  // namespace

TEST_CASE("export and import move a team's whole state to another store, or nothing of it",
          "[binary][cli][transfer]") {
  test::TempDir dir;
  fill(dir);

  const auto exported = baton_run({"export", "--output", (dir / "team.jsonl").string()}, on(dir, "a.db"));
  INFO(exported.err);
  REQUIRE(exported.status == 0);
  CHECK_THAT(exported.err, Catch::Contains("exported "));
  CHECK((std::filesystem::status(dir / "team.jsonl").permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  const std::string team = read(dir / "team.jsonl");
  CHECK_THAT(team, Catch::StartsWith(R"({"baton_export":1,"schema_version":)"));
  CHECK_THAT(team, Catch::Contains("Restock SKU-123"));
  CHECK_THAT(team, Catch::Contains("6500.25"));

  // Never over an existing file.
  const auto again = baton_run({"export", "--output", (dir / "team.jsonl").string()}, on(dir, "a.db"));
  CHECK(again.status == 2);
  CHECK_THAT(again.err, Catch::Contains("choose another name"));
  CHECK(read(dir / "team.jsonl") == team);

  // Into a new store: the copy exports to the very same file.
  const auto imported = baton_run({"import", (dir / "team.jsonl").string()}, on(dir, "b.db"));
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK_THAT(imported.out, Catch::Contains("imported "));
  const auto copy = baton_run({"export"}, on(dir, "b.db"));
  REQUIRE(copy.status == 0);
  CHECK(copy.out == team);

  // Not into a store already in use, and not from a file cut short: nothing is imported either way.
  const auto twice = baton_run({"import", (dir / "team.jsonl").string()}, on(dir, "b.db"));
  CHECK(twice.status == 2);
  CHECK_THAT(twice.err, Catch::Contains("already holds a team's state"));
  CHECK_THAT(twice.err, Catch::Contains("nothing was imported"));
  const auto cut = dir.write("cut.jsonl", team.substr(0, team.rfind("{\"end\"")));
  const auto short_file = baton_run({"import", cut.string()}, on(dir, "c.db"));
  CHECK(short_file.status == 2);
  CHECK_THAT(short_file.err, Catch::Contains("cut short"));
  const auto empty = baton_run({"export"}, on(dir, "c.db"));
  CHECK_THAT(empty.out, Catch::Contains(R"({"end":true,"rows":0})"));
  const auto garbage = dir.write("garbage.jsonl", "kpi,at,value\n");
  const auto not_export = baton_run({"import", garbage.string()}, on(dir, "d.db"));
  CHECK(not_export.status == 2);
  CHECK_THAT(not_export.err, Catch::Contains("line 1: not a JSON object: is this a baton export?"));
}

TEST_CASE("from SQLite to PostgreSQL: the state moves whole and new handoffs number after it",
          "[binary][postgres][transfer]") {
  const auto server = test::postgres_server();
  if (!server) return;
  test::TempDir dir;
  fill(dir);
  // The same config, its store now PostgreSQL: --store still reads the old file.
  const auto config = dir / "examples" / "baton.yaml";
  const std::string sqlite_store =
      "store:\n  # Relative paths are relative to this file. In production: "
      "/var/lib/baton/baton.db\n  path: baton.db\n";
  std::string text = read(config);
  REQUIRE(text.find(sqlite_store) != std::string::npos);
  text.replace(text.find(sqlite_store), sqlite_store.size(),
               "store:\n  url: " + server->url +
                   "\n  password_env: BATON_DB_PASSWORD\n  schema: " + test::schema_for(dir) + "\n");
  dir.write("examples/baton.yaml", text);
  const std::map<std::string, std::string> env{{"BATON_DB_PASSWORD", server->password}};
  const std::vector<std::string> postgres{"--config", config.string()};

  REQUIRE(baton_run({"export", "--output", (dir / "team.jsonl").string()}, on(dir, "a.db"), "", env).status ==
          0);
  const auto imported = baton_run({"import", (dir / "team.jsonl").string()}, postgres, "", env);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK_THAT(imported.out, Catch::Contains("(schema " + test::schema_for(dir) + ")"));
  const auto copy = baton_run({"export"}, postgres, "", env);
  REQUIRE(copy.status == 0);
  // The same rows; only the header says where they came from.
  const std::string team = read(dir / "team.jsonl");
  CHECK(copy.out.substr(copy.out.find('\n')) == team.substr(team.find('\n')));
  CHECK_THAT(copy.out, Catch::StartsWith(R"({"baton_export":1,"schema_version":)"));
  CHECK_THAT(copy.out, Catch::Contains(R"("source":"PostgreSQL")"));

  const auto next = baton_run({"console", "--listen", "127.0.0.1:0"}, postgres,
                              "/baton handoff marketing \"Brief for Black Friday\"\n", env);
  INFO(next.err);
  CHECK(next.status == 0);
  CHECK_THAT(next.out, Catch::Contains("H-3"));
  CHECK_THAT(next.out + next.err + imported.out + imported.err, !Catch::Contains(server->password));
}
