#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/config/units.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/json_text.hpp"
#include "bot/core/text/suggest.hpp"
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
