// How often one member may send commands, or one API token call the KPI API: `count` in every `per`, as
// a bucket that holds `count` and refills evenly, so a burst up to the limit passes and a steady flood
// is held to the rate. The config writes it "30/min"; "off" (count 0) lets everything through.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bot/core/clock/clock.hpp"

namespace baton {

struct RateLimit {
  unsigned count = 0;  // 0: no limit
  std::chrono::milliseconds per{60'000};

  bool on() const { return count > 0; }
  bool operator==(const RateLimit&) const = default;
};

// "30/min", "5/s", "1000/h" or "off"; nullopt for anything else, or a count over 1,000,000.
std::optional<RateLimit> parse_rate_limit(std::string_view text);
// Back as the config writes it: "30/min".
std::string to_string(const RateLimit& limit);

class RateLimiter {
 public:
  // One request from `key` at `now` under `limit`: nullopt when it may go ahead (and it is counted),
  // or how long until it may. The limit is passed each time so that a reloaded config takes effect.
  std::optional<std::chrono::milliseconds> take(const std::string& key, SteadyTime now,
                                                const RateLimit& limit);

  std::size_t keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    SteadyTime at{};
  };
  // Above this many keys, the buckets that have refilled completely are forgotten (a full bucket and no
  // bucket allow the same), so memory follows who is active, not who ever was.
  static constexpr std::size_t kPruneAbove = 4096;
  void prune(SteadyTime now, const RateLimit& limit);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace baton
