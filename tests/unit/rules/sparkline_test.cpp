#include "rules/sparkline.hpp"

#include <limits>

#include <catch2/catch.hpp>

using baton::rules::sparkline;

TEST_CASE("a sparkline scales values between the lowest and the highest block", "[rules][sparkline]") {
  CHECK(sparkline({0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0}) == "▁▂▃▄▅▆▇█");
  CHECK(sparkline({10.0, 20.0}) == "▁█");
  CHECK(sparkline({-5.0, 0.0, 5.0}) == "▁▅█");  // 0 is halfway: 3.5 rounds to the 5th block
  CHECK(sparkline({3.0, 3.0, 3.0}) == "▄▄▄");   // flat: the middle
  CHECK(sparkline({1.0, std::nullopt, 2.0}) == "▁ █");
  CHECK(sparkline({std::numeric_limits<double>::quiet_NaN(), 1.0}) == " ▄");
  CHECK(sparkline({}).empty());
  CHECK(sparkline({std::nullopt}) == " ");
}
