// Block Kit rendering: the shapes Slack expects, its limits, and escaping of everything typed.
#include "integrations/slack/block_kit.hpp"

#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/rituals/standup.hpp"
#include "tests/support/block_kit_rules.hpp"
#include "tests/support/ritual_world.hpp"
#include "tests/support/test_bot.hpp"

using namespace baton;
using nlohmann::json;

TEST_CASE("each neutral block becomes its Block Kit block", "[slack][blocks]") {
  Message m;
  m.header("Team map");
  m.section(RichText("Referent: ")
                .append("Camille", SpanStyle::bold)
                .append(" · ")
                .append("/baton team", SpanStyle::code));
  m.fields({{"Channel", RichText().append("C0LOGISTIC", SpanStyle::channel)}, {"Members", "Camille, Hugo"}});
  m.context("2 departments");
  m.divider();
  m.actions({{"Accept", "handoff.accept", "H-12", ButtonStyle::primary},
             {"Reject", "handoff.reject", "H-12", ButtonStyle::danger}});
  const auto out = slack::render(m);
  const json b = json::parse(out.blocks);
  REQUIRE(b.size() == 6);
  CHECK(b[0] ==
        json::parse(R"({"type":"header","text":{"type":"plain_text","text":"Team map","emoji":true}})"));
  CHECK(b[1]["text"]["text"] == "Referent: *Camille* · `/baton team`");
  CHECK(b[1]["text"]["type"] == "mrkdwn");
  CHECK(b[2]["fields"][0]["text"] == "*Channel*\n<#C0LOGISTIC>");
  CHECK(b[2]["fields"][1]["text"] == "*Members*\nCamille, Hugo");
  CHECK(b[3]["type"] == "context");
  CHECK(b[4]["type"] == "divider");
  CHECK(b[5]["elements"][0] ==
        json::parse(R"({"type":"button","text":{"type":"plain_text","text":"Accept","emoji":true},
                        "action_id":"handoff.accept","value":"H-12","style":"primary"})"));
  CHECK(b[5]["elements"][1]["style"] == "danger");
  CHECK(out.text == "Team map");
}

TEST_CASE("what users typed cannot ping @channel or forge a link", "[slack][blocks][escaping]") {
  Message m;
  m.section(RichText("I don't know “<!channel> & <https://evil.example|your bank>”"));
  const auto out = slack::render(m);
  const json blocks = json::parse(out.blocks);
  const std::string text = blocks[0]["text"]["text"];
  CHECK(text == "I don't know “&lt;!channel&gt; &amp; &lt;https://evil.example|your bank&gt;”");
  CHECK(out.text.find("<!channel>") == std::string::npos);
  CHECK(slack::escape("a<b>&c") == "a&lt;b&gt;&amp;c");
}

TEST_CASE("bold and code markers touch their words", "[slack][blocks]") {
  CHECK(slack::mrkdwn(RichText().append("Référent : ", SpanStyle::bold).append("Camille")) ==
        "*Référent :* Camille");
  CHECK(slack::mrkdwn(RichText().append("   ", SpanStyle::bold)) == "   ");
  CHECK(slack::mrkdwn(RichText().append("#logistique", SpanStyle::channel)) ==
        "#logistique");  // not a Slack id
}

TEST_CASE("long sections are split at line ends, never refused", "[slack][blocks][limits]") {
  std::string long_text;
  for (int i = 0; i < 200; ++i)
    long_text += "Line " + std::to_string(i) + " of a long list of things to do\n";
  Message m;
  m.section(RichText(long_text));
  const auto out = slack::render(m);
  const json blocks = json::parse(out.blocks);
  REQUIRE(blocks.size() > 1);
  std::string joined;
  for (const auto& block : blocks) {
    const std::string piece = block["text"]["text"];
    CHECK(piece.size() <= slack::kMaxSectionText);
    joined += piece + "\n";
  }
  CHECK(joined.find("Line 199 of a long list") != std::string::npos);
  CHECK(joined.find("Line 0 of") != std::string::npos);
}

TEST_CASE("a single line too long is cut with a visible marker", "[slack][blocks][limits]") {
  Message m;
  m.section(RichText(std::string(5000, 'x')));
  m.header(std::string(200, 'h'));
  const auto out = slack::render(m);
  const json blocks = json::parse(out.blocks);
  const std::string section = blocks[0]["text"]["text"];
  CHECK(section.size() <= slack::kMaxSectionText + 2);  // "…" is three bytes, one character
  CHECK(section.ends_with("…"));
  const std::string header = blocks[1]["text"]["text"];
  CHECK(header.ends_with("…"));
}

TEST_CASE("cuts count characters and never split one", "[slack][blocks][limits]") {
  CHECK(slack::shorten("été", 3) == "été");
  CHECK(slack::shorten("éééé", 3) == "éé…");
  CHECK(slack::shorten("abc", 0).empty());
}

TEST_CASE("more than 50 blocks: the first 49 and a marker saying how many are left",
          "[slack][blocks][limits]") {
  Message m;
  m.locale = Locale::fr;
  for (int i = 0; i < 60; ++i)
    m.divider();
  const auto out = slack::render(m);
  const json blocks = json::parse(out.blocks);
  REQUIRE(blocks.size() == slack::kMaxBlocks);
  CHECK(blocks.back()["type"] == "context");
  CHECK(blocks.back()["elements"][0]["text"] == "… et 11 autres parties, trop longues pour un seul message.");
}

TEST_CASE("exactly 50 blocks are all shown, with no marker", "[slack][blocks][limits]") {
  Message m;
  for (int i = 0; i < 49; ++i)
    m.divider();
  m.section("last");
  const json blocks = json::parse(slack::render(m).blocks);
  REQUIRE(blocks.size() == slack::kMaxBlocks);
  CHECK(blocks.back()["text"]["text"] == "last");
}

TEST_CASE("the blocks are valid JSON whatever the text holds", "[slack][blocks][escaping]") {
  // Quotes, backslashes, control characters and bytes that are not UTF-8, in every place text goes.
  const std::string hostile = "say \"hi\" \\ back\tslash\n\x01\x1f end \xff\xfe";
  Message m;
  m.header(hostile);
  m.section(RichText(hostile).append(hostile, SpanStyle::bold));
  m.fields({{hostile, hostile}});
  m.context(hostile);
  m.actions(
      {{hostile, "a.1", hostile}, {"Open", "", "", ButtonStyle::normal, "", "https://x.test/?q=\"1\""}});
  m.actions({{"Docs", "", "", ButtonStyle::normal, "", "https://x.test/docs"}});
  const auto out = slack::render(m);
  const json blocks = json::parse(out.blocks);  // throws when the text is not JSON
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[0]["text"]["text"] == "say \"hi\" \\ back\tslash\n\x01\x1f end \uFFFD\uFFFD");
  CHECK(blocks[4]["elements"][0]["value"] == "say \"hi\" \\ back\tslash\n\x01\x1f end \uFFFD\uFFFD");
  CHECK(blocks[4]["elements"][1]["url"] == "https://x.test/?q=\"1\"");
  // A link button's id is unique within its block: the count starts again in the next one.
  CHECK(blocks[4]["elements"][1]["action_id"] == "link.1");
  CHECK(blocks[5]["elements"][0]["action_id"] == "link.0");
}

TEST_CASE("fields and buttons are grouped within Slack's per-block limits", "[slack][blocks][limits]") {
  Message m;
  std::vector<Field> fields;
  for (int i = 0; i < 12; ++i)
    fields.push_back({"Label " + std::to_string(i), "value"});
  m.fields(fields);
  std::vector<Button> buttons;
  for (int i = 0; i < 30; ++i)
    buttons.push_back({std::string(100, 'b'), "a." + std::to_string(i), "v"});
  m.actions(buttons);
  const auto out = slack::render(m);
  const json blocks = json::parse(out.blocks);
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0]["fields"].size() == 10);
  CHECK(blocks[1]["fields"].size() == 2);
  CHECK(blocks[2]["elements"].size() == 25);
  CHECK(blocks[3]["elements"].size() == 5);
  const std::string label = blocks[2]["elements"][0]["text"]["text"];
  CHECK(label.ends_with("…"));
}

TEST_CASE("a dialog becomes a modal view, and a submitted view gives back its values",
          "[slack][blocks][dialog]") {
  Dialog dialog;
  dialog.id = "language.choose";
  dialog.title = "A title much longer than Slack allows";
  dialog.submit = "Save";
  dialog.fields.push_back(
      {"language", "Language", {{"en", "English"}, {"fr", "Français"}}, "fr", "", true, 500});
  dialog.fields.push_back({"note", "Why", {}, "", "Optional", false, 200});
  dialog.context = "daily/2026-11-23";
  const json view = slack::render_view(dialog, "C0LOGISTIC");
  CHECK(view["type"] == "modal");
  CHECK(view["callback_id"] == "language.choose");
  // Where it was opened travels with the context, for the confirmation to go back there.
  const slack::ViewOrigin origin = slack::view_origin(view);
  CHECK(origin.channel == "C0LOGISTIC");
  CHECK(origin.context == "daily/2026-11-23");
  CHECK(slack::view_origin(json{{"private_metadata", "not json"}}).channel.empty());
  CHECK(view["title"]["text"].get<std::string>().size() <= slack::kMaxViewTitle + 2);
  CHECK(view["blocks"][0]["block_id"] == "language");
  CHECK(view["blocks"][0]["element"]["type"] == "static_select");
  CHECK(view["blocks"][0]["element"]["initial_option"]["value"] == "fr");
  CHECK(view["blocks"][0]["element"]["options"].size() == 2);
  CHECK(view["blocks"][1]["element"]["type"] == "plain_text_input");
  CHECK(view["blocks"][1]["element"]["max_length"] == 200);
  CHECK(view["blocks"][1]["optional"] == true);

  const json submitted = json::parse(R"({"state":{"values":{
      "language":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Français"},"value":"fr"}}},
      "note":{"value":{"type":"plain_text_input","value":"plus simple"}}}}})");
  const auto values = slack::view_values(submitted);
  CHECK(values.at("language") == "fr");
  CHECK(values.at("note") == "plus simple");
  CHECK(slack::view_values(json::object()).empty());
}

namespace {

// Every "&" in mrkdwn starts a whole escape: "&amp;", "&lt;" or "&gt;".
bool escapes_whole(const std::string& text) {
  for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1)) {
    const std::string_view rest = std::string_view(text).substr(at);
    if (!rest.starts_with("&amp;") && !rest.starts_with("&lt;") && !rest.starts_with("&gt;")) return false;
  }
  return true;
}

// A stand-up on the test team, its last question the blocker one.
Config standup_team() {
  return test::config_from(std::string(test::kTeamYaml) + R"(rituals:
  - key: standup
    kind: standup
    name: {en: Logistics stand-up, fr: Point logistique}
    department: logistics
    schedule: weekdays 09:30
    reminder_after: 20m
    report_after: 1h
)");
}

void require_slack_takes(const slack::Rendered& rendered) {
  const json blocks = json::parse(rendered.blocks);
  for (const std::string& problem : test::message_blocks_problems(blocks))
    FAIL_CHECK(problem);
  for (const std::string& problem : test::message_payload_problems({{"text", rendered.text}}))
    FAIL_CHECK(problem);
}

}  // namespace

TEST_CASE("every message baton sends today is one Slack takes, in both languages",
          "[slack][blocks][limits]") {
  test::Bot bot;
  std::vector<Message> messages;
  for (const char* who : {"ada", "marc", "sam"}) {
    for (const char* text : {"help", "whoami", "team", "team logistics", "team nowhere", "language",
                             "language fr", "status", "tema", "aide", "handoffs", "rituals", "off"}) {
      messages.push_back(bot.say(who, text).message);
    }
    messages.push_back(bot.say(who, std::string(5'000, 'x')).message);
    messages.push_back(bot.direct(who, "bonjour").message);
  }
  // A report where two people are blocked: a "Hand off" button each, in one block.
  const Config config = standup_team();
  const Ritual& ritual = config.rituals.at(0);
  StandupDay day;
  day.day = *parse_day("2026-11-23");
  for (const char* who : {"marc", "sam"}) {
    day.prompted.insert(who);
    day.answers[who] = {"standup", "2026-11-23", who, {"a", "b", std::string("waiting on ") + who},
                        {},        "slack"};
  }
  for (Locale locale : {Locale::en, Locale::fr})
    messages.push_back(standup_report(ritual, config.org, locale, day));
  REQUIRE(messages.size() > 40);
  for (const Message& message : messages) {
    INFO(message.summary());
    require_slack_takes(slack::render(message));
  }
  // Every form baton opens is a modal Slack opens.
  for (Locale locale : {Locale::en, Locale::fr}) {
    for (const std::string& problem :
         test::view_problems(slack::render_view(standup_dialog(ritual, locale, "2026-11-23"), "C0LOGISTIC")))
      FAIL_CHECK(problem);
  }
}

TEST_CASE("buttons meaning the same in one block get ids Slack takes, and their clicks mean the same",
          "[slack][blocks]") {
  Message m;
  m.actions({{"Logistics", "team.show", "logistics"},
             {"Marketing", "team.show", "marketing"},
             {"IT", "team.show", "it"},
             {"Other", "handoff.accept", "H-1"}});
  const json blocks = json::parse(slack::render(m).blocks);
  const json& elements = blocks[0]["elements"];
  CHECK(elements[0]["action_id"] == "team.show");
  CHECK(elements[1]["action_id"] == "team.show#1");
  CHECK(elements[2]["action_id"] == "team.show#2");
  CHECK(elements[3]["action_id"] == "handoff.accept");
  CHECK(test::message_blocks_problems(blocks).empty());
  for (const json& element : elements)
    CHECK(slack::action_of(element["action_id"].get<std::string>()) != "");
  CHECK(slack::action_of("team.show#2") == "team.show");
  CHECK(slack::action_of("team.show") == "team.show");
  // The fake Slack's rules catch the fault: the same ids in one block are refused.
  json repeated = blocks;
  repeated[0]["elements"][1]["action_id"] = "team.show";
  CHECK(test::message_blocks_problems(repeated).size() == 1);
}

TEST_CASE("text is cut before it is escaped: a cut never leaves half an escape", "[slack][blocks][limits]") {
  // Each "&" becomes "&amp;" in mrkdwn: cut after escaping, the text ended in "&am…", which Slack shows
  // as typed.
  for (std::size_t lead = 2980; lead < 2996; ++lead) {
    Message m;
    m.section(RichText(std::string(lead, 'a') + "&&&&&&&&<<<<>>>>"));
    m.context(RichText(std::string(lead - 1000, 'b') + "&&&&&&&&"));
    m.fields({{"label", RichText(std::string(lead - 1000, 'c') + "&&&&&&&&")}});
    const json blocks = json::parse(slack::render(m).blocks);
    for (const std::string& text :
         {blocks[0]["text"]["text"].get<std::string>(), blocks[1]["elements"][0]["text"].get<std::string>(),
          blocks[2]["fields"][0]["text"].get<std::string>()}) {
      INFO(text.substr(text.size() - 30));
      CHECK(escapes_whole(text));
    }
    CHECK(test::message_blocks_problems(blocks).empty());
  }
  // The fallback text too, and a bold span cut keeps its closing marker.
  Message bold;
  bold.section(RichText().append(std::string(3100, 'x'), SpanStyle::bold));
  const auto rendered = slack::render(bold);
  const std::string section = json::parse(rendered.blocks)[0]["text"]["text"];
  CHECK(section.starts_with("*x"));
  CHECK(section.ends_with("x*…"));
}
