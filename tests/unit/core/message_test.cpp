#include "bot/core/message/message.hpp"

#include <catch2/catch.hpp>

using namespace baton;

TEST_CASE("rich text merges neighbouring spans of one style", "[message]") {
  RichText text("Hello ");
  text.append("world", SpanStyle::plain).append("!", SpanStyle::bold).append("?", SpanStyle::bold);
  REQUIRE(text.spans.size() == 2);
  CHECK(text.spans[0].text == "Hello world");
  CHECK(text.spans[1].text == "!?");
  CHECK(text.plain() == "Hello world!?");
  CHECK(RichText().empty());
}

TEST_CASE("a message sums itself up in one line", "[message]") {
  Message with_header;
  with_header.header("Team map").section("ignored");
  CHECK(with_header.summary() == "Team map");
  Message without;
  without.section(RichText("first line\nsecond"));
  CHECK(without.summary() == "first line");
}
