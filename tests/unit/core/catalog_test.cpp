#include "bot/core/i18n/catalog.hpp"

#include <set>

#include <catch2/catch.hpp>

using namespace baton;

namespace {
std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    names.insert(std::string(text.substr(open + 1, text.find('}', open) - open - 1)));
  }
  return names;
}
std::size_t count(std::string_view text, char c) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}
}  // namespace

TEST_CASE("every message has both languages with the same placeholders and balanced markup", "[i18n]") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(Msg::count_); ++i) {
    const auto id = static_cast<Msg>(i);
    const std::string_view en = template_of(Locale::en, id);
    const std::string_view fr = template_of(Locale::fr, id);
    INFO("message " << i << ": " << en);
    CHECK_FALSE(en.empty());
    CHECK_FALSE(fr.empty());
    CHECK(placeholders(en) == placeholders(fr));
    CHECK(count(en, '`') % 2 == 0);
    CHECK(count(fr, '`') % 2 == 0);
    CHECK(count(en, '*') % 2 == 0);
    CHECK(count(fr, '*') % 2 == 0);
    CHECK(count(en, '{') == count(en, '}'));
  }
}

TEST_CASE("French sentences follow French punctuation", "[i18n]") {
  // A space before the colon and the question mark: "Services : 4", "Vouliez-vous dire ... ?".
  for (std::size_t i = 0; i < static_cast<std::size_t>(Msg::count_); ++i) {
    const std::string_view fr = template_of(Locale::fr, static_cast<Msg>(i));
    INFO(fr);
    // What is between backticks is typed as is ("due:2026-12-04"), not punctuation.
    bool code = false;
    for (std::size_t at = 0; at < fr.size(); ++at) {
      if (fr[at] == '`') code = !code;
      if (code || (fr[at] != ':' && fr[at] != '?')) continue;
      if (at > 0 && fr[at - 1] != '`' && fr[at - 1] != '{') CHECK(fr[at - 1] == ' ');
    }
  }
}

TEST_CASE("placeholders are filled with plain text that cannot become markup", "[i18n]") {
  const RichText text = tr(Locale::en, Msg::unknown_command, {{"typed", "*bold* `code`"}});
  CHECK(text.plain() == "I don't know the command “*bold* `code`”.");
  REQUIRE(text.spans.size() == 1);
  CHECK(text.spans[0].style == SpanStyle::plain);
}

TEST_CASE("template markup becomes styled spans", "[i18n]") {
  const RichText text = tr(Locale::fr, Msg::see_help, {{"prefix", "/baton"}});
  REQUIRE(text.spans.size() == 3);
  CHECK(text.spans[0] == Span{"Tapez ", SpanStyle::plain});
  CHECK(text.spans[1] == Span{"/baton help", SpanStyle::code});
  CHECK(text.spans[2] == Span{" pour voir ce que vous pouvez faire.", SpanStyle::plain});
}

TEST_CASE("lists are joined the way each language joins them", "[i18n]") {
  CHECK(join_list(Locale::en, {"a", "b", "c"}) == "a, b and c");
  CHECK(join_list(Locale::fr, {"a", "b", "c"}) == "a, b et c");
  CHECK(join_list(Locale::fr, {"a"}) == "a");
  CHECK(join_list(Locale::en, {}).empty());
}
