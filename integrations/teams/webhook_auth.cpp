#include "integrations/teams/webhook_auth.hpp"

#include "bot/core/crypto/hmac.hpp"

namespace baton::teams {

std::string_view to_string(WebhookCheck check) {
  switch (check) {
    case WebhookCheck::ok:
      return "ok";
    case WebhookCheck::missing:
      return "missing";
    case WebhookCheck::malformed:
      return "malformed";
    case WebhookCheck::mismatch:
      return "mismatch";
  }
  return "mismatch";
}

std::string outgoing_webhook_authorization(std::string_view key, std::string_view body) {
  return "HMAC " + base64_encode(bytes_of(hmac_sha256(key, body)));
}

WebhookCheck verify_outgoing_webhook(std::string_view key, std::optional<std::string_view> authorization,
                                     std::string_view body) {
  constexpr std::string_view kScheme = "HMAC ";
  if (!authorization || !authorization->starts_with(kScheme)) return WebhookCheck::missing;
  const auto decoded = base64_decode(authorization->substr(kScheme.size()));
  if (!decoded || decoded->size() != 32) return WebhookCheck::malformed;
  // Compared as decoded bytes, so how the base64 was written cannot make a valid signature fail.
  return constant_time_equal(bytes_of(hmac_sha256(key, body)), *decoded) ? WebhookCheck::ok
                                                                         : WebhookCheck::mismatch;
}

}  // namespace baton::teams
