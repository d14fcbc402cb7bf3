#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {
SysTime at(const char* text) {
  return *parse_iso8601(text);
}
}  // namespace

TEST_CASE("a sleeper on the manual clock wakes when time reaches it, not before", "[clock]") {
  boost::asio::io_context io;
  ManualClock clock(at("2026-11-23T08:00:00Z"));
  bool woke = false;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        co_await clock.sleep_until(at("2026-11-23T09:30:00Z"));
        woke = true;
      },
      boost::asio::detached);
  io.poll();
  CHECK(clock.sleepers() == 1);
  clock.advance(89min);
  io.poll();
  CHECK_FALSE(woke);
  clock.advance(1min);
  io.poll();
  CHECK(woke);
  CHECK(clock.sleepers() == 0);
}

TEST_CASE("sleepers wake in time order as the clock jumps", "[clock]") {
  boost::asio::io_context io;
  ManualClock clock(at("2026-11-23T08:00:00Z"));
  std::vector<int> order;
  for (int minutes : {30, 10, 20}) {
    boost::asio::co_spawn(
        io,
        [&clock, &order, minutes]() -> boost::asio::awaitable<void> {
          co_await clock.sleep_until(at("2026-11-23T08:00:00Z") + std::chrono::minutes(minutes));
          order.push_back(minutes);
        },
        boost::asio::detached);
  }
  io.poll();
  for (int i = 0; i < 3; ++i) {
    clock.advance(10min);
    io.poll();
  }
  CHECK(order == std::vector<int>{10, 20, 30});
}

TEST_CASE("a time already past does not sleep, and the clock never goes back", "[clock]") {
  boost::asio::io_context io;
  ManualClock clock(at("2026-11-23T08:00:00Z"));
  bool done = false;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        co_await clock.sleep_until(at("2026-11-23T07:00:00Z"));
        done = true;
      },
      boost::asio::detached);
  io.poll();
  CHECK(done);
  clock.set(at("2026-11-22T00:00:00Z"));
  CHECK(clock.now() == at("2026-11-23T08:00:00Z"));
  const auto before = clock.monotonic();
  clock.advance(5s);
  CHECK(clock.monotonic() - before == 5s);
}

TEST_CASE("instants are written and read as RFC 3339", "[clock]") {
  const SysTime t = at("2026-11-22T18:07:10.123Z");
  CHECK(iso8601(t) == "2026-11-22T18:07:10.123Z");
  CHECK(parse_iso8601("2026-11-22T19:07:10.123+01:00") == t);
  CHECK_FALSE(parse_iso8601("2026-11-22").has_value());
  CHECK_FALSE(parse_iso8601("yesterday").has_value());
  CHECK_FALSE(parse_iso8601("2026-11-22T18:07:10Zjunk").has_value());
}

TEST_CASE("instants and days are written as date would write them, at every edge", "[clock]") {
  using namespace std::chrono;
  // Written by hand for speed: checked against date::format over the edges of days, years and eras, and
  // of what an instant (nanoseconds) holds: 1678 to 2261.
  for (const SysTime t :
       {SysTime{}, SysTime{} - milliseconds(1), at("1999-12-31T23:59:59.999Z"), at("2000-02-29T00:00:00Z"),
        at("2026-11-22T00:00:00.001Z"), at("2261-12-31T23:59:59.999Z"), at("1678-01-01T00:00:00Z")}) {
    CHECK(iso8601(t) == date::format("%FT%TZ", floor<milliseconds>(t)));
    const auto day = floor<date::days>(t);
    CHECK(day_text(day) == date::format("%F", day));
  }
  CHECK(iso8601(at("2026-11-22T18:07:10.5Z")) == "2026-11-22T18:07:10.500Z");
  CHECK(day_text(date::sys_days{date::year{2026} / 3 / 9}) == "2026-03-09");
  // Outside the four-digit years, date's own form.
  const date::sys_days far = date::sys_days{date::year{12000} / 1 / 1};
  CHECK(day_text(far) == date::format("%F", far));
}

TEST_CASE("days are read back only in the form day_text writes", "[clock]") {
  for (const char* text : {"2026-11-30", "2024-02-29", "0001-01-01", "9999-12-31"})
    CHECK(day_text(*parse_day(text)) == text);
  for (const char* text : {"2026-02-29", "2026-13-01", "2026-11-31", "2026-1-300", "-999-01-01", "+026-11-30",
                           "2026-11-3x", "2026/11/30", "2026-11-30T", ""})
    CHECK_FALSE(parse_day(text));
}

TEST_CASE("RFC 3339 parsing is strict about every field", "[clock]") {
  CHECK(parse_iso8601("2026-11-22T18:07:10Z") == parse_iso8601("2026-11-22T18:07:10.000Z"));
  CHECK(parse_iso8601("2026-11-22T18:07:10.5-05:30") == parse_iso8601("2026-11-22T23:37:10.500Z"));
  CHECK_FALSE(parse_iso8601("2026-02-30T00:00:00Z").has_value());
  CHECK_FALSE(parse_iso8601("2026-11-22T24:00:00Z").has_value());
  CHECK_FALSE(parse_iso8601("2026-11-22T18:07:10").has_value());
  CHECK_FALSE(parse_iso8601("2026-11-22T18:07:10.Z").has_value());
  CHECK_FALSE(parse_iso8601("2026-11-22T18:07:10+0100").has_value());
  CHECK_FALSE(parse_iso8601("2026-11-22 18:07:10Z").has_value());
  // Years an instant (nanoseconds) cannot hold are refused, not overflowed (found by fuzzing).
  CHECK_FALSE(parse_iso8601("9999-12-31T23:59:59Z").has_value());
  CHECK_FALSE(parse_iso8601("2262-06-01T00:00:00Z").has_value());
  CHECK_FALSE(parse_iso8601("0001-01-01T00:00:00Z").has_value());
  CHECK(parse_iso8601("2261-12-31T23:59:59Z").has_value());
}
