// Text that is not UTF-8, and text cut across every byte of a character, through every door into baton:
// each command as a Slack command, events, interactions, the KPI API, the Teams webhook. Every answer is a
// status a client can act on and valid JSON (a JSON parser refuses text that is not UTF-8) that Slack
// would show; nothing is a 500; and everything baton stored is valid UTF-8 when it stops.
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sqlite3.h>

#include "bot/core/commands/builtin.hpp"
#include "bot/core/http/form.hpp"
#include "bot/core/text/utf8.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/teams_binary.hpp"

using namespace baton;
using nlohmann::json;

namespace {

constexpr const char* kApiToken = "shop-token-0123456789abcdef";

// Text that is not UTF-8: a Latin-1 "é", a character cut short, a lone continuation, a surrogate, an
// overlong "/", and bytes that are never UTF-8.
const std::vector<std::string> kBroken{"caf\xE9", "\xE2\x82", "\x80", "\xED\xA0\x80", "\xC0\xAF", "\xFF\xFE"};

// `length` bytes of text ending with `character` placed so that byte `limit` falls at its `offset`-th
// byte: what a cut by bytes at `limit` would have split.
std::string across(std::size_t limit, const std::string& character, std::size_t offset, std::size_t length) {
  std::string text(limit - offset, 'a');
  while (text.size() < length)
    text += character;
  return text;
}

// Every column of every table of a stopped baton's store that holds text, checked to be UTF-8.
std::vector<std::string> invalid_text_in(const std::filesystem::path& db_path) {
  std::vector<std::string> found;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_stmt* list = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &list, nullptr);
  while (sqlite3_step(list) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  sqlite3_finalize(list);
  for (const std::string& table : tables) {
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(db, ("SELECT * FROM " + table).c_str(), -1, &rows, nullptr);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(rows); ++c) {
        if (sqlite3_column_type(rows, c) != SQLITE_TEXT) continue;
        const std::string value(reinterpret_cast<const char*>(sqlite3_column_text(rows, c)),
                                static_cast<std::size_t>(sqlite3_column_bytes(rows, c)));
        if (!is_valid_utf8(value)) found.push_back(table + "." + sqlite3_column_name(rows, c));
      }
    }
    sqlite3_finalize(rows);
  }
  sqlite3_close(db);
  return found;
}

void require_answer(const test::HttpReply& reply, const std::string& what) {
  INFO(what);
  CHECK((reply.status == 200 || reply.status == 400 || reply.status == 413));
  if (!reply.body.empty()) CHECK_FALSE(json::parse(reply.body, nullptr, false).is_discarded());
}

}  // namespace

TEST_CASE("text that is not UTF-8, or cut across a character, through every door: answered, never a 500",
          "[binary][slack][utf8][outside]") {
  test::FakeSlack slack;
  test::TempDir secrets;
  const auto token_file = secrets.write("kpi.token", std::string(kApiToken) + "\n");
  std::filesystem::permissions(token_file,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  test::SlackBaton baton(slack, "rate_limits: {commands: off, kpi_api: off}\n" +
                                    test::kpi_api_config(token_file) + test::kLogisticsStandup);

  // Every command, each followed by text that is not UTF-8, as Slack's form can carry any byte.
  std::vector<std::string> words;
  for (const CommandSpec& spec : builtin_commands())
    words.push_back(spec.name);
  words.insert(words.end(), {"handoff logistics", "retro well", "silence nothing 4h", "kpi set revenue 5",
                             "off", "standup stats", "handoffs stats", "workflow start"});
  int sent = 0;
  for (const std::string& word : words) {
    for (const std::string& broken : kBroken) {
      for (const char* who : {"U0SAMSTAFF", "U0MARCMANA"}) {
        const std::string text = word + " " + broken + " tail" + broken;
        require_answer(baton.command(test::command_form(slack, text, who, "t-" + std::to_string(++sent))),
                       word + " / " + broken);
      }
    }
  }
  // Text crossing each limit that used to be counted in bytes, at every byte of a two-, three- and
  // four-byte character: a handoff's title (200), its note (400), a retrospective item (500), a
  // stand-up answer (2,000), a command (4,000).
  for (const std::string character : {"é", "€", "📦"}) {
    for (std::size_t offset = 0; offset < character.size(); ++offset) {
      const std::string label = character + " at byte " + std::to_string(offset);
      require_answer(baton.command(test::command_form(
                         slack, "handoff logistics \"" + across(200, character, offset, 230) + "\"",
                         "U0SAMSTAFF", "t-title-" + label)),
                     "title, " + label);
      require_answer(
          baton.command(test::command_form(slack, "retro well " + across(500, character, offset, 530),
                                           "U0SAMSTAFF", "t-retro-" + label)),
          "retro, " + label);
      require_answer(
          baton.command(test::command_form(slack, "silence nothing 4h " + across(200, character, offset, 260),
                                           "U0MARCMANA", "t-silence-" + label)),
          "silence, " + label);
      require_answer(baton.command(test::command_form(slack, across(4000, character, offset, 4100),
                                                      "U0SAMSTAFF", "t-long-" + label)),
                     "command, " + label);
      // A stand-up answered in the conversation, each answer crossing 2,000 bytes.
      require_answer(baton.command(test::command_form(slack, "standup", "U0SAMSTAFF", "t-su-" + label)),
                     "standup, " + label);
      for (int question = 0; question < 3; ++question) {
        require_answer(
            baton.event(test::event_envelope(
                "Ev" + std::to_string(offset) + std::to_string(question) + std::to_string(character.size()),
                json{{"type", "message"},
                     {"channel_type", "im"},
                     {"channel", "DU0SAMSTAFF"},
                     {"user", "U0SAMSTAFF"},
                     {"text", across(2000, character, offset, 2100)},
                     {"ts", "1.1"}}
                    .dump())),
            "stand-up answer, " + label);
      }
    }
  }
  // Bodies that are not UTF-8 where JSON is expected: refused with 400, as JSON that is not JSON.
  for (const std::string& broken : kBroken) {
    require_answer(
        baton.event(test::event_envelope("EvBROKEN", R"({"type":"message","text":")" + broken + "\"}")),
        "event " + broken);
    require_answer(
        baton.interaction(form_encode({{"payload", R"({"type":"block_actions","x":")" + broken + "\"}"}})),
        "interaction " + broken);
    test::HttpConnection api("127.0.0.1", baton.port);
    require_answer(
        api.request(
            "POST", "/api/v1/kpis", R"({"points":[{"kpi":"revenue","value":1,"day":")" + broken + "\"}]}",
            "Content-Type: application/json\r\nAuthorization: Bearer " + std::string(kApiToken) + "\r\n"),
        "kpi api " + broken);
    const std::string encoded = form_encode({{"from", broken}});
    require_answer(api.request("GET", "/api/v1/kpis/revenue?" + encoded, "",
                               "Authorization: Bearer " + std::string(kApiToken) + "\r\n"),
                   "kpi api query " + broken);
    // A KPI of that name does not exist: 404, saying so in valid JSON.
    const auto unknown = api.request("GET", "/api/v1/kpis/" + encoded.substr(5), "",
                                     "Authorization: Bearer " + std::string(kApiToken) + "\r\n");
    CHECK(unknown.status == 404);
    CHECK_FALSE(json::parse(unknown.body, nullptr, false).is_discarded());
  }
  CHECK(baton.metrics().find("status=\"500\"") == std::string::npos);
  // What Slack received through the outbox was all valid (the fake refuses what Slack would).
  REQUIRE(baton.metric_reaches("baton_outbox_pending 0\n"));
  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);
  CHECK(invalid_text_in(baton.dir / "baton.db").empty());
}

TEST_CASE("Teams: text that is not UTF-8 in a webhook message is refused with 400, never a 500",
          "[binary][teams][utf8][outside]") {
  test::FakeTeams teams(test::kAppId, test::kAppPassword);
  test::TeamsBaton baton(teams);
  for (const std::string& broken : kBroken) {
    const std::string body =
        R"({"type":"message","id":"1","from":{"id":"29:sam"},"text":"<at>baton</at> team )" + broken +
        R"(","channelData":{"teamsChannelId":"19:logistics@thread.tacv2"}})";
    const auto reply = baton.webhook(body);
    CHECK(reply.status == 400);
    CHECK_FALSE(json::parse(reply.body, nullptr, false).is_discarded());
  }
  // Valid text crossing the old byte limits is answered as a card.
  for (const std::string character : {"é", "📦"}) {
    const json message{{"type", "message"},
                       {"id", "2" + character},
                       {"from", {{"id", "29:sam"}}},
                       {"text", "<at>baton</at> handoff logistics " + across(200, character, 1, 260)},
                       {"channelData", {{"teamsChannelId", "19:logistics@thread.tacv2"}}}};
    const auto reply = baton.webhook(message.dump());
    CHECK(reply.status == 200);
    CHECK_FALSE(json::parse(reply.body, nullptr, false).is_discarded());
  }
  CHECK(baton.metrics().find("status=\"500\"") == std::string::npos);
}
