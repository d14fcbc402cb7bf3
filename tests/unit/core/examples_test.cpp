// The files an admin starts from: the example configs and the Slack and Teams app manifests must stay right.
#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "bot/core/config/load.hpp"
#include "tests/support/test_bot.hpp"

using namespace baton;

namespace {

const std::filesystem::path kDeploy = std::filesystem::path(BATON_SOURCE_DIR) / "deploy";

Environment env_with(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::set<std::string> strings(const YAML::Node& list) {
  std::set<std::string> out;
  for (const auto& item : list)
    out.insert(item.as<std::string>());
  return out;
}

}  // namespace

TEST_CASE("the Slack example is valid in both modes and is the same team as baton.yaml",
          "[examples][slack]") {
  const auto http = load_config(
      kDeploy / "examples/slack.yaml",
      env_with({{"SLACK_BOT_TOKEN", "xoxb-1-2-abc"}, {"SLACK_SIGNING_SECRET", "0123456789abcdef"}}));
  INFO(format_diagnostics("slack.yaml", http.errors));
  REQUIRE(http.config);
  CHECK(http.config->slack.enabled);
  CHECK_FALSE(http.config->slack.socket_mode());
  const auto socket =
      load_config(kDeploy / "examples/slack.yaml",
                  env_with({{"SLACK_BOT_TOKEN", "xoxb-1-2-abc"}, {"SLACK_APP_TOKEN", "xapp-1-A1-2-abc"}}));
  REQUIRE(socket.config);
  CHECK(socket.config->slack.socket_mode());
  const auto missing = load_config(kDeploy / "examples/slack.yaml", env_with({}));
  CHECK_FALSE(missing.config);

  const auto plain = load_config(kDeploy / "examples/baton.yaml", env_with({}));
  REQUIRE(plain.config);
  const OrgMap& a = plain.config->org;
  const OrgMap& b = http.config->org;
  REQUIRE(a.members().size() == b.members().size());
  for (std::size_t i = 0; i < a.members().size(); ++i) {
    CHECK(a.members()[i].key == b.members()[i].key);
    CHECK(a.members()[i].ids == b.members()[i].ids);
  }
  REQUIRE(a.departments().size() == b.departments().size());
  for (std::size_t i = 0; i < a.departments().size(); ++i) {
    CHECK(a.departments()[i].members == b.departments()[i].members);
    CHECK(a.departments()[i].channels == b.departments()[i].channels);
  }
}

TEST_CASE("the Teams example reads its secrets from the documented variables and is the same team",
          "[examples][teams]") {
  const auto teams =
      load_config(kDeploy / "examples/teams.yaml",
                  env_with({{"TEAMS_WEBHOOK_SECRET", "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA="},
                            {"MICROSOFT_APP_ID", "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"},
                            {"MICROSOFT_APP_PASSWORD", "secret"},
                            {"TEAMS_MARKETING_WORKFLOW_URL", "https://example.com/1"},
                            {"TEAMS_LOGISTICS_WORKFLOW_URL", "https://example.com/2"},
                            {"TEAMS_IT_WORKFLOW_URL", "https://example.com/3"},
                            {"TEAMS_CUSTOMER_SERVICE_WORKFLOW_URL", "https://example.com/4"}}));
  INFO(format_diagnostics("teams.yaml", teams.errors));
  REQUIRE(teams.config);
  CHECK(teams.config->teams.bot());
  CHECK_FALSE(teams.config->teams.webhook_token.empty());
  CHECK(teams.config->teams.workflow_urls.size() == 4);
  CHECK_FALSE(load_config(kDeploy / "examples/teams.yaml", env_with({})).config);

  const auto plain = load_config(kDeploy / "examples/baton.yaml", env_with({}));
  REQUIRE(plain.config);
  const OrgMap& a = plain.config->org;
  const OrgMap& b = teams.config->org;
  REQUIRE(a.members().size() == b.members().size());
  for (std::size_t i = 0; i < a.members().size(); ++i)
    CHECK(a.members()[i].key == b.members()[i].key);
  REQUIRE(a.departments().size() == b.departments().size());
  for (std::size_t i = 0; i < a.departments().size(); ++i) {
    CHECK(a.departments()[i].members == b.departments()[i].members);
    CHECK(a.departments()[i].channels.at(Platform::teams) == b.departments()[i].channels.at(Platform::teams));
  }
}

TEST_CASE("the Slack manifests declare the command, events and only the scopes baton uses",
          "[examples][slack]") {
  // The history scopes: after a crash, whether a message on its way had been posted (SECURITY.md).
  const std::set<std::string> scopes{"app_mentions:read", "channels:history", "chat:write", "commands",
                                     "groups:history",    "im:history",       "im:write",   "users:read"};
  const std::set<std::string> events{"app_mention", "message.im"};
  for (const char* name : {"manifest.yaml", "manifest-socket-mode.yaml"}) {
    INFO(name);
    const YAML::Node manifest = YAML::LoadFile((kDeploy / "slack" / name).string());
    const bool socket = std::string(name) == "manifest-socket-mode.yaml";
    CHECK(strings(manifest["oauth_config"]["scopes"]["bot"]) == scopes);
    CHECK(strings(manifest["settings"]["event_subscriptions"]["bot_events"]) == events);
    CHECK(manifest["features"]["slash_commands"][0]["command"].as<std::string>() == "/baton");
    CHECK(manifest["settings"]["interactivity"]["is_enabled"].as<bool>());
    CHECK(manifest["settings"]["socket_mode_enabled"].as<bool>() == socket);
    CHECK(manifest["features"]["app_home"]["messages_tab_enabled"].as<bool>());
    if (socket) {
      CHECK_FALSE(manifest["settings"]["event_subscriptions"]["request_url"].IsDefined());
    } else {
      CHECK(manifest["features"]["slash_commands"][0]["url"].as<std::string>().ends_with("/slack/commands"));
      CHECK(manifest["settings"]["event_subscriptions"]["request_url"].as<std::string>().ends_with(
          "/slack/events"));
      CHECK(manifest["settings"]["interactivity"]["request_url"].as<std::string>().ends_with(
          "/slack/interactivity"));
    }
  }
}

TEST_CASE("the Teams app package declares the bot, commands baton knows, and icons of the sizes Teams wants",
          "[examples][teams]") {
  std::ifstream in(kDeploy / "teams/manifest.json");
  const nlohmann::json manifest = nlohmann::json::parse(in);
  // package.sh fills these in: the bot's id is the app's id.
  CHECK(manifest["id"] == "${MICROSOFT_APP_ID}");
  REQUIRE(manifest["bots"].size() == 1);
  const nlohmann::json& bot = manifest["bots"][0];
  CHECK(bot["botId"] == "${MICROSOFT_APP_ID}");
  CHECK(bot["scopes"] == nlohmann::json({"personal", "team"}));

  test::Bot baton;
  std::set<std::string> titles;
  for (const auto& list : bot["commandLists"]) {
    for (const auto& command : list["commands"]) {
      const std::string title = command["title"];
      titles.insert(title);
      INFO(title);
      CHECK_THAT(baton.text("ada", title), !Catch::Contains("I don't know the command"));
    }
  }
  CHECK(titles == std::set<std::string>{"help", "whoami", "team", "language", "status"});

  // A PNG's width and height are the big-endian words at bytes 16 and 20.
  const auto png_size = [](const std::string& name) {
    std::ifstream file(kDeploy / "teams" / name, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 24);
    REQUIRE(bytes.substr(1, 3) == "PNG");
    const auto word = [&](std::size_t at) {
      std::uint32_t value = 0;
      for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
      return value;
    };
    return std::pair{word(16), word(20)};
  };
  CHECK(manifest["icons"]["color"] == "color.png");
  CHECK(png_size("color.png") == std::pair<std::uint32_t, std::uint32_t>{192, 192});
  CHECK(png_size("outline.png") == std::pair<std::uint32_t, std::uint32_t>{32, 32});
}
