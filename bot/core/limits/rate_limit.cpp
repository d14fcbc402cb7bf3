#include "bot/core/limits/rate_limit.hpp"

#include <charconv>
#include <cmath>

namespace baton {

namespace {

constexpr unsigned kMaxCount = 1'000'000;

struct Period {
  std::string_view name;
  std::chrono::milliseconds length;
};
constexpr Period kPeriods[] = {
    {"s", std::chrono::seconds(1)}, {"min", std::chrono::minutes(1)}, {"h", std::chrono::hours(1)}};

}  // namespace

std::optional<RateLimit> parse_rate_limit(std::string_view text) {
  if (text == "off") return RateLimit{};
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  unsigned count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + slash, count);
  if (error != std::errc() || end != text.data() + slash || count == 0 || count > kMaxCount)
    return std::nullopt;
  for (const Period& period : kPeriods) {
    if (text.substr(slash + 1) == period.name) return RateLimit{count, period.length};
  }
  return std::nullopt;
}

std::string to_string(const RateLimit& limit) {
  if (!limit.on()) return "off";
  for (const Period& period : kPeriods) {
    if (limit.per == period.length) return std::to_string(limit.count) + "/" + std::string(period.name);
  }
  return std::to_string(limit.count) + "/" + std::to_string(limit.per.count()) + "ms";
}

std::optional<std::chrono::milliseconds> RateLimiter::take(const std::string& key, SteadyTime now,
                                                           const RateLimit& limit) {
  if (!limit.on()) return std::nullopt;
  const double capacity = limit.count;
  const double per_ms = capacity / static_cast<double>(limit.per.count());  // tokens a millisecond
  const std::lock_guard lock(mutex_);
  if (buckets_.size() > kPruneAbove) prune(now, limit);
  auto [found, added] = buckets_.try_emplace(key, Bucket{capacity, now});
  Bucket& bucket = found->second;
  if (!added && now > bucket.at) {
    const double elapsed = std::chrono::duration<double, std::milli>(now - bucket.at).count();
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * per_ms);
    bucket.at = now;
  }
  // A limit lowered by a reload applies at once to buckets filled under the old one.
  bucket.tokens = std::min(bucket.tokens, capacity);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  const double wait = std::ceil((1.0 - bucket.tokens) / per_ms);
  return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(wait));
}

std::size_t RateLimiter::keys() const {
  const std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::prune(SteadyTime now, const RateLimit& limit) {
  std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.at >= limit.per; });
}

}  // namespace baton
