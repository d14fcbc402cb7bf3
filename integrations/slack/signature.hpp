// Slack's request signing (v0): HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the app's signing secret.
// Every request from Slack is checked with this before its body is even parsed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/clock/clock.hpp"

namespace baton::slack {

enum class Verdict {
  ok,
  missing_headers,  // no X-Slack-Signature or X-Slack-Request-Timestamp
  bad_timestamp,    // not a number of seconds
  stale,            // more than five minutes from now, either way: a replay
  mismatch,         // not signed with our secret, or the body was changed
};

std::string_view to_string(Verdict verdict);

// Requests further than this from our clock are refused, as Slack recommends, so a captured request
// cannot be replayed later.
inline constexpr std::chrono::minutes kMaxClockSkew{5};

// "v0=<hex>" for a body sent at `timestamp` (seconds since the epoch, as text).
std::string sign(std::string_view signing_secret, std::string_view timestamp, std::string_view body);

Verdict verify(std::string_view signing_secret, std::optional<std::string_view> timestamp,
               std::optional<std::string_view> signature, std::string_view body, SysTime now);

}  // namespace baton::slack
