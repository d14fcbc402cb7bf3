// The outgoing webhook's HMAC: Microsoft's documented token and header, a vector computed apart from
// baton (openssl dgst -sha256 -mac HMAC), and the ways a request can fail.
#include <catch2/catch.hpp>

#include "bot/core/crypto/hmac.hpp"
#include "integrations/teams/webhook_auth.hpp"

using namespace baton;
using namespace baton::teams;

namespace {
// From "Create an Outgoing Webhook" (Microsoft Teams platform docs, Verify HMAC token).
constexpr std::string_view kDocumentedToken = "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA=";
constexpr std::string_view kDocumentedHeader = "HMAC 03TCao0i55H1eVKUusZOTZRjtvYTs+mO41mPL+R1e1U=";
// Computed with: printf '%s' "$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(base64 -d of the
// token | xxd -p) -binary | base64
constexpr std::string_view kBody = R"({"type":"message","id":"1","text":"<at>baton</at> team logistique"})";
constexpr std::string_view kExpected = "HMAC dz5ss+GQ8PE/pGirnfTvLHSlkx6JvDlle/z/t38mbe8=";

std::string key() {
  return *base64_decode(kDocumentedToken);
}
}  // namespace

TEST_CASE("Microsoft's documented token and header have the shapes baton checks", "[teams][hmac]") {
  // The page gives the token and the header, not the message they were computed over; what can be
  // checked is that both decode as the scheme says, and that the header is judged a signature (of another
  // body), not refused as malformed.
  REQUIRE(base64_decode(kDocumentedToken).has_value());
  CHECK(key().size() == 32);
  CHECK(base64_decode(kDocumentedHeader.substr(5))->size() == 32);
  CHECK(verify_outgoing_webhook(key(), kDocumentedHeader, kBody) == WebhookCheck::mismatch);
}

TEST_CASE("a vector computed independently verifies", "[teams][hmac]") {
  CHECK(outgoing_webhook_authorization(key(), kBody) == kExpected);
  CHECK(verify_outgoing_webhook(key(), kExpected, kBody) == WebhookCheck::ok);
}

TEST_CASE("a wrong token, an altered body or a missing header is refused", "[teams][hmac]") {
  const std::string other_key = *base64_decode("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  CHECK(verify_outgoing_webhook(other_key, kExpected, kBody) == WebhookCheck::mismatch);
  std::string altered(kBody);
  altered.replace(altered.find("logistique"), 10, "marketing!");
  CHECK(verify_outgoing_webhook(key(), kExpected, altered) == WebhookCheck::mismatch);
  CHECK(verify_outgoing_webhook(key(), kExpected, std::string(kBody) + " ") == WebhookCheck::mismatch);
  CHECK(verify_outgoing_webhook(key(), std::nullopt, kBody) == WebhookCheck::missing);
  CHECK(verify_outgoing_webhook(key(), "Bearer abc", kBody) == WebhookCheck::missing);
  CHECK(verify_outgoing_webhook(key(), "HMAC not base64!", kBody) == WebhookCheck::malformed);
  CHECK(verify_outgoing_webhook(key(), "HMAC c2hvcnQ=", kBody) == WebhookCheck::malformed);
}
