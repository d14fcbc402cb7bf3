// Rate limits: how the config writes them, and the bucket that holds a member or a token to them.
#include "bot/core/limits/rate_limit.hpp"

#include <catch2/catch.hpp>

using namespace baton;
using namespace std::chrono_literals;

TEST_CASE("rate limits are read as a count per s, min or h, or off", "[limits][rate]") {
  CHECK(parse_rate_limit("30/min") == RateLimit{30, 1min});
  CHECK(parse_rate_limit("5/s") == RateLimit{5, 1s});
  CHECK(parse_rate_limit("1000/h") == RateLimit{1000, 1h});
  CHECK(parse_rate_limit("1000000/h") == RateLimit{1'000'000, 1h});
  CHECK(parse_rate_limit("off") == RateLimit{});
  CHECK_FALSE(parse_rate_limit("off").value().on());
  for (const char* bad : {"", "30", "/min", "0/min", "-1/min", "30/minute", "30/m", "1000001/h", "3 0/min",
                          "30/min ", "99999999999999999999/s", "Off"}) {
    INFO(bad);
    CHECK_FALSE(parse_rate_limit(bad));
  }
  CHECK(to_string(RateLimit{30, 1min}) == "30/min");
  CHECK(to_string(RateLimit{5, 1s}) == "5/s");
  CHECK(to_string(RateLimit{}) == "off");
}

TEST_CASE("a burst up to the limit passes, the next waits for its share, and time refills the bucket",
          "[limits][rate]") {
  RateLimiter limiter;
  const RateLimit limit{3, 1min};
  const SteadyTime start{};
  for (int i = 0; i < 3; ++i)
    CHECK_FALSE(limiter.take("sam", start, limit));
  const auto wait = limiter.take("sam", start, limit);
  REQUIRE(wait);
  CHECK(*wait == 20s);  // one token comes back every 20 s
  // Someone else is not held back by Sam.
  CHECK_FALSE(limiter.take("marc", start, limit));
  // A refused request does not count: 20 s later exactly one more passes.
  CHECK(limiter.take("sam", start + 10s, limit) == std::optional(10'000ms));
  CHECK_FALSE(limiter.take("sam", start + 20s, limit));
  CHECK(limiter.take("sam", start + 20s, limit));
  // Idle for a long while, the bucket is full again, never fuller.
  for (int i = 0; i < 3; ++i)
    CHECK_FALSE(limiter.take("sam", start + 1h, limit));
  CHECK(limiter.take("sam", start + 1h, limit));
}

TEST_CASE("off lets everything through, and a limit lowered by a reload applies at once", "[limits][rate]") {
  RateLimiter limiter;
  const SteadyTime start{};
  for (int i = 0; i < 1000; ++i)
    CHECK_FALSE(limiter.take("sam", start, RateLimit{}));
  CHECK_FALSE(limiter.take("ada", start, RateLimit{100, 1min}));  // 99 left under the old limit
  CHECK_FALSE(limiter.take("ada", start, RateLimit{2, 1min}));    // cut to 2, then 1 left
  CHECK_FALSE(limiter.take("ada", start, RateLimit{2, 1min}));
  CHECK(limiter.take("ada", start, RateLimit{2, 1min}));
}

TEST_CASE("the limiter forgets those whose bucket has refilled, so memory follows who is active",
          "[limits][rate]") {
  RateLimiter limiter;
  const RateLimit limit{10, 1s};
  const SteadyTime start{};
  for (int i = 0; i < 5000; ++i)
    CHECK_FALSE(limiter.take("user-" + std::to_string(i), start, limit));
  CHECK(limiter.keys() == 5000);
  // A second later every bucket is full again: the next newcomer clears them out.
  CHECK_FALSE(limiter.take("late", start + 1s, limit));
  CHECK(limiter.keys() == 1);
  // Within the second, nobody is forgotten (forgetting a bucket with requests in it would reset its count).
  for (int i = 0; i < 5000; ++i)
    CHECK_FALSE(limiter.take("again-" + std::to_string(i), start + 1500ms, limit));
  for (int i = 0; i < 10; ++i)
    (void)limiter.take("again-0", start + 1500ms, limit);
  CHECK_FALSE(limiter.take("newcomer", start + 1500ms, limit));
  CHECK(limiter.take("again-0", start + 1500ms, limit));
  CHECK(limiter.keys() == 5002);
}
