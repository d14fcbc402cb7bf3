// Slack's v0 request signing, starting from the example on Slack's "Verifying requests from Slack" page.
#include <catch2/catch.hpp>

#include "integrations/slack/signature.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {
// Slack's documented example: signing secret, timestamp, raw body and the signature Slack sends.
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view kTimestamp = "1531420618";
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_"
    "name="
    "foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%"
    "2Fhooks."
    "slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015."
    "47445629121.803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view kSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const SysTime kSentAt = SysTime(std::chrono::seconds(1531420618));
}  // namespace

TEST_CASE("Slack's documented example request verifies", "[slack][signature]") {
  CHECK(slack::sign(kSecret, kTimestamp, kBody) == kSignature);
  CHECK(slack::verify(kSecret, kTimestamp, kSignature, kBody, kSentAt + 30s) == slack::Verdict::ok);
}

TEST_CASE("a wrong secret or an altered body is a mismatch", "[slack][signature]") {
  CHECK(slack::verify("another-secret-entirely", kTimestamp, kSignature, kBody, kSentAt) ==
        slack::Verdict::mismatch);
  std::string altered(kBody);
  altered.replace(altered.find("roadrunner"), 10, "coyote0000");
  CHECK(slack::verify(kSecret, kTimestamp, kSignature, altered, kSentAt) == slack::Verdict::mismatch);
  CHECK(slack::verify(kSecret, kTimestamp, "v0=" + std::string(64, '0'), kBody, kSentAt) ==
        slack::Verdict::mismatch);
  CHECK(slack::verify(kSecret, kTimestamp, "garbage", kBody, kSentAt) == slack::Verdict::mismatch);
}

TEST_CASE("old and future timestamps are refused as replays", "[slack][signature]") {
  CHECK(slack::verify(kSecret, kTimestamp, kSignature, kBody, kSentAt + 5min) == slack::Verdict::ok);
  CHECK(slack::verify(kSecret, kTimestamp, kSignature, kBody, kSentAt + 5min + 1s) == slack::Verdict::stale);
  CHECK(slack::verify(kSecret, kTimestamp, kSignature, kBody, kSentAt - 5min - 1s) == slack::Verdict::stale);
  CHECK(slack::verify(kSecret, "99999999999999999", kSignature, kBody, kSentAt) == slack::Verdict::stale);
  CHECK(slack::verify(kSecret, "-9223372036854775807", kSignature, kBody, kSentAt) == slack::Verdict::stale);
}

TEST_CASE("missing or malformed headers are refused", "[slack][signature]") {
  CHECK(slack::verify(kSecret, std::nullopt, kSignature, kBody, kSentAt) == slack::Verdict::missing_headers);
  CHECK(slack::verify(kSecret, kTimestamp, std::nullopt, kBody, kSentAt) == slack::Verdict::missing_headers);
  CHECK(slack::verify(kSecret, "", kSignature, kBody, kSentAt) == slack::Verdict::missing_headers);
  CHECK(slack::verify(kSecret, "15314206l8", kSignature, kBody, kSentAt) == slack::Verdict::bad_timestamp);
  CHECK(slack::verify(kSecret, " 1531420618", kSignature, kBody, kSentAt) == slack::Verdict::bad_timestamp);
}
