#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/config/units.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/json_text.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/utf8.hpp"
#include "bot/core/text/words.hpp"

using namespace baton;

TEST_CASE("folding ignores case and French accents", "[text]") {
  CHECK(fold("Équipe") == "equipe");
  CHECK(fold("LOGISTIQUE") == "logistique");
  CHECK(fold("Français") == "francais");
  CHECK(fold("cœur") == "coeur");
  CHECK(fold("naïve Noël") == "naive noel");
  CHECK(fold("日本") == "日本");  // other scripts pass through untouched
}

TEST_CASE("edit distance counts a swap of neighbours as one edit", "[text]") {
  CHECK(edit_distance("team", "team") == 0);
  CHECK(edit_distance("taem", "team") == 1);
  CHECK(edit_distance("tem", "team") == 1);
  CHECK(edit_distance("help", "whoami") > 3);
}

TEST_CASE("did-you-mean suggests close words and stays quiet otherwise", "[text]") {
  const std::vector<std::string> commands{"help", "whoami", "team", "language", "status"};
  CHECK(closest("tem", commands) == "team");
  CHECK(closest("TEAM", commands) == "team");
  CHECK(closest("hepl", commands) == "help");
  CHECK(closest("langage", commands) == "language");
  CHECK(closest("lang", commands) == "language");  // a unique prefix
  CHECK_FALSE(closest("deploy", commands).has_value());
  CHECK_FALSE(closest("", commands).has_value());
  CHECK_FALSE(closest("x", commands).has_value());
  const std::vector<std::string> departments{"logistics", "Logistique", "marketing"};
  CHECK(closest("logistiqe", departments) == "Logistique");
}

TEST_CASE("words split on spaces and keep quoted phrases together", "[text]") {
  using V = std::vector<std::string>;
  CHECK(split_words("  team   logistics ") == V{"team", "logistics"});
  CHECK(split_words(R"(handoff logistics "Restock SKU-123 before Friday" due:fri)") ==
        V{"handoff", "logistics", "Restock SKU-123 before Friday", "due:fri"});
  CHECK(split_words("handoff it “Fix the checkout”") == V{"handoff", "it", "Fix the checkout"});
  CHECK(split_words("handoff it « Corriger le panier »") == V{"handoff", "it", "Corriger le panier"});
  CHECK(split_words("team l'équipe") == V{"team", "l'équipe"});
  CHECK(split_words("say \"unclosed phrase") == V{"say", "unclosed phrase"});
  CHECK(split_words("a\u00A0b") == V{"a", "b"});
  CHECK(split_words("").empty());
}

TEST_CASE("durations and sizes are read with their units", "[text][config]") {
  using namespace std::chrono_literals;
  CHECK(parse_duration("500ms") == 500ms);
  CHECK(parse_duration("10s") == 10s);
  CHECK(parse_duration("2m") == 2min);
  CHECK(parse_duration("1h") == 1h);
  CHECK_FALSE(parse_duration("10").has_value());
  CHECK_FALSE(parse_duration("ten seconds").has_value());
  CHECK_FALSE(parse_duration("-5s").has_value());
  CHECK_FALSE(parse_duration("99999999999999999999h").has_value());
  CHECK(parse_size("64KiB") == 65536);
  CHECK(parse_size("1MiB") == 1048576);
  CHECK(parse_size("1000") == 1000);
  CHECK(parse_size("2kB") == 2000);
  CHECK_FALSE(parse_size("64 potatoes").has_value());
}

namespace {

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("JSON written piece by piece has a comma between members and elements, and only there",
          "[text][json]") {
  std::string out = "{";
  append_json_field(out, "a", "1");
  append_json_key(out, "list");
  out += '[';
  append_json_separator(out);
  out += "{}";
  append_json_separator(out);
  out += "2]";
  append_json_key(out, "object");
  append_json_separator(out);  // a value after its key: no comma
  out += "{}}";
  CHECK(out == R"({"a":"1","list":[{},2],"object":{}})");
}

TEST_CASE("JSON strings are escaped the way a JSON parser reads them back", "[text][json]") {
  CHECK(json_string("") == R"("")");
  CHECK(json_string("plain text") == R"("plain text")");
  CHECK(json_string("say \"hi\" \\ go") == R"("say \"hi\" \\ go")");
  CHECK(json_string("a\nb\tc\rd") == R"("a\nb\tc\rd")");
  CHECK(json_string(std::string("nul\0 bell\x07 esc\x1b", 15)) == R"("nul\u0000 bell\u0007 esc\u001b")");
  // Valid UTF-8 passes untouched, in every sequence length.
  CHECK(json_string("Équipe → 日本 🚀") == "\"Équipe → 日本 🚀\"");
  // Every byte value, in and out of sequences, parses back; valid text comes back as it was.
  std::string all;
  for (int c = 0; c < 256; ++c)
    all += static_cast<char>(c);
  all += "Noël";
  const auto back = nlohmann::json::parse(json_string(all)).get<std::string>();
  CHECK(back.substr(0, 128) == all.substr(0, 128));
  CHECK(back.ends_with("Noël"));
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD, so the JSON stays valid", "[text][json]") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(json_string("a\xFF"
                    "b") == "\"a" + replacement + "b\"");
  CHECK(json_string("\xC3") == "\"" + replacement + "\"");    // cut short at the end
  CHECK(json_string("\xC3(") == "\"" + replacement + "(\"");  // a lead without its continuation
  CHECK(json_string("\xC0\xAF") == "\"" + replacement + replacement + "\"");  // overlong '/'
  CHECK(json_string("\xE0\x80\xAF") == "\"" + replacement + replacement + replacement + "\"");
  CHECK(json_string("\xED\xA0\x80") == "\"" + replacement + replacement + replacement + "\"");  // a surrogate
  CHECK(json_string("\xF4\x90\x80\x80") ==
        "\"" + replacement + replacement + replacement + replacement + "\"");  // past U+10FFFF
  CHECK(json_string("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");            // U+10FFFF itself
  CHECK(json_string("\x80") == "\"" + replacement + "\"");                     // a lone continuation
  CHECK_NOTHROW(nlohmann::json::parse(json_string("\xFE\xFF\xC3\xED\xA0")));
}

TEST_CASE("text from outside is made valid UTF-8, one U+FFFD for each ill-formed sequence", "[text][utf8]") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(valid_utf8("Noël 📦") == "Noël 📦");
  CHECK(valid_utf8("caf\xE9") == "caf" + r);  // Latin-1 "é"
  CHECK(valid_utf8("\xF0\x9F\x93") == r);     // an emoji cut short: one replacement
  CHECK(valid_utf8("a\xE2\x82"
                   "b") == "a" + r + "b");         // "€" cut short inside a text
  CHECK(valid_utf8("\xC0\xAF") == r + r);          // overlong: each byte
  CHECK(valid_utf8("\xED\xA0\x80") == r + r + r);  // a surrogate: each byte
  CHECK(valid_utf8("\xFF\xFE") == r + r);
  // Once is enough: valid text, replacements included, comes back unchanged.
  const std::string once = valid_utf8("\xC3(\xF0\x9F\x93\x80\x80");
  CHECK(valid_utf8(once) == once);
  CHECK(is_valid_utf8(once));
  std::string in_place = "x\xE9y";
  make_valid_utf8(in_place);
  CHECK(in_place == "x" + r + "y");
}

TEST_CASE("a file that is not UTF-8 is found at its first bad byte", "[text][utf8]") {
  CHECK_FALSE(first_invalid_utf8("ok\nstill ok é\n").has_value());
  const auto fault = first_invalid_utf8(
      "name: Maison\ncity: Orl\xE9"
      "ans\n");
  REQUIRE(fault.has_value());
  CHECK(fault->line == 2);
  CHECK(fault->column == 10);
  CHECK(fault->message() == "the byte 0xE9 at column 10 is not UTF-8: save the file as UTF-8");
}

TEST_CASE("limits count characters, not bytes", "[text][utf8]") {
  CHECK(count_characters("é") == 1);
  CHECK(count_characters(std::string(150, 'a')) == 150);
  std::string accented;
  for (int i = 0; i < 149; ++i)
    accented += "é";
  CHECK(accented.size() == 298);
  CHECK(count_characters(accented) == 149);
  CHECK(count_characters("📦") == 1);
  CHECK(count_utf16_units("📦") == 2);  // as a browser's maxlength counts it
  CHECK(count_utf16_units("é") == 1);
  CHECK(measure("é📦", Measure::bytes) == 6);
}

TEST_CASE("text is cut between graphemes, with a marker, within its limit", "[text][utf8]") {
  CHECK(cut_text("short", 10) == "short");
  CHECK(cut_text("abcdefghij", 5) == "abcd…");
  // "é" written as e and a combining accent is one grapheme: never split from its accent.
  const std::string combining = "cafe\u0301 cafe\u0301";  // "café café"
  CHECK(cut_text(combining, 6) == "cafe\u0301…");         // five code points, and the marker
  CHECK(cut_text(combining, 5) == "caf…");
  // A flag is two code points; a family is four people joined by three ZWJ: one grapheme each.
  const std::string flags = "🇫🇷🇬🇧🇩🇪";
  CHECK(cut_text(flags, 4) == "🇫🇷…");
  const std::string family = "ok 👨‍👩‍👧‍👦 after";
  CHECK(cut_text(family, 10) == "ok …");  // the family is seven code points
  CHECK(cut_text(family, 11) == "ok 👨‍👩‍👧‍👦…");
  // A skin tone stays with its hand.
  CHECK(cut_text("👍🏽👍🏽", 2) == "…");
  // Every cut of a text mixing all widths is valid UTF-8, within the limit, and says it was cut.
  const std::string mixed = "a é € 📦 e\u0301 🇫🇷 👨‍👩‍👧‍👦 & <b> \"q\" 日本語";
  for (Measure unit : {Measure::characters, Measure::utf16_units, Measure::bytes}) {
    const std::size_t whole = measure(mixed, unit);
    for (std::size_t limit = 0; limit <= whole + 1; ++limit) {
      const std::string cut = cut_text(mixed, limit, unit);
      INFO("limit " << limit);
      CHECK(is_valid_utf8(cut));
      CHECK(measure(cut, unit) <= limit);
      if (limit >= whole) {
        CHECK(cut == mixed);
      } else if (limit >= measure("…", unit)) {
        CHECK(cut.ends_with("…"));
      }
    }
  }
}

TEST_CASE("graphemes are stepped through whole, and a bad byte is one of its own", "[text][utf8]") {
  Graphemes walk("e\u0301x\xFF🇫🇷");
  CHECK(walk.next() == "e\u0301");
  CHECK(walk.next() == "x");
  CHECK(walk.next() == "\xFF");
  CHECK(walk.next() == "🇫🇷");
  CHECK(walk.next().empty());
}

TEST_CASE("no JSON tree baton writes can throw on its text", "[text][json]") {
  const nlohmann::json tree{{"reason", std::string("trop long \xC3")}, {"list", {"ok", "\xFF"}}};
  CHECK_THROWS(tree.dump());  // what nlohmann does alone
  std::string written;
  REQUIRE_NOTHROW(written = dump_json(tree));
  const auto back = nlohmann::json::parse(written);
  CHECK(back["reason"] == "trop long \uFFFD");
  CHECK(back["list"][1] == "\uFFFD");
}
