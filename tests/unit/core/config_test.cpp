// Config errors: every kind is reported with the line it is on, all at once, with a hint.
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include "bot/core/config/list_entries.hpp"
#include "bot/core/config/load.hpp"
#include "bot/core/log/redact.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;

namespace {

Environment env_with(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

ConfigResult parse(const std::string& yaml, const Environment& env = env_with({})) {
  return parse_config(yaml, "/etc/baton/baton.yaml", env);
}

// The one error expected: on `line`, its message containing `text`.
ConfigDiagnostic only_error(const ConfigResult& result, int line, const std::string& text) {
  INFO(format_diagnostics("baton.yaml", result.errors));
  REQUIRE_FALSE(result.config.has_value());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].line == line);
  CHECK_THAT(result.errors[0].message, Catch::Contains(text));
  return result.errors[0];
}

constexpr const char* kAdmin = "members:\n  - {key: ada, name: Ada, role: admin, timezone: Europe/Paris}\n";

}  // namespace

TEST_CASE("a valid config is read into typed settings", "[config]") {
  const Config config = test::team_config();
  CHECK(config.org.company() == "Test Shop");
  CHECK(config.org.members().size() == 5);
  CHECK(config.org.departments().size() == 2);
  const Member* marc = config.org.member("marc");
  REQUIRE(marc != nullptr);
  CHECK(marc->role == Role::manager);
  CHECK(marc->locale == Locale::fr);
  CHECK(marc->zone->name() == "Europe/Paris");  // the default zone
  CHECK(config.org.member("sam")->zone->name() == "America/Montreal");
  CHECK(config.org.member("ada")->locale == Locale::en);  // the default locale
  CHECK(config.org.member_on(Platform::slack, "U0SAMSTAFF") == config.org.member("sam"));
  const Department* logistics = config.org.department("Logistique");
  REQUIRE(logistics != nullptr);
  CHECK(logistics->key == "logistics");
  CHECK(logistics->channels.at(Platform::console) == "#logistics");
  CHECK(config.org.department("customer-service")->channels.at(Platform::console) == "#customer-service");
  CHECK(config.console.user == "ada");  // no console.user: the first admin
  CHECK(config.server.listen.text() == "127.0.0.1:8080");
  CHECK(config.server.body_limit == 64 * 1024);
  CHECK(config.store.path == std::filesystem::path("/tmp/baton.db"));
  CHECK_FALSE(config.slack.enabled);
}

TEST_CASE("departments are found by key or name in either language, and each member's in config order",
          "[config][org]") {
  const auto department = [](std::string key, std::string en, std::string fr,
                             std::vector<std::string> members) {
    Department d;
    d.key = std::move(key);
    d.name = {std::move(en), std::move(fr)};
    d.members = std::move(members);
    return d;
  };
  Member ada;
  ada.key = "ada";
  Member sam;
  sam.key = "sam";
  const OrgMap org("Test Shop", {ada, sam},
                   {department("logistics", "Logistics", "Logistique", {"ada"}),
                    department("customer-service", "Customer service", "Service client", {"sam", "ada"}),
                    // A name another department already has: the first one keeps it.
                    department("support", "Logistics", "", {"sam"})});
  CHECK(org.department("logistics")->key == "logistics");
  CHECK(org.department("LOGISTIQUE")->key == "logistics");
  CHECK(org.department("Service Client")->key == "customer-service");
  CHECK(org.department("support")->key == "support");
  CHECK(org.department("Logistics")->key == "logistics");
  CHECK(org.department("marketing") == nullptr);
  CHECK(org.department("") == nullptr);  // an empty name names no department
  const auto keys = [&](std::string_view member) {
    std::vector<std::string> out;
    for (const Department* d : org.departments_of(member))
      out.push_back(d->key);
    return out;
  };
  CHECK(keys("ada") == std::vector<std::string>{"logistics", "customer-service"});
  CHECK(keys("sam") == std::vector<std::string>{"customer-service", "support"});
  CHECK(keys("nobody").empty());
}

TEST_CASE("server, store and log settings are read with their units", "[config]") {
  const auto result = parse(std::string(kAdmin) + R"(server:
  listen: "[::1]:9000"
  body_limit: 1MiB
  header_timeout: 500ms
  shutdown_timeout: 3s
  threads: 4
store:
  path: data/baton.db
log:
  format: logfmt
  level: debug
)");
  INFO(format_diagnostics("baton.yaml", result.errors));
  REQUIRE(result.config);
  CHECK(result.config->server.listen.host == "::1");
  CHECK(result.config->server.listen.port == 9000);
  CHECK(result.config->server.listen.text() == "[::1]:9000");
  CHECK(result.config->server.body_limit == 1024 * 1024);
  CHECK(result.config->server.header_timeout == std::chrono::milliseconds(500));
  CHECK(result.config->server.shutdown_timeout == std::chrono::seconds(3));
  CHECK(result.config->server.threads == 4);
  CHECK(result.config->store.path == std::filesystem::path("/etc/baton/data/baton.db"));  // beside the config
  CHECK(result.config->log.format == LogFormat::logfmt);
  CHECK(result.config->log.level == LogLevel::debug);
}

TEST_CASE("rate limits: 30 commands a minute and 600 API requests by default, set or turned off",
          "[config][limits]") {
  const auto defaults = parse(kAdmin);
  REQUIRE(defaults.config);
  CHECK(defaults.config->rate_limits.commands == RateLimit{30, std::chrono::minutes(1)});
  CHECK(defaults.config->rate_limits.kpi_api == RateLimit{600, std::chrono::minutes(1)});

  const auto set = parse(std::string(kAdmin) + "rate_limits:\n  commands: 5/s\n  kpi_api: off\n");
  INFO(format_diagnostics("baton.yaml", set.errors));
  REQUIRE(set.config);
  CHECK(set.config->rate_limits.commands == RateLimit{5, std::chrono::seconds(1)});
  CHECK_FALSE(set.config->rate_limits.kpi_api.on());

  const ConfigDiagnostic bad =
      only_error(parse(std::string(kAdmin) + "rate_limits:\n  commands: 30 per minute\n"), 4,
                 "rate_limits.commands is not a rate: \"30 per minute\"");
  CHECK(bad.hint == "write it as a count per s, min or h (30/min), from 1 to 1000000, or off");
  only_error(parse(std::string(kAdmin) + "rate_limits:\n  api: 5/s\n"), 4, "api");
}

TEST_CASE("a PostgreSQL store: its URL, its password from the environment, its schema", "[config][store]") {
  const auto result = parse(std::string(kAdmin) + R"(store:
  url: postgres://baton@db.internal:5432/baton?sslmode=verify-full
  password_env: BATON_DB_PASSWORD
  schema: team_paris
)",
                            env_with({{"BATON_DB_PASSWORD", "s3cret-db-password"}}));
  INFO(format_diagnostics("baton.yaml", result.errors));
  REQUIRE(result.config);
  CHECK(result.config->store.postgres());
  CHECK(result.config->store.url == "postgres://baton@db.internal:5432/baton?sslmode=verify-full");
  CHECK(result.config->store.password.reveal() == "s3cret-db-password");
  CHECK(result.config->store.schema == "team_paris");

  // A password in the URL is refused, and not repeated in the message.
  const std::string with_password =
      std::string(kAdmin) + "store:\n  url: postgres://baton:hunter2@db/baton\n";
  const auto refused = parse(with_password);
  REQUIRE_FALSE(refused.config);
  CHECK_THAT(format_diagnostics("baton.yaml", refused.errors), Catch::Contains("store.password_env"));
  CHECK_THAT(format_diagnostics("baton.yaml", refused.errors), !Catch::Contains("hunter2"));
  // A file and a server at once, a schema without a server, a schema name PostgreSQL would need quoted.
  CHECK_FALSE(parse(std::string(kAdmin) + "store:\n  path: b.db\n  url: postgres://baton@db/baton\n").config);
  CHECK_FALSE(parse(std::string(kAdmin) + "store:\n  schema: team_paris\n").config);
  const auto bad_schema =
      parse(std::string(kAdmin) + "store:\n  url: postgres://baton@db/baton\n  schema: Team-Paris\n");
  REQUIRE_FALSE(bad_schema.config);
  CHECK_THAT(format_diagnostics("baton.yaml", bad_schema.errors), Catch::Contains("lower-case letters"));
  // The password itself written in the config is refused: secrets come from the environment or a file.
  CHECK_FALSE(
      parse(std::string(kAdmin) + "store:\n  url: postgres://baton@db/baton\n  password: x\n").config);
}

TEST_CASE("several instances: connections, the lease and the instance's name, for PostgreSQL only",
          "[config][store]") {
  const std::string postgres = std::string(kAdmin) + "store:\n  url: postgres://baton@db/baton\n";
  const auto defaults = parse(postgres);
  REQUIRE(defaults.config);
  CHECK(defaults.config->store.connections == 4);
  CHECK(defaults.config->store.lease == std::chrono::seconds(30));
  CHECK(defaults.config->store.instance.empty());  // the host and port, when baton starts

  const auto set = parse(postgres + "  connections: 8\n  lease: 1m\n  instance: web-2:8080\n");
  INFO(format_diagnostics("baton.yaml", set.errors));
  REQUIRE(set.config);
  CHECK(set.config->store.connections == 8);
  CHECK(set.config->store.lease == std::chrono::minutes(1));
  CHECK(set.config->store.instance == "web-2:8080");

  only_error(parse(postgres + "  connections: 0\n"), 5,
             "store.connections must be a whole number from 1 to 64");
  only_error(parse(postgres + "  lease: 1s\n"), 5, "store.lease must be between 5s and 10m");
  only_error(parse(postgres + "  instance: web 2\n"), 5, "store.instance must be 1 to 100 characters");
  // A claim shorter than a send could lapse while its message is on its way.
  const auto short_lease = parse(postgres + "  lease: 10s\nhttp_client: {timeout: 10s}\n");
  REQUIRE_FALSE(short_lease.config);
  CHECK_THAT(format_diagnostics("baton.yaml", short_lease.errors),
             Catch::Contains("store.lease (10s) must be longer than http_client.timeout (10s) plus "
                             "slack.channel_interval (1s)"));
  // A SQLite file has one baton: there is nothing to share.
  only_error(parse(std::string(kAdmin) + "store:\n  lease: 10s\n"), 4,
             "store.lease is for PostgreSQL: give store.url too");
}

TEST_CASE("broken YAML is reported with its line", "[config]") {
  const auto result = parse("members:\n  - key: ada\n    name: [unclosed\n");
  REQUIRE_FALSE(result.errors.empty());
  CHECK(result.errors[0].line >= 3);
  CHECK_THAT(result.errors[0].message, Catch::Contains("not valid YAML"));
}

TEST_CASE("an unknown key is an error with a suggestion", "[config]") {
  const auto top =
      only_error(parse(std::string(kAdmin) + "sever:\n  listen: 127.0.0.1:1\n"), 3, "unknown key \"sever\"");
  CHECK_THAT(top.hint, Catch::Contains("\"server\""));
  const auto nested =
      only_error(parse(std::string(kAdmin) + "server:\n  listn: 127.0.0.1:1\n"), 4, "\"listn\"");
  CHECK_THAT(nested.hint, Catch::Contains("\"listen\""));
  const auto member = only_error(
      parse("members:\n  - {key: ada, name: Ada, role: admin, timezone: Europe/Paris, locle: fr}\n"), 2,
      "\"locle\"");
  CHECK_THAT(member.hint, Catch::Contains("\"locale\""));
}

TEST_CASE("a key given twice is an error", "[config]") {
  only_error(parse(std::string(kAdmin) + "log:\n  level: info\n  level: debug\n"), 5, "appears twice");
}

TEST_CASE("a value of the wrong kind is an error", "[config]") {
  only_error(parse(std::string(kAdmin) + "server: 8080\n"), 3, "server must be a map");
  only_error(parse(std::string(kAdmin) + "server:\n  listen: [a, b]\n"), 4, "single value");
  only_error(parse("members: ada\n"), 1, "members must be a list");
}

TEST_CASE("values outside their allowed set are errors naming the allowed ones", "[config]") {
  only_error(parse(std::string(kAdmin) + "  - {key: bob, name: Bob, role: boss, timezone: Europe/Paris}\n"),
             3, "must be staff, manager or admin");
  const auto locale =
      parse(std::string(kAdmin) + "  - {key: bob, name: Bob, locale: de, timezone: Europe/Paris}\n");
  only_error(locale, 3, "must be en or fr");
  only_error(parse(std::string(kAdmin) + "log:\n  format: xml\n"), 4, "json or logfmt");
  only_error(parse(std::string(kAdmin) + "log:\n  level: loud\n"), 4, "debug, info, warn or error");
  only_error(parse(std::string(kAdmin) + "server:\n  header_timeout: soon\n"), 4, "not a duration");
  only_error(parse(std::string(kAdmin) + "server:\n  header_timeout: 2h\n"), 4, "must be between");
  only_error(parse(std::string(kAdmin) + "server:\n  body_limit: 10\n"), 4, "between 1KiB and 16MiB");
  only_error(parse(std::string(kAdmin) + "server:\n  listen: localhost\n"), 4, "not an address and port");
  only_error(parse(std::string(kAdmin) + "server:\n  threads: 0\n"), 4, "from 1 to 64");
  only_error(parse(std::string(kAdmin) + "slack:\n  enabled: yes please\n"), 4, "true or false");
}

TEST_CASE("an unknown time zone is an error with the closest real one", "[config]") {
  const auto e =
      only_error(parse("members:\n  - {key: ada, name: Ada, role: admin, timezone: Europe/Pari}\n"), 2,
                 "unknown time zone \"Europe/Pari\"");
  CHECK_THAT(e.hint, Catch::Contains("Europe/Paris"));
  only_error(parse("members:\n  - {key: ada, name: Ada, role: admin}\n"), 2, "no timezone");
}

TEST_CASE("missing required values are errors with a hint", "[config]") {
  const auto e =
      only_error(parse("timezone: UTC\nmembers:\n  - key: ada\n    role: admin\n"), 3, "needs name");
  CHECK_FALSE(e.hint.empty());
  only_error(parse("timezone: UTC\n"), 1, "no members");
  only_error(parse("timezone: UTC\nmembers:\n  - {key: Ada!, name: Ada, role: admin}\n"), 3,
             "not a valid key");
}

TEST_CASE("references between members and departments are checked", "[config]") {
  const std::string members =
      "timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin}\n  - {key: bob, name: Bob}\n";
  SECTION("a referent must be a member") {
    const auto e =
        only_error(parse(members + "departments:\n  - {key: it, name: IT, referent: adda, members: [ada]}\n"),
                   6, "\"adda\", who is not in members");
    CHECK_THAT(e.hint, Catch::Contains("\"ada\""));
  }
  SECTION("a referent must be among the department's members") {
    const auto e =
        only_error(parse(members + "departments:\n  - {key: it, name: IT, referent: bob, members: [ada]}\n"),
                   6, "not among its members");
    CHECK_THAT(e.hint, Catch::Contains("add bob"));
  }
  SECTION("a department without members says so, its referent or not (found by fuzzing: it threw)") {
    only_error(parse(members + "departments:\n  - {key: it, name: IT, referent: ada}\n"), 6,
               "department it needs members");
  }
  SECTION("department members must exist") {
    only_error(parse(members +
                     "departments:\n  - key: it\n    name: IT\n    referent: ada\n    members: [ada, zoe]\n"),
               9, "\"zoe\", who is not in members");
  }
  SECTION("console.user must be a member") {
    only_error(parse(members + "console:\n  user: bobb\n"), 6, "console.user \"bobb\" is not in members");
  }
  SECTION("keys are unique") {
    only_error(parse(members + "  - {key: bob, name: Robert}\n"), 5, "listed twice");
    only_error(parse(members + "departments:\n  - {key: it, name: IT, referent: ada, members: [ada]}\n"
                               "  - {key: it, name: IT2, referent: ada, members: [ada]}\n"),
               7, "department \"it\" is listed twice");
  }
}

TEST_CASE("someone must be admin", "[config]") {
  only_error(parse("timezone: UTC\nmembers:\n  - {key: bob, name: Bob}\n"), 3, "no member has role admin");
}

TEST_CASE("an enabled platform needs a channel in every department and real ids", "[config]") {
  const std::string base =
      "timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin}\n"
      "departments:\n  - {key: it, name: IT, referent: ada, members: [ada]}\n";
  const auto env = env_with({{"SIGNING", "0123456789abcdef"}, {"BOT", "xoxb-1234-5678-abcdefgh"}});
  only_error(parse(base + "slack:\n  signing_secret_env: SIGNING\n  bot_token_env: BOT\n", env), 5,
             "has no channel on slack, which is enabled");
  // Disabled: no channel needed, no secret read.
  CHECK(parse(base + "slack:\n  enabled: false\n").config.has_value());
  only_error(parse("timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin, ids: {slack: ada}}\n"), 3,
             "not a Slack user id");
  only_error(parse("timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin}\n"
                   "departments:\n  - {key: it, name: IT, referent: ada, members: [ada], channels: {slack: "
                   "general}}\n"),
             5, "not a Slack channel id");
  only_error(
      parse("timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin, ids: {slack: U0ADAADMIN}}\n"
            "  - {key: bob, name: Bob, ids: {slack: U0ADAADMIN}}\n"),
      4, "have the same slack id");
}

TEST_CASE("slack.team_id names the one workspace served, in Slack's shape", "[config][tenancy]") {
  const std::string base =
      "timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin}\n"
      "departments:\n  - {key: it, name: IT, referent: ada, members: [ada], channels: {slack: C0123ABCD}}\n";
  const auto env = env_with({{"SIGNING", "0123456789abcdef"}, {"BOT", "xoxb-1234-5678-abcdefgh"}});
  const std::string slack = "slack:\n  signing_secret_env: SIGNING\n  bot_token_env: BOT\n";
  const auto served = parse(base + slack + "  team_id: T012AB3CD\n", env);
  INFO(format_diagnostics("baton.yaml", served.errors));
  REQUIRE(served.config);
  CHECK(served.config->slack.team_id == "T012AB3CD");
  CHECK(parse(base + slack, env).config->slack.team_id.empty());
  const ConfigDiagnostic bad = only_error(parse(base + slack + "  team_id: acme.slack.com\n", env), 9,
                                          "slack.team_id is not a Slack workspace id: \"acme.slack.com\"");
  CHECK_THAT(bad.hint, Catch::Contains("starts with T"));
}

TEST_CASE("Teams: a department is reached on one platform or another, and ids have Teams' shapes",
          "[config][teams]") {
  const std::string members =
      "timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin, ids: {slack: U0ADAADMIN}}\n"
      "  - {key: bob, name: Bob, ids: {teams: \"29:1bob\"}}\n";
  const auto env =
      env_with({{"SIGNING", "0123456789abcdef"},
                {"BOT", "xoxb-1234-5678-abcdefgh"},
                {"TEAMS_WEBHOOK_SECRET", "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA="},
                {"MICROSOFT_APP_ID", "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"},
                {"MICROSOFT_APP_PASSWORD", "app-password-123"},
                {"LOGISTICS_WORKFLOW", "https://prod.westeurope.logic.azure.com/workflows/1/run?sig=x"}});
  const std::string both =
      "slack:\n  signing_secret_env: SIGNING\n  bot_token_env: BOT\n"
      "teams:\n  webhook_token_env: TEAMS_WEBHOOK_SECRET\n  app_id_env: MICROSOFT_APP_ID\n"
      "  app_password_env: MICROSOFT_APP_PASSWORD\n";
  SECTION("marketing on Slack, logistics on Teams: one baton serves both") {
    const auto result =
        parse(members + both +
                  "departments:\n"
                  "  - {key: marketing, name: M, referent: ada, members: [ada], channels: {slack: "
                  "C0MARKETIN}}\n"
                  "  - {key: logistics, name: L, referent: bob, members: [bob], channels: {teams: "
                  "{id: \"19:log@thread.tacv2\", workflow_url_env: LOGISTICS_WORKFLOW}}}\n",
              env);
    REQUIRE(result.config.has_value());
    const TeamsConfig& teams = result.config->teams;
    CHECK(teams.enabled);
    CHECK(teams.bot());
    CHECK(teams.app_id == "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f");
    CHECK(teams.workflow_urls.at("19:log@thread.tacv2").reveal().starts_with("https://prod."));
    CHECK(result.config->org.department("logistics")->channels.at(Platform::teams) == "19:log@thread.tacv2");
    CHECK(result.config->org.department("marketing")->channels.count(Platform::teams) == 0);
  }
  SECTION("a channel with a Workflows webhook alone is known by its department") {
    const auto result =
        parse(members +
                  "teams:\n  webhook_token_env: TEAMS_WEBHOOK_SECRET\n"
                  "departments:\n  - {key: logistics, name: L, referent: bob, members: [bob], "
                  "channels: {teams: {workflow_url_env: LOGISTICS_WORKFLOW}}}\n",
              env);
    REQUIRE(result.config.has_value());
    CHECK(result.config->org.department("logistics")->channels.at(Platform::teams) == "department:logistics");
    CHECK(result.config->teams.workflow_urls.count("department:logistics") == 1);
  }
  SECTION("a department on neither enabled platform") {
    only_error(
        parse(members + both + "departments:\n  - {key: it, name: IT, referent: ada, members: [ada]}\n", env),
        13, "has no channel on slack or teams, which are enabled");
  }
  SECTION("shapes") {
    only_error(parse("timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin, ids: {teams: ada}}\n"),
               3, "not a Teams user id");
    only_error(
        parse(members + "teams:\n  webhook_token_env: TEAMS_WEBHOOK_SECRET\n"
                        "departments:\n  - {key: it, name: IT, referent: ada, members: [ada], channels: "
                        "{teams: general}}\n",
              env),
        8, "is not a Teams channel id");
    only_error(
        parse(members + "teams:\n  app_id: not-a-guid\n  app_password_env: MICROSOFT_APP_PASSWORD\n", env), 6,
        "is not a GUID");
    only_error(parse(members + "teams:\n  app_id_env: MICROSOFT_APP_ID\n", env), 6,
               "app_id but no app_password");
    only_error(parse(members + "teams:\n  webhook_token_env: BOT\n", env), 6, "is not base64");
  }
  SECTION("enabled with no way in or out") {
    only_error(parse(members + "teams:\n  enabled: true\n", env), 6, "has no way in or out");
  }
  SECTION("secrets stay out of the file") {
    only_error(parse(members + "teams:\n  app_password: hunter2\n", env), 6, "app_password");
  }
}

TEST_CASE("secrets come from the environment or a file, never from the config", "[config][secrets]") {
  const std::string base = std::string(kAdmin);
  SECTION("a secret written in the file is refused with the way to do it") {
    const auto e = only_error(parse(base + "slack:\n  enabled: false\n  bot_token: xoxb-123\n"), 5,
                              "cannot be written in the config file");
    CHECK_THAT(e.hint, Catch::Contains("bot_token_env") && Catch::Contains("bot_token_file"));
  }
  SECTION("from the environment") {
    const auto result =
        parse(base + "slack:\n  signing_secret_env: SIGNING\n  bot_token_env: BOT\n",
              env_with({{"SIGNING", "8f742231b10e8888abcd99yyyzzz85a5"}, {"BOT", "xoxb-111-222-abc"}}));
    INFO(format_diagnostics("baton.yaml", result.errors));
    REQUIRE(result.config);
    CHECK(result.config->slack.enabled);
    CHECK(result.config->slack.signing_secret.reveal() == "8f742231b10e8888abcd99yyyzzz85a5");
    CHECK(result.config->slack.signing_secret.origin() == "env SIGNING");
    // Loaded secrets are hidden from every log line from now on.
    CHECK(redact("the secret is 8f742231b10e8888abcd99yyyzzz85a5.") == "the secret is [redacted].");
  }
  SECTION("a variable that is not set is an error naming it") {
    const auto e = only_error(parse(base + "slack:\n  signing_secret_env: NOPE\n  bot_token_env: BOT\n",
                                    env_with({{"BOT", "xoxb-1-2-3"}})),
                              4, "environment variable NOPE");
    CHECK_THAT(e.hint, Catch::Contains("export NOPE"));
  }
  SECTION("from a file, trimmed") {
    test::TempDir dir;
    const auto file = dir.write("token", "xoxb-from-a-file-123\n");
    const auto result = parse(base + "slack:\n  signing_secret_file: " + file.string() +
                              "\n  bot_token_file: " + file.string() + "\n");
    REQUIRE(result.config);
    CHECK(result.config->slack.bot_token.reveal() == "xoxb-from-a-file-123");
  }
  SECTION("a secret file its group or others may read or change is used, with a warning and the fix") {
    namespace fs = std::filesystem;
    test::TempDir dir;
    const auto shared = dir.write("signing", "8f742231b10e8888abcd99yyyzzz85a5\n");
    const auto own = dir.write("bot", "xoxb-own-file-456\n");
    fs::permissions(shared, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    fs::permissions(own, fs::perms::owner_read | fs::perms::owner_write);
    const std::string yaml = base + "slack:\n  signing_secret_file: " + shared.string() +
                             "\n  bot_token_file: " + own.string() + "\n";
    const auto result = parse(yaml);
    REQUIRE(result.config);
    CHECK(result.errors.empty());
    REQUIRE(result.warnings.size() == 1);  // the file only its owner may read is fine
    CHECK(result.warnings[0].line == 4);
    CHECK(result.warnings[0].message == "the secret file " + shared.string() +
                                            " (for slack.signing_secret) has permissions 0640: users other "
                                            "than its owner may read it");
    CHECK(result.warnings[0].hint ==
          "chmod 600 " + shared.string() + " (the user baton runs as should own it)");
    const std::string shown = format_diagnostics("baton.yaml", result.warnings, "warning");
    CHECK_THAT(shown, Catch::StartsWith("baton.yaml:4:") && Catch::Contains(": warning: the secret file") &&
                          !Catch::Contains("8f742231"));

    fs::permissions(shared, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_write);
    const auto writable = parse(yaml);
    REQUIRE(writable.warnings.size() == 1);
    CHECK_THAT(writable.warnings[0].message, Catch::EndsWith("has permissions 0602: users other than its "
                                                             "owner may change it"));

    fs::permissions(shared, fs::perms::owner_read);
    CHECK(parse(yaml).warnings.empty());
  }
  SECTION("a missing or empty file is an error") {
    test::TempDir dir;
    const auto empty = dir.write("empty", "\n");
    const auto result = parse(base + "slack:\n  signing_secret_file: " + (dir / "missing").string() +
                              "\n  bot_token_file: " + empty.string() + "\n");
    REQUIRE(result.errors.size() == 2);
    CHECK_THAT(result.errors[0].message, Catch::Contains("cannot read"));
    CHECK_THAT(result.errors[1].message, Catch::Contains("is empty"));
  }
  SECTION("both a variable and a file is ambiguous") {
    only_error(parse(base + "slack:\n  enabled: false\n  bot_token_env: A\n  bot_token_file: /b\n"), 6,
               "names bot_token twice");
  }
  SECTION("diagnostics never show a secret's value") {
    // A token pasted where a key goes is echoed by the unknown-key error: redacted by its shape.
    const auto result = parse(base + "slack:\n  enabled: false\n  xoxb-777-888-zzz: oops\n");
    const std::string shown = format_diagnostics("baton.yaml", result.errors);
    CHECK_THAT(shown, Catch::Contains("unknown key") && !Catch::Contains("xoxb-777"));
  }
}

TEST_CASE("every error in a file is reported in one pass, in line order", "[config]") {
  const auto result = parse(
      "timezone: Mars/Olympus\n"
      "members:\n"
      "  - {key: ada, name: Ada, role: admin, locale: de}\n"
      "lgo:\n"
      "  level: info\n");
  INFO(format_diagnostics("baton.yaml", result.errors));
  REQUIRE(result.errors.size() == 3);
  CHECK(result.errors[0].line == 1);
  CHECK(result.errors[1].line == 3);
  CHECK(result.errors[2].line == 4);
  const std::string shown = format_diagnostics("baton.yaml", result.errors);
  CHECK_THAT(shown, Catch::StartsWith("baton.yaml:1:11: error: unknown time zone"));
  CHECK_THAT(shown, Catch::Contains("  hint: did you mean \"log\"?"));
}

TEST_CASE("the file itself: missing, too large", "[config]") {
  test::TempDir dir;
  const auto missing = load_config(dir / "nope.yaml", env_with({}));
  REQUIRE(missing.errors.size() == 1);
  CHECK_THAT(missing.errors[0].message, Catch::Contains("cannot read the config file"));
  const auto big = dir.write("big.yaml", std::string(2 * 1024 * 1024, '#'));
  const auto too_large = load_config(big, env_with({}));
  REQUIRE(too_large.errors.size() == 1);
  CHECK_THAT(too_large.errors[0].message, Catch::Contains("1 MiB at most"));
}

TEST_CASE("the example config is valid", "[config]") {
  const auto result =
      load_config(std::filesystem::path(BATON_SOURCE_DIR) / "deploy/examples/baton.yaml", env_with({}));
  INFO(format_diagnostics("baton.yaml", result.errors));
  REQUIRE(result.config);
  CHECK(result.config->org.departments().size() == 4);
  CHECK(result.config->org.members().size() >= 10);
  std::set<std::string> zones;
  std::set<Locale> locales;
  for (const Member& m : result.config->org.members()) {
    zones.insert(std::string(m.zone->name()));
    locales.insert(m.locale);
  }
  CHECK(zones.size() >= 2);
  CHECK(locales.size() == 2);
}

TEST_CASE("Slack's mode follows the app token unless it is forced", "[config][slack]") {
  const std::string base =
      std::string(kAdmin) +
      "slack:\n  signing_secret_env: SIGNING\n  bot_token_env: BOT\n  app_token_env: APP\n";
  const auto both =
      env_with({{"SIGNING", "signing-secret-0123456789"}, {"BOT", "xoxb-1-2-3"}, {"APP", "xapp-1-A-1-abc"}});
  const auto http_only = env_with({{"SIGNING", "signing-secret-0123456789"}, {"BOT", "xoxb-1-2-3"}});
  CHECK(parse(base, both).config->slack.socket_mode());
  const auto http = parse(base, http_only);
  REQUIRE(http.config);
  CHECK_FALSE(http.config->slack.socket_mode());
  CHECK(http.config->slack.signing_secret.reveal() == "signing-secret-0123456789");
  only_error(parse(base + "  mode: socket\n", http_only), 6, "environment variable APP");
  CHECK_FALSE(parse(base + "  mode: http\n", both).config->slack.socket_mode());
  only_error(parse(base + "  mode: carrier-pigeon\n", both), 7, "must be auto, http or socket");
  // The wrong kind of token is caught with the way to the right one.
  const auto e = only_error(
      parse(base, env_with({{"SIGNING", "signing-secret-0123456789"}, {"BOT", "xoxp-user-token-1"}})), 5,
      "does not start with xoxb-");
  CHECK_THAT(e.hint, Catch::Contains("Bot User OAuth Token"));
}

namespace {

// 700 members of four lines each, read in slices of 256 when the file allows it: member i's first line
// is 3 + 4i. `head` is the first line. Errors: member 256 (the second slice's first) has locale de,
// member 511 (its last) an unknown calendar, member 650 the Slack id of member 5; after the list,
// log has an unknown key.
std::string long_members(const std::string& head) {
  std::string yaml = head + "\nmembers:\n";
  for (int i = 0; i < 700; ++i) {
    const std::string n = std::to_string(100000 + i).substr(1);
    yaml += "  - key: m" + n + "\n    name: Member " + n + (i == 0 ? "\n    role: admin" : "") +
            "\n    ids: {slack: U" + (i == 650 ? std::to_string(100000 + 5).substr(1) : n) + "0000}\n";
    if (i != 0)
      yaml += i == 256 ? "    locale: de\n" : i == 511 ? "    calendar: nope\n" : "    locale: en\n";
  }
  return yaml + "# the end of members\nlog:\n  lvel: info\n";
}

std::vector<std::tuple<int, int, std::string>> places(const ConfigResult& result) {
  std::vector<std::tuple<int, int, std::string>> out;
  for (const ConfigDiagnostic& e : result.errors)
    out.emplace_back(e.line, e.column, e.message);
  return out;
}

}  // namespace

TEST_CASE("a long members list is read a slice at a time, each error at its own line and column",
          "[config]") {
  const auto member_line = [](int i) { return 3 + 4 * i; };
  const auto sliced = parse(long_members("timezone: UTC"));
  INFO(format_diagnostics("baton.yaml", sliced.errors));
  REQUIRE(sliced.errors.size() == 4);
  CHECK(sliced.errors[0].line == member_line(256) + 3);
  CHECK(sliced.errors[0].column == 13);
  CHECK_THAT(sliced.errors[0].message, Catch::Contains("member m00256.locale must be en or fr"));
  CHECK(sliced.errors[1].line == member_line(511) + 3);
  CHECK(sliced.errors[1].column == 15);
  CHECK_THAT(sliced.errors[1].message, Catch::Contains("member m00511.calendar \"nope\""));
  CHECK(sliced.errors[2].line == member_line(650) + 2);
  CHECK(sliced.errors[2].column == 10);
  CHECK_THAT(sliced.errors[2].message, Catch::Contains("members m00005 and m00650 have the same slack id"));
  CHECK(sliced.errors[3].line == member_line(700) + 2);
  CHECK_THAT(sliced.errors[3].message, Catch::Contains("unknown key \"lvel\""));

  // An anchor anywhere makes the file be read whole: the same errors, at the same places.
  const auto whole = parse(long_members("timezone: &zone UTC"));
  CHECK(places(whole) == places(sliced));
}

TEST_CASE("slicing a list: each slice's entries with the lines to add to their marks", "[config]") {
  using config_detail::ListEntries;
  const std::string yaml = long_members("timezone: UTC");
  auto sliced = ListEntries::slice(yaml, "members", 256);
  REQUIRE(sliced.has_value());
  CHECK(sliced->list.size() == 700);
  CHECK(sliced->list.mark().line == 2);
  // The rest keeps every line, with members: empty.
  CHECK(std::count(sliced->rest.begin(), sliced->rest.end(), '\n') ==
        std::count(yaml.begin(), yaml.end(), '\n'));
  CHECK(YAML::Load(sliced->rest)["members"].IsNull());
  CHECK(YAML::Load(sliced->rest)["log"]["lvel"].Mark().line == 3 + 4 * 700 + 1);
  int shift = 0;
  std::vector<int> lines;
  std::vector<std::string> keys;
  sliced->list.for_each(shift, [&](const YAML::Node& entry, std::size_t index) {
    CHECK(index == keys.size());
    keys.push_back(entry["key"].Scalar());
    lines.push_back(entry.Mark().line + shift);
  });
  CHECK(shift == 0);
  REQUIRE(keys.size() == 700);
  CHECK(keys[255] == "m00255");
  CHECK(keys[256] == "m00256");
  CHECK(keys[699] == "m00699");
  for (int i : {0, 255, 256, 511, 512, 699})
    CHECK(lines[static_cast<std::size_t>(i)] == 2 + 4 * i);

  CHECK_FALSE(ListEntries::slice(long_members("timezone: &zone UTC"), "members", 256).has_value());
  CHECK_FALSE(ListEntries::slice("members: [{key: a}]\n", "members", 256).has_value());
  CHECK_FALSE(ListEntries::slice("members:\n  -\n    key: a\n", "members", 256).has_value());
  CHECK_FALSE(ListEntries::slice("members: {key: a}\n", "members", 256).has_value());
  CHECK_FALSE(ListEntries::slice("members:\r\n  - {key: a}\r\n", "members", 256).has_value());
  CHECK_THROWS_AS(ListEntries::slice("members:\n  - [unclosed\n", "members", 256), YAML::Exception);
}

TEST_CASE("members read the same whatever the list's shape", "[config]") {
  SECTION("a \"-\" alone on its line") {
    only_error(parse("timezone: UTC\nmembers:\n  -\n    key: ada\n    name: Ada\n    role: admin\n  -\n"
                     "    key: bob\n    name: Bob\n    role: boss\n"),
               10, "must be staff, manager or admin");
  }
  SECTION("a flow list over several lines") {
    only_error(parse("timezone: UTC\nmembers: [{key: ada, name: Ada, role: admin},\n"
                     "  {key: bob, name: Bob, role: boss}]\n"),
               3, "must be staff, manager or admin");
  }
  SECTION("the list last, without a final line break, after comments") {
    only_error(parse("timezone: UTC\nmembers:\n# first\n- {key: ada, name: Ada, role: admin}\n  # second\n"
                     "- {key: bob, name: Bob, role: boss}"),
               6, "must be staff, manager or admin");
  }
  SECTION("an alias to an anchor in another entry") {
    const auto result = parse(
        "timezone: UTC\nmembers:\n  - {key: ada, name: &n Ada, role: admin}\n"
        "  - {key: bob, name: *n, role: boss}\n");
    only_error(result, 4, "must be staff, manager or admin");
  }
  SECTION("a %TAG directive, which a slice alone would not know") {
    only_error(parse("%TAG !e! tag:example.com,2000:\n---\ntimezone: UTC\nmembers:\n"
                     "  - !e!person {key: ada, name: Ada, role: admin}\n"
                     "  - !e!person {key: bob, name: Bob, role: boss}\n"),
               6, "must be staff, manager or admin");
  }
  SECTION("members given twice") {
    const auto result = parse(
        "timezone: UTC\nmembers:\n  - {key: ada, name: Ada, role: admin}\n"
        "members:\n  - {key: bob, name: Bob}\n");
    REQUIRE_FALSE(result.errors.empty());
    CHECK(result.errors[0].line == 4);
    CHECK_THAT(result.errors[0].message, Catch::Contains("appears twice"));
  }
}
