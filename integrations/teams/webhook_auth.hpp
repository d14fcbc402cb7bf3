// Teams signs each outgoing-webhook request: "Authorization: HMAC <base64>", the HMAC-SHA256 of the raw
// body keyed with the webhook's security token (itself base64). Checked before the body is parsed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baton::teams {

enum class WebhookCheck {
  ok,
  missing,    // no Authorization header, or not an HMAC one
  malformed,  // HMAC, but its value is not base64 of 32 bytes
  mismatch,   // a signature, not ours: wrong token or altered body
};
std::string_view to_string(WebhookCheck check);

// `key` is the security token already base64-decoded (the config checks it decodes).
WebhookCheck verify_outgoing_webhook(std::string_view key, std::optional<std::string_view> authorization,
                                     std::string_view body);

// The header value Teams would send for this body: "HMAC <base64>".
std::string outgoing_webhook_authorization(std::string_view key, std::string_view body);

}  // namespace baton::teams
