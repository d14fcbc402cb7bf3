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
  const Sha256Digest digest = hmac_sha256(key, body);
  return "HMAC " +
         base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

WebhookCheck verify_outgoing_webhook(std::string_view key, std::optional<std::string_view> authorization,
                                     std::string_view body) {
  constexpr std::string_view kScheme = "HMAC ";
  if (!authorization || !authorization->starts_with(kScheme)) return WebhookCheck::missing;
  const std::string_view given = authorization->substr(kScheme.size());
  const auto decoded = base64_decode(given);
  if (!decoded || decoded->size() != 32) return WebhookCheck::malformed;
  const std::string expected = outgoing_webhook_authorization(key, body);
  // Compared as decoded bytes: base64 padding or case of the scheme cannot make a valid one fail.
  const Sha256Digest digest = hmac_sha256(key, body);
  const std::string_view ours(reinterpret_cast<const char*>(digest.data()), digest.size());
  return constant_time_equal(ours, *decoded) ? WebhookCheck::ok : WebhookCheck::mismatch;
}

}  // namespace baton::teams
