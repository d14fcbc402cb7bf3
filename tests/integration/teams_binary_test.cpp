// baton on Teams, end to end: the real binary on loopback; Teams' outgoing webhook requests signed with
// the security token; Bot Framework activities carrying tokens signed by a fake Bot Framework whose keys,
// token endpoint and connector run in the test process.
#include "tests/support/teams_binary.hpp"

#include <csignal>
#include <functional>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/clock/system_clock.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;
using namespace baton::test;  // the Teams harness: FakeTeams, TeamsBaton, kAppId, personal_message, ...

namespace {

// Answerable with /baton standup; it starts in 2099 so that no prompt goes out during these tests.
const test::BatonSetup kStandupLater{R"(rituals:
  - {key: standup, kind: standup, department: logistics, schedule: weekdays 09:30 from 2099-01-05}
)",
                                     {},
                                     {}};

json webhook_activity(const std::string& text, const std::string& from = "29:sam") {
  return {
      {"type", "message"},
      {"id", "1485983408511"},
      {"timestamp", "2026-11-23T08:00:00.000Z"},
      {"serviceUrl", "https://smba.trafficmanager.net/emea/"},
      {"channelId", "msteams"},
      {"from", {{"id", from}, {"name", "Sam Staff"}}},
      {"conversation", {{"isGroup", true}, {"id", "19:logistics@thread.tacv2;messageid=1485983408511"}}},
      {"textFormat", "plain"},
      {"text", text},
      {"channelData", {{"teamsChannelId", "19:logistics@thread.tacv2"}, {"tenant", {{"id", "tenant-1"}}}}}};
}

// A press on a button of one of baton's cards, by `user` in the logistics channel.
json card_press(const FakeTeams& teams, const std::string& id, const std::string& user,
                const std::string& card, const std::string& action, const std::string& value) {
  return {
      {"type", "message"},
      {"id", id},
      {"serviceUrl", teams.service_url()},
      {"channelId", "msteams"},
      {"from", {{"id", user}}},
      {"recipient", {{"id", std::string("28:") + kAppId}}},
      {"conversation",
       {{"conversationType", "channel"}, {"isGroup", true}, {"id", "19:logistics@thread.tacv2"}}},
      {"replyToId", card},
      {"channelData", {{"channel", {{"id", "19:logistics@thread.tacv2"}}}, {"tenant", {{"id", "tenant-1"}}}}},
      {"value", {{"baton_action", action}, {"baton_value", value}}}};
}

}  // namespace

TEST_CASE("Teams: a command through the outgoing webhook is answered in the response as a card",
          "[binary][teams]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  const auto reply = baton.webhook(webhook_activity("<at>baton</at> team logistics\n").dump());
  REQUIRE(reply.status == 200);
  const json answer = json::parse(reply.body);
  CHECK(answer["type"] == "message");
  REQUIRE(answer["attachments"].size() == 1);
  CHECK(answer["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
  const json& card = answer["attachments"][0]["content"];
  CHECK(card["version"] == "1.4");
  const std::string text = card.dump();
  CHECK(text.find("Logistics") != std::string::npos);
  CHECK(text.find("Marc Manager") != std::string::npos);
  // Outgoing webhooks allow no card action but links.
  CHECK(text.find("Action.Submit") == std::string::npos);
}

TEST_CASE("Teams: an outgoing webhook message with fields of the wrong types is refused with 400, naming one",
          "[binary][teams]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  json odd = webhook_activity("<at>baton</at> help");
  odd["from"] = "29:sam";
  odd["text"] = 5;
  odd["id"] = 7;
  const auto reply = baton.webhook(odd.dump());
  CHECK(reply.status == 400);
  CHECK_THAT(json::parse(reply.body)["message"].get<std::string>(),
             Catch::Contains("is number, not a string"));
  const auto list = baton.webhook(R"({"type":"message","from":{"id":"29:sam"},"text":["team"]})");
  CHECK(list.status == 400);
  CHECK(json::parse(list.body)["message"] == "the activity cannot be read: /text is array, not a string");
  // With who asked unknown (no from), it is still answered, saying so.
  const auto nobody = baton.webhook(R"({"type":"message","text":"<at>baton</at> help"})");
  CHECK(nobody.status == 200);
  CHECK(json::parse(nobody.body)["text"] == "baton could not tell who asked.");
}

TEST_CASE("Teams: a signed webhook body that is not an activity is refused with 400 and what is wrong",
          "[binary][teams][limits]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  const auto message = [](const test::HttpReply& reply) {
    return json::parse(reply.body).value("message", "");
  };
  const auto broken = baton.webhook(R"({"type":"message",)");
  CHECK(broken.status == 400);
  CHECK(message(broken) == "the body is not valid JSON");
  const auto text = baton.webhook(R"("team")");
  CHECK(text.status == 400);
  CHECK(message(text) == "the body is not a JSON object");
  const auto deep = baton.webhook(R"({"type":"message","text":"help","x":)" + std::string(64, '[') +
                                  std::string(64, ']') + "}");
  CHECK(deep.status == 400);
  CHECK(message(deep) == "the body nests deeper than 64 levels");
  CHECK(baton.webhook(webhook_activity("<at>baton</at> help").dump()).status == 200);
}

TEST_CASE("Teams: an outgoing webhook request without the right HMAC is refused with 401 and counted",
          "[binary][teams]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  const std::string body = webhook_activity("<at>baton</at> help").dump();
  CHECK(baton.webhook(body, "HMAC 03TCao0i55H1eVKUusZOTZRjtvYTs+mO41mPL+R1e1U=").status == 401);
  CHECK(baton.webhook(body, "").status == 401);
  const std::string key = *base64_decode(kWebhookSecret);
  CHECK(baton.webhook(body + " ", teams::outgoing_webhook_authorization(key, body)).status == 401);
  CHECK(baton.metrics().find(R"(baton_teams_rejected_total{route="/teams/webhook",status="401"} 3)") !=
        std::string::npos);
}

TEST_CASE("Teams: with teams.tenant_id, activities from another tenant are refused with 403",
          "[binary][teams][tenancy]") {
  FakeTeams teams(kAppId, kAppPassword);
  static constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  TeamsBaton baton(teams, test::in_section("teams", "  tenant_id: " + std::string(kTenant) + "\n"));
  json ours = webhook_activity("<at>baton</at> help");
  ours["channelData"]["tenant"]["id"] = kTenant;
  CHECK(baton.webhook(ours.dump()).status == 200);
  json foreign = webhook_activity("<at>baton</at> help");  // tenant-1
  CHECK(baton.webhook(foreign.dump()).status == 403);
  foreign["channelData"].erase("tenant");
  CHECK(baton.webhook(foreign.dump()).status == 403);  // naming none is not naming ours

  json message = personal_message(teams, "act-foreign", "whoami");
  CHECK(baton.activity(message, teams.sign(teams.claims())).status == 403);
  CHECK(baton.metrics().find(R"(baton_teams_rejected_total{route="/teams/webhook",status="403"} 2)") !=
        std::string::npos);
  CHECK(baton.metrics().find(R"(baton_teams_rejected_total{route="/teams/messages",status="403"} 1)") !=
        std::string::npos);
  CHECK(teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-foreign").empty());
}

TEST_CASE("Teams: a direct message to the bot is answered through the connector, with a token",
          "[binary][teams][bot]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  const json activity = personal_message(teams, "act-1", "whoami");
  REQUIRE(baton.activity(activity, teams.sign(teams.claims())).status == 200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/act-1", 1));
  const auto posted = teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-1");
  CHECK(teams.tokens_issued() == 1);
  const std::string card = posted.at(0).body.dump();
  CHECK(card.find("Ce que baton sait de vous") != std::string::npos);  // Marc reads French
  CHECK(card.find("AdaptiveCard") != std::string::npos);

  // The Bot Framework retrying the same activity: answered once.
  REQUIRE(baton.activity(activity, teams.sign(teams.claims())).status == 200);
  REQUIRE(baton.activity(personal_message(teams, "act-2", "help"), teams.sign(teams.claims())).status == 200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/act-2", 1));
  CHECK(teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-1").size() == 1);
  CHECK(teams.tokens_issued() == 1);  // cached
}

TEST_CASE("Teams: a press on a card's button replaces the card", "[binary][teams][bot]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  json press = personal_message(teams, "act-9", "");
  press["replyToId"] = "activity-7";
  press["value"] = {{"baton_action", "team.show"}, {"baton_value", "logistics"}};
  REQUIRE(baton.activity(press, teams.sign(teams.claims())).status == 200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/activity-7", 1));
  const auto calls = teams.calls("/connector/v3/conversations/a:personal-marc/activities/activity-7");
  CHECK(calls.at(0).method == "PUT");
  CHECK(calls.at(0).body.dump().find("Logistique") != std::string::npos);
}

TEST_CASE("Teams: a stand-up is answered in a card's form, a missing answer is pointed out",
          "[binary][teams][bot][rituals]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  REQUIRE(baton.activity(personal_message(teams, "act-20", "standup"), teams.sign(teams.claims())).status ==
          200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/act-20", 1));
  const json card = teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-20")
                        .at(0)
                        .body["attachments"][0]["content"];
  std::vector<std::string> inputs;
  for (const json& element : card["body"]) {
    if (element["type"] == "Input.Text") inputs.push_back(element["id"]);
  }
  CHECK(inputs == std::vector<std::string>{"q1", "q2", "q3"});
  REQUIRE(card["actions"].size() == 1);
  CHECK(card["actions"][0]["type"] == "Action.Submit");
  const json data = card["actions"][0]["data"];
  CHECK(data["baton_dialog"] == "standup.answer");

  json incomplete = personal_message(teams, "act-21", "");
  incomplete["replyToId"] = "act-20-reply";
  incomplete["value"] = data;
  incomplete["value"]["q1"] = "Inventaire";
  REQUIRE(baton.activity(incomplete, teams.sign(teams.claims())).status == 200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/act-21", 1));
  CHECK(teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-21")
            .at(0)
            .body.dump()
            .find("Écrivez une réponse") != std::string::npos);

  json filled = incomplete;
  filled["id"] = "act-22";
  filled["value"]["q2"] = "Expéditions";
  filled["value"]["q3"] = "-";
  REQUIRE(baton.activity(filled, teams.sign(teams.claims())).status == 200);
  REQUIRE(teams.wait_for("/connector/v3/conversations/a:personal-marc/activities/act-20-reply", 1));
  const auto replaced = teams.calls("/connector/v3/conversations/a:personal-marc/activities/act-20-reply");
  CHECK(replaced.at(0).method == "PUT");
  CHECK(replaced.at(0).body.dump().find("Merci Marc") != std::string::npos);
}

TEST_CASE("Teams: Bot Framework requests without a valid token are refused", "[binary][teams][bot]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  const json activity = personal_message(teams, "act-3", "help");
  test::SigningKey stranger("fake-key-1");  // same key id, another key: a forged signature
  json claims = teams.claims();
  CHECK(baton.activity(activity, stranger.sign(claims)).status == 401);
  claims["aud"] = "someone-else";
  CHECK(baton.activity(activity, teams.sign(claims)).status == 401);
  json elsewhere = activity;
  elsewhere["serviceUrl"] = "https://evil.example/";
  CHECK(baton.activity(elsewhere, teams.sign(teams.claims())).status == 401);
  json other_channel = activity;
  other_channel["channelId"] = "webchat";  // the key is endorsed for msteams and skype only
  CHECK(baton.activity(other_channel, teams.sign(teams.claims())).status == 403);
  test::HttpConnection c("127.0.0.1", baton.port);
  CHECK(c.request("POST", "/teams/messages", activity.dump(), "Content-Type: application/json\r\n").status ==
        401);
  std::this_thread::sleep_for(200ms);
  CHECK(teams.calls("/connector").empty());
}

TEST_CASE("Teams: installing the app stores where baton can write, and clears an unreachable mark",
          "[binary][teams][bot]") {
  FakeTeams teams(kAppId, kAppPassword);
  SystemClock clock;
  // Sam was found unreachable earlier (the app was not installed for him).
  test::BatonSetup setup = kStandupLater;
  setup.prepare = [&](const test::TempDir& dir) {
    SqliteStore store({dir / "baton.db"}, clock);
    store.migrate();
    store.set_unreachable(Platform::teams, "sam", "the baton app is not installed for them in Teams",
                          clock.now());
    store.close();
  };
  TeamsBaton baton(teams, setup);
  const json team_install = logistics_team_install(teams);
  const json personal_install{
      {"type", "conversationUpdate"},
      {"id", "cu-sam"},
      {"serviceUrl", teams.service_url()},
      {"channelId", "msteams"},
      {"from", {{"id", "29:sam"}}},
      {"recipient", {{"id", std::string("28:") + kAppId}}},
      {"membersAdded", json::array({{{"id", "29:sam"}}, {{"id", std::string("28:") + kAppId}}})},
      {"conversation",
       {{"conversationType", "personal"}, {"id", "a:personal-sam"}, {"tenantId", "tenant-1"}}},
      {"channelData", {{"tenant", {{"id", "tenant-1"}}}}}};
  REQUIRE(baton.activity(team_install, teams.sign(teams.claims())).status == 200);
  REQUIRE(baton.activity(personal_install, teams.sign(teams.claims())).status == 200);
  // An orderly stop finishes what was accepted; then the store says what baton learnt.
  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait() == 0);

  SqliteStore store({baton.dir / "baton.db"}, clock);
  store.migrate();  // already current: this only checks
  const auto channel = store.conversation(Platform::teams, "channel:19:logistics@thread.tacv2");
  REQUIRE(channel);
  CHECK(channel->conversation_id == "19:logistics@thread.tacv2");
  CHECK(channel->service_url == teams.service_url());
  CHECK(channel->tenant_id == "tenant-1");
  const auto sam = store.conversation(Platform::teams, "member:sam");
  REQUIRE(sam);
  CHECK(sam->conversation_id == "a:personal-sam");
  CHECK(sam->user_id == "29:sam");
  CHECK_FALSE(store.unreachable(Platform::teams, "sam"));
  CHECK(store.unhandled_events("teams", SysTime::max(), SysTime::max(), 10, {}).to_retry.empty());
  store.close();
}

TEST_CASE(
    "Teams: a handoff asked in a chat with the bot, accepted on its channel card, finished, the card follows",
    "[binary][teams][bot][handoffs]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  REQUIRE(baton.activity(logistics_team_install(teams), teams.sign(teams.claims())).status == 200);

  // Marc asks his own team, from his chat with the bot.
  REQUIRE(baton
              .activity(personal_message(teams, "act-h1", R"(handoff logistics "Restock SKU-123" due:+2d)"),
                        teams.sign(teams.claims()))
              .status == 200);
  const std::string channel = kLogisticsActivities;
  REQUIRE(teams.wait_for(channel, 1));
  const auto posted = teams.calls(channel).at(0);
  const std::string card_id = first_activity_id(teams, channel);
  REQUIRE_FALSE(card_id.empty());
  CHECK(posted.method == "POST");
  CHECK(posted.body.dump().find("Restock SKU-123") != std::string::npos);
  CHECK(posted.body.dump().find("handoff.accept") != std::string::npos);

  // Sam presses Accept on the channel's card.
  const json press = card_press(teams, "act-h2", "29:sam", card_id, "handoff.accept", "H-1");
  REQUIRE(baton.activity(press, teams.sign(teams.claims())).status == 200);
  const std::string card = channel + "/" + card_id;
  REQUIRE(teams.wait_for(card, 1));
  CHECK(teams.calls(card).at(0).method == "PUT");
  CHECK(teams.calls(card).at(0).body.dump().find("Prise en charge par Sam Staff") != std::string::npos);

  // Marc finishes it by typing: the card is replaced once more, without buttons.
  REQUIRE(baton
              .activity(personal_message(teams, "act-h3", "handoff done H-1 200 units"),
                        teams.sign(teams.claims()))
              .status == 200);
  const auto done_reached = [&] {
    for (const auto& call : teams.calls(card)) {
      // The channel's card speaks its referent's language: Marc reads French.
      if (call.body.dump().find("Terminée par Marc Manager") != std::string::npos) return true;
    }
    return false;
  };
  for (int i = 0; i < 1000 && !done_reached(); ++i)
    std::this_thread::sleep_for(10ms);
  REQUIRE(done_reached());
  const auto last = teams.calls(card).back();
  CHECK(last.method == "PUT");
  CHECK(last.body.dump().find("Action.Submit") == std::string::npos);
}

TEST_CASE(
    "Teams: Reject pressed on the channel card asks the clicker why in their chat, the answer rejects it",
    "[binary][teams][bot][handoffs][dialog]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  REQUIRE(baton.activity(logistics_team_install(teams), teams.sign(teams.claims())).status == 200);
  REQUIRE(baton
              .activity(personal_message(teams, "act-r1", R"(handoff logistics "Restock SKU-9")"),
                        teams.sign(teams.claims()))
              .status == 200);
  REQUIRE(teams.wait_for(kLogisticsActivities, 1));
  const std::string card_id = first_activity_id(teams, kLogisticsActivities);
  REQUIRE_FALSE(card_id.empty());

  // Sam presses Reject: Teams shows nobody one message of a channel, so the question goes to his chat
  // with the bot, as a card with a text input; the channel's card is left as it was.
  REQUIRE(baton
              .activity(card_press(teams, "act-r2", "29:sam", card_id, "handoff.reject", "H-1"),
                        teams.sign(teams.claims()))
              .status == 200);
  const std::string sams_chat = "/connector/v3/conversations/a:conv-29:sam/activities";
  REQUIRE(teams.wait_for(sams_chat, 1));
  const std::string asked = teams.calls(sams_chat).at(0).body.dump();
  CHECK(asked.find("Input.Text") != std::string::npos);
  CHECK(asked.find("handoff.reason") != std::string::npos);
  CHECK(asked.find("reject/H-1") != std::string::npos);
  const std::string question_id = first_activity_id(teams, sams_chat);

  // He answers in the card: the handoff is rejected, the channel's card follows without buttons, and the
  // question's card becomes the confirmation.
  const json answer{
      {"type", "message"},
      {"id", "act-r3"},
      {"serviceUrl", teams.service_url()},
      {"channelId", "msteams"},
      {"from", {{"id", "29:sam"}}},
      {"recipient", {{"id", std::string("28:") + kAppId}}},
      {"conversation", {{"conversationType", "personal"}, {"id", "a:conv-29:sam"}, {"tenantId", "tenant-1"}}},
      {"replyToId", question_id},
      {"channelData", {{"tenant", {{"id", "tenant-1"}}}}},
      {"value",
       {{"baton_dialog", "handoff.reason"},
        {"baton_context", "reject/H-1"},
        {"reason", "No stock until January"}}}};
  REQUIRE(baton.activity(answer, teams.sign(teams.claims())).status == 200);
  const std::string card = kLogisticsActivities + "/" + card_id;
  REQUIRE(teams.wait_for(card, 1));
  REQUIRE(teams.calls(card).size() == 1);  // the press alone did not touch it
  const auto update = teams.calls(card).at(0);
  CHECK(update.body.dump().find("No stock until January") != std::string::npos);
  CHECK(update.method == "PUT");
  CHECK(update.body.dump().find("Action.Submit") == std::string::npos);
  const std::string confirmation = sams_chat + "/" + question_id;
  REQUIRE(teams.wait_for(confirmation, 1));
  CHECK(teams.calls(confirmation).at(0).method == "PUT");
  CHECK(teams.calls(confirmation).at(0).body.dump().find("H-1") != std::string::npos);
}

TEST_CASE(
    "Teams: in a channel reached only through Workflows, each change of a handoff is posted as one line",
    "[binary][teams][handoffs][workflows]") {
  FakeTeams teams(kAppId, kAppPassword);
  TeamsBaton baton(teams, kStandupLater);
  // No team install: baton knows the logistics channel by its Workflows URL alone.
  REQUIRE(baton
              .activity(personal_message(teams, "act-w1", R"(handoff logistics "Restock SKU-123")"),
                        teams.sign(teams.claims()))
              .status == 200);
  const std::string workflow = "/workflows/logistics";
  REQUIRE(teams.wait_for(workflow, 1));
  CHECK(teams.calls(workflow).at(0).body.dump().find("Restock SKU-123") != std::string::npos);
  // Sam accepts through the outgoing webhook, Marc finishes it from his chat with the bot.
  json accept = webhook_activity("<at>baton</at> handoff accept H-1");
  accept["id"] = "w-accept";
  REQUIRE(baton.webhook(accept.dump()).status == 200);
  REQUIRE(teams.wait_for(workflow, 2));
  REQUIRE(baton
              .activity(personal_message(teams, "act-w2", "handoff done H-1 200 units"),
                        teams.sign(teams.claims()))
              .status == 200);
  REQUIRE(teams.wait_for(workflow, 3));
  // The card cannot be changed: a line says what changed, in the channel's language (its referent's).
  const auto line = [&](std::size_t i) {
    const json body = teams.calls(workflow).at(i).body;
    return body["attachments"][0]["content"]["body"][0]["text"].get<std::string>();
  };
  CHECK(line(1) == "H-1 · Prise en charge par Sam Staff");
  CHECK(line(2) == "H-1 · Terminée par Marc Manager");
  // Delivered, as they were: nothing failed, nothing said never to have been sent.
  CHECK(baton.metrics().find("baton_outbox_failed 0") != std::string::npos);
  CHECK(baton.process->err().find("was never sent") == std::string::npos);
}
