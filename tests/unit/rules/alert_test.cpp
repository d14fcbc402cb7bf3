// The alert state machine with `for`, across evaluations on a made-up timeline.
#include "rules/alert.hpp"

#include <catch2/catch.hpp>

using namespace baton::rules;
using namespace std::chrono_literals;

namespace {

Instant at(int hours) {
  return Instant{std::chrono::hours(hours)};
}

}  // namespace

TEST_CASE("an alert is pending until its condition has held for `for`, then fires, then resolves",
          "[rules][alert]") {
  AlertStatus s;
  s = step(s, true, at(0), 2h);
  CHECK(s.state == AlertState::pending);
  CHECK(s.active_since == at(0));
  s = step(s, true, at(1), 2h);
  CHECK(s.state == AlertState::pending);
  s = step(s, true, at(2), 2h);  // held for exactly `for`
  CHECK(s.state == AlertState::firing);
  CHECK(s.fired_at == at(2));
  s = step(s, true, at(5), 2h);
  CHECK(s.state == AlertState::firing);
  CHECK(s.fired_at == at(2));  // still the same alert
  s = step(s, false, at(6), 2h);
  CHECK(s.state == AlertState::resolved);
  CHECK(s.fired_at == at(2));  // which alert was resolved
  s = step(s, false, at(7), 2h);
  CHECK(s.state == AlertState::inactive);
  CHECK_FALSE(s.fired_at);
}

TEST_CASE("a condition that stops holding while pending never fires, and `for` counts again",
          "[rules][alert]") {
  AlertStatus s = step({}, true, at(0), 2h);
  s = step(s, false, at(1), 2h);
  CHECK(s.state == AlertState::inactive);
  s = step(s, true, at(2), 2h);
  CHECK(s.active_since == at(2));
  CHECK(step(s, true, at(3), 2h).state == AlertState::pending);
  CHECK(step(s, true, at(4), 2h).state == AlertState::firing);
}

TEST_CASE("without `for` an alert fires at once, and after a resolution it starts over", "[rules][alert]") {
  AlertStatus s = step({}, true, at(0), 0s);
  CHECK(s.state == AlertState::firing);
  s = step(s, false, at(1), 0s);
  CHECK(s.state == AlertState::resolved);
  s = step(s, true, at(2), 0s);  // right after the resolution: a new alert
  CHECK(s.state == AlertState::firing);
  CHECK(s.fired_at == at(2));
}

TEST_CASE("missing data neither fires nor resolves", "[rules][alert]") {
  AlertStatus s = step({}, true, at(0), 2h);
  s = step(s, std::nullopt, at(3), 2h);
  CHECK(s.state == AlertState::pending);  // not confirmed by data it does not have
  s = step(s, true, at(4), 2h);
  CHECK(s.state == AlertState::firing);
  s = step(s, std::nullopt, at(5), 2h);
  CHECK(s.state == AlertState::firing);  // no data is not "resolved"
  CHECK(step({}, std::nullopt, at(0), 2h).state == AlertState::inactive);
  s = step(s, false, at(6), 2h);
  CHECK(step(s, std::nullopt, at(7), 2h).state == AlertState::inactive);  // the resolution was said
  CHECK(to_string(AlertState::pending) == "pending");
}
