#include "integrations/console/console_render.hpp"

#include <catch2/catch.hpp>

#include "integrations/console/console_platform.hpp"

using namespace baton;
using namespace baton::console;

TEST_CASE("a message renders as indented terminal text", "[console]") {
  Message m;
  m.header("Team map");
  m.section(RichText("Referent ").append("Camille", SpanStyle::bold));
  m.fields({{"Members", "Camille, Hugo"}, {"Channel", RichText().append("#marketing", SpanStyle::channel)}});
  m.divider();
  m.context("2 departments");
  m.actions({{"Accept", "handoff.accept", "H-1"}, {"Reject", "handoff.reject", "H-1", ButtonStyle::danger}});
  CHECK(render(m) ==
        "  Team map\n"
        "  ========\n"
        "  Referent Camille\n"
        "  Members: Camille, Hugo\n"
        "  Channel: #marketing\n"
        "  ----\n"
        "  2 departments\n"
        "  [ Accept ] [ Reject ]");
}

TEST_CASE("French messages get French punctuation in fields", "[console][i18n]") {
  Message m;
  m.locale = Locale::fr;
  m.fields({{"Référent", "Camille"}});
  CHECK(render(m) == "  Référent : Camille");
}

TEST_CASE("the header rule is as wide as the header, accents included", "[console]") {
  Message m;
  m.header("État");
  CHECK(render(m) == "  État\n  ====");
}

TEST_CASE("text someone typed cannot drive the terminal", "[console][escaping]") {
  CHECK(escape("clear\x1b[2J screen") == "clear[2J screen");
  CHECK(escape("bell\a and \x7f delete") == "bell and  delete");
  CHECK(escape("c1\xC2\x9B"
               "31m red") == "c131m red");
  CHECK(escape("tab\there") == "tab here");
  CHECK(escape("été, naïve, 日本") == "été, naïve, 日本");
  Message m;
  m.section(RichText("line one\nline two\r\x1b]0;pwned\x07"));
  CHECK(render(m) == "  line one\n  line two]0;pwned");
}

TEST_CASE("colour is used only when asked for", "[console]") {
  Message m;
  m.section(RichText("a ").append("b", SpanStyle::bold));
  RenderOptions color;
  color.color = true;
  CHECK(render(m, color) == "  a \x1b[1mb\x1b[0m");
  CHECK(render(m) == "  a b");
}

TEST_CASE("each message is introduced by where it goes", "[console]") {
  Destination channel;
  channel.channel = "#logistique";
  CHECK(ConsolePlatform::destination_line(channel) == "baton → #logistique");
  Destination dm;
  dm.kind = Destination::Kind::member;
  dm.member = "camille";
  CHECK(ConsolePlatform::destination_line(dm) == "baton → @camille (direct message)");
  Destination ephemeral;
  ephemeral.kind = Destination::Kind::member_in_channel;
  ephemeral.channel = "#console";
  ephemeral.member = "sophie";
  CHECK(ConsolePlatform::destination_line(ephemeral) == "baton → #console (only @sophie sees this)");
}
