#include <catch2/catch.hpp>

#include "bot/core/config/units.hpp"
#include "bot/core/text/fold.hpp"
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
