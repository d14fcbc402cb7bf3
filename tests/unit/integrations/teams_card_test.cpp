// Adaptive Cards: every block of the neutral message becomes valid card JSON of the declared version,
// inside the size Teams accepts, with what users typed escaped.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include <catch2/catch.hpp>

#include "bot/core/org/unreachable_notice.hpp"
#include "bot/core/text/json_text.hpp"
#include "bot/core/text/utf8.hpp"
#include "integrations/teams/activity_text.hpp"
#include "integrations/teams/adaptive_card.hpp"
#include "tests/support/test_bot.hpp"

using namespace baton;
using namespace baton::teams;
using nlohmann::json;

namespace {

// The element types and properties Adaptive Cards 1.4 defines for what baton uses; anything else would
// be dropped or refused by Teams.
void check_element(const json& element) {
  static const std::set<std::string> kTypes{"TextBlock", "FactSet",    "ColumnSet",
                                            "ActionSet", "Input.Text", "Input.ChoiceSet"};
  REQUIRE(element.contains("type"));
  const std::string type = element["type"];
  CHECK(kTypes.count(type) == 1);
  if (type == "TextBlock") {
    CHECK(element["text"].is_string());
    CHECK(element["wrap"] == true);
  } else if (type == "FactSet") {
    for (const json& fact : element["facts"]) {
      CHECK(fact["title"].is_string());
      CHECK(fact["value"].is_string());
    }
  } else if (type == "ColumnSet") {
    for (const json& column : element["columns"]) {
      CHECK(column["type"] == "Column");
      for (const json& item : column["items"])
        check_element(item);
    }
  } else if (type.starts_with("Input.")) {
    CHECK(element["id"].is_string());
    CHECK(element["label"].is_string());
    // Microsoft's card library warns of a required input without its message (RequiredInputsShouldHave-
    // ErrorMessage).
    if (element.value("isRequired", false)) CHECK(element["errorMessage"].is_string());
  } else if (type == "ActionSet") {
    for (const json& action : element["actions"]) {
      const std::string kind = action["type"];
      CHECK((kind == "Action.Submit" || kind == "Action.OpenUrl"));
      CHECK(action["title"].is_string());
      if (kind == "Action.OpenUrl") CHECK(action["url"].is_string());
      if (kind == "Action.Submit") CHECK(action["data"]["baton_action"].is_string());
    }
  }
}

void check_card(const json& card) {
  CHECK(card["type"] == "AdaptiveCard");
  CHECK(card["version"] == "1.4");
  CHECK(card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json");
  REQUIRE(card["body"].is_array());
  for (const json& element : card["body"])
    check_element(element);
  CHECK(card.dump().size() <= kMaxCardBytes);
}

Message sample() {
  Message m;
  m.header("Team map");
  m.section(RichText("Ask ").append("logistics", SpanStyle::bold).append(" about stock\nsecond line"));
  m.fields({{"Referent", "Karim"}, {"Members", "Karim, Inès"}});
  m.divider();
  m.context("4 departments");
  m.actions({{"Logistics", "team.show", "logistics", ButtonStyle::normal, "team logistics", {}},
             {"Board", "", "", ButtonStyle::normal, "", "https://example.com/board"}});
  return m;
}

}  // namespace

TEST_CASE("each neutral block becomes its Adaptive Card element", "[teams][card]") {
  const json card = render_card(sample());
  check_card(card);
  const json& body = card["body"];
  REQUIRE(body.size() == 5);
  CHECK(body[0]["text"] == "Team map");
  CHECK(body[0]["weight"] == "Bolder");
  CHECK(body[1]["text"] == "Ask **logistics** about stock\n\nsecond line");
  CHECK(body[2]["type"] == "FactSet");
  CHECK(body[2]["facts"][1] == json({{"title", "Members"}, {"value", "Karim, Inès"}}));
  CHECK(body[3]["separator"] == true);  // the divider
  CHECK(body[3]["isSubtle"] == true);
  const json& actions = body[4]["actions"];
  CHECK(actions[0]["type"] == "Action.Submit");
  CHECK(actions[0]["data"] == json({{"baton_action", "team.show"}, {"baton_value", "logistics"}}));
  CHECK(actions[1]["type"] == "Action.OpenUrl");
  CHECK(actions[1]["url"] == "https://example.com/board");
}

TEST_CASE("where buttons cannot be clicked, they become the command to type, links stay", "[teams][card]") {
  Message m = sample();
  m.locale = Locale::fr;
  const json card = render_card(m, {Buttons::as_text, "@baton"});
  check_card(card);
  const std::string text = card.dump();
  CHECK(text.find("Action.Submit") == std::string::npos);
  CHECK(text.find("Action.OpenUrl") != std::string::npos);
  CHECK(text.find("Pour le faire d'ici, tapez :") != std::string::npos);
  CHECK(text.find("@baton team logistics") != std::string::npos);
  CHECK(text.find("ColumnSet") != std::string::npos);
}

TEST_CASE("what users typed cannot become markup", "[teams][card][escaping]") {
  CHECK(escape_markdown("**bold** _it_ [x](https://evil.example)") ==
        R"(\*\*bold\*\* \_it\_ \[x\](https://evil.example))");
  CHECK(escape_markdown("- item\n1. first\n# title") == "\\- item\n1\\. first\n\\# title");
  CHECK(escape_markdown("a\\b") == "a\\\\b");
  CHECK(escape_markdown("<at>everyone</at> & co") == "<at>everyone</at> & co");  // no entity: shown as typed
  Message m;
  m.section(RichText("Restock ").append("*SKU-123*", SpanStyle::bold));
  CHECK(render_card(m)["body"][0]["text"] == "Restock **\\*SKU-123\\***");
}

TEST_CASE("a message too large for Teams is cut with a marker saying how much is left out", "[teams][card]") {
  Message m;
  m.header("Long");
  for (int i = 0; i < 200; ++i)
    m.section(std::string(300, 'x'));
  const json card = render_card(m);
  check_card(card);
  const std::string last = card["body"].back()["text"];
  CHECK(last.find("more parts") != std::string::npos);
  // One section alone larger than a card is shortened, not refused.
  Message huge;
  huge.section(std::string(100'000, 'y'));
  const json one = render_card(huge);
  check_card(one);
  CHECK(one["body"][0]["text"].get<std::string>().ends_with("…"));
}

TEST_CASE("a card activity carries the card as its one attachment", "[teams][card]") {
  const json activity = card_activity(sample());
  CHECK(activity["type"] == "message");
  REQUIRE(activity["attachments"].size() == 1);
  CHECK(activity["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
  CHECK(activity["summary"].is_string());
}

TEST_CASE("Teams message text: mentions, tags and entities", "[teams][text]") {
  CHECK(command_text("<at>baton</at> team logistique\n") == "team logistique");
  CHECK(command_text("<at>baton</at>&nbsp;team&nbsp;<b>logistics</b>") == "team logistics");
  CHECK(command_text("<at>baton</at> handoff <at>Karim Benali</at> stock") == "handoff @Karim Benali stock");
  CHECK(command_text("Q&amp;A &lt;today&gt; &#233;t&#xE9;") == "Q&A <today> été");
  CHECK(command_text("<p>yesterday: stock</p><p>today: returns</p>") == "yesterday: stock\ntoday: returns");
  CHECK(command_text("a < b") == "a < b");
  CHECK(command_text("&bogus; &#xZZ;") == "&bogus; &#xZZ;");
  CHECK(command_text("<at>baton</at>") == "");
}

TEST_CASE("every message baton sends today renders as a valid card, in both languages and both modes",
          "[teams][card]") {
  test::Bot bot;
  std::vector<Message> messages;
  for (const char* who : {"ada", "marc", "sam"}) {
    for (const char* text : {"help", "whoami", "team", "team logistics", "team nowhere", "language",
                             "language fr", "status", "tema", "aide"}) {
      messages.push_back(bot.say(who, text).message);
    }
    messages.push_back(bot.say(who, std::string(5'000, 'x')).message);  // over the length limit
    messages.push_back(bot.direct(who, "bonjour").message);
    Click click;
    click.user_id = who;
    click.action_id = "team.show";
    click.value = "logistics";
    if (auto replaced = test::run_sync(bot.io, bot.commands.click(click)).replacement)
      messages.push_back(*replaced);
  }
  OutboxItem failed;
  failed.id = 1;
  failed.platform = Platform::teams;
  failed.destination.member = "sam";
  for (const OutboxItem& notice : unreachable_notices(bot.config.org, bot.profiles, {Platform::console},
                                                      failed, "they blocked baton in Teams"))
    messages.push_back(notice.message);
  // Replies that come with a form: on the bot's cards, the form is the card's inputs.
  for (const char* who : {"ada", "marc"}) {
    for (const char* text : {"language", "standup", "handoff logistics \"Fix the label printer\""}) {
      Reply reply = bot.say(who, text);
      if (reply.dialog) reply.message.form = reply.dialog;
      messages.push_back(reply.message);
    }
    Click reject;
    reject.user_id = who;
    reject.action_id = "handoff.reject";
    reject.value = "H-1";
    ClickReply clicked = test::run_sync(bot.io, bot.commands.click(reject));
    for (std::optional<Message>* part : {&clicked.replacement, &clicked.aside}) {
      if (!*part) continue;
      if (clicked.dialog) (*part)->form = clicked.dialog;
      messages.push_back(**part);
    }
  }
  REQUIRE(messages.size() > 30);
  // With BATON_CARDS_DIR set, each activity is written there too, for Microsoft's own card library to
  // check (tests/tools/validate_cards.js, run by the teams_cards_valid test).
  const char* dump_to = std::getenv("BATON_CARDS_DIR");
  int written = 0;
  for (const Message& message : messages) {
    INFO(message.summary());
    check_card(render_card(message, {Buttons::submit, "@baton"}));
    check_card(render_card(message, {Buttons::as_text, "@baton"}));
    for (const Buttons buttons : {Buttons::submit, Buttons::as_text}) {
      const std::string activity = dump_json(card_activity(message, {buttons, "@baton"}));
      CHECK(activity.size() <= kMaxActivityBytes);  // what Teams accepts, measured as sent
      if (dump_to != nullptr)
        std::ofstream(std::filesystem::path(dump_to) / ("card-" + std::to_string(++written) + ".json"))
            << activity;
    }
  }
}

TEST_CASE("a form becomes the card's inputs and one submit, where nothing comes back, it is left out",
          "[teams][card]") {
  Message message;
  message.section("Stand-up");
  Dialog form;
  form.id = "standup.answer";
  form.submit = "Save";
  form.context = "standup/2026-11-23";
  form.fields = {{"q1", "Yesterday?", {}, "", "", true, 2000},
                 {"mood", "Mood", {{"good", "Good"}, {"bad", "Bad"}}, "good", "", false, 500}};
  message.form = form;
  const json card = render_card(message);
  REQUIRE(card["body"].size() == 3);
  CHECK(card["body"][1] == json({{"type", "Input.Text"},
                                 {"isMultiline", true},
                                 {"maxLength", 2000},
                                 {"id", "q1"},
                                 {"label", "Yesterday?"},
                                 {"isRequired", true},
                                 {"errorMessage", "Please fill this in."}}));
  CHECK_FALSE(card["body"][2].contains("errorMessage"));  // optional: nothing to say
  message.locale = Locale::fr;
  CHECK(render_card(message)["body"][1]["errorMessage"] == "Merci de remplir ce champ.");
  CHECK(card["body"][2]["type"] == "Input.ChoiceSet");
  CHECK(card["body"][2]["choices"][1] == json({{"title", "Bad"}, {"value", "bad"}}));
  CHECK(card["body"][2]["value"] == "good");
  CHECK(card["actions"] ==
        json::array(
            {{{"type", "Action.Submit"},
              {"title", "Save"},
              {"data", {{"baton_dialog", "standup.answer"}, {"baton_context", "standup/2026-11-23"}}}}}));
  const json as_text = render_card(message, {Buttons::as_text, "@baton"});
  CHECK(as_text["body"].size() == 1);
  CHECK_FALSE(as_text.contains("actions"));
}

TEST_CASE("what people typed never runs as a card's text function, in any text of the card",
          "[teams][card][escaping]") {
  const std::string typed = "{{DATE(2017-02-14T06:08:39Z, SHORT)}} at {{TIME(2017-02-14T06:08:39Z)}}";
  Message m;
  m.header(typed);
  m.section(RichText(typed).append(typed, SpanStyle::bold));
  m.fields({{typed, typed}});
  m.context(typed);
  m.actions({{typed, "handoff.accept", "H-1", ButtonStyle::normal, "handoff accept H-1", {}}});
  Dialog form;
  form.id = "handoff.reason";
  form.title = typed;
  form.submit = typed;
  form.fields = {{"reason", typed, {}, "", typed, true, 400},
                 {"mood", typed, {{"a", typed}}, "a", "", true, 10}};
  m.form = form;
  // Every text a card shows (the values people submit stay as they are).
  std::function<void(const json&, std::vector<std::string>&)> shown = [&](const json& node,
                                                                          std::vector<std::string>& out) {
    if (node.is_array()) {
      for (const json& item : node)
        shown(item, out);
    } else if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (value.is_string() && (key == "text" || key == "title" || key == "label" || key == "placeholder"))
          out.push_back(value.get<std::string>());
        shown(value, out);
      }
    }
  };
  for (const Buttons buttons : {Buttons::submit, Buttons::as_text}) {
    std::vector<std::string> texts;
    shown(render_card(m, {buttons, "@baton"}), texts);
    CHECK(texts.size() > 5);
    for (const std::string& text : texts) {
      INFO(text);
      CHECK(text.find("{{") == std::string::npos);
      // Shown as typed: the braces are still there, kept apart by an invisible word joiner.
      const bool ours = text == "To do this from here, type:" || text == "@baton handoff accept H-1";
      if (!ours) CHECK(text.find("{\u2060{") != std::string::npos);
    }
  }
}

TEST_CASE("an activity is measured whole, as sent: summary, envelope, card and form under Teams' size",
          "[teams][card][limits]") {
  // Text that grows when escaped as JSON: control characters become \u0001, quotes \".
  std::string heavy;
  for (int i = 0; i < 3000; ++i)
    heavy += "\x01\"é📦";
  Message m;
  m.header(heavy);  // the summary
  for (int i = 0; i < 10; ++i)
    m.section(RichText(heavy));
  Dialog form;
  form.id = "standup.answer";
  form.submit = "Save";
  for (int i = 0; i < 10; ++i)
    form.fields.push_back(
        {"q" + std::to_string(i), heavy.substr(0, 1900), {}, heavy.substr(0, 1900), "", true, 2000});
  m.form = form;
  for (const Buttons buttons : {Buttons::submit, Buttons::as_text}) {
    const json activity = card_activity(m, {buttons, "@baton"});
    CHECK(dump_json(activity).size() <= kMaxActivityBytes);
    CHECK(count_characters(activity["summary"].get<std::string>()) <= kMaxSummary);
    CHECK(activity["summary"].get<std::string>().ends_with("…"));
    const json& body = activity["attachments"][0]["content"]["body"];
    CHECK_THAT(body.back()["text"].get<std::string>(),
               Catch::Contains("more parts, too long for one message"));
  }
}
