#include "integrations/slack/signature.hpp"

#include <charconv>

#include "bot/core/crypto/hmac.hpp"

namespace baton::slack {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok:
      return "ok";
    case Verdict::missing_headers:
      return "missing_headers";
    case Verdict::bad_timestamp:
      return "bad_timestamp";
    case Verdict::stale:
      return "stale";
    case Verdict::mismatch:
      return "mismatch";
  }
  return "mismatch";
}

std::string sign(std::string_view signing_secret, std::string_view timestamp, std::string_view body) {
  std::string base;
  base.reserve(4 + timestamp.size() + body.size());
  base.append("v0:").append(timestamp).append(":").append(body);
  return "v0=" + to_hex(hmac_sha256(signing_secret, base));
}

Verdict verify(std::string_view signing_secret, std::optional<std::string_view> timestamp,
               std::optional<std::string_view> signature, std::string_view body, SysTime now) {
  if (!timestamp || !signature || timestamp->empty() || signature->empty()) return Verdict::missing_headers;
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(timestamp->data(), timestamp->data() + timestamp->size(), seconds);
  if (ec != std::errc{} || end != timestamp->data() + timestamp->size()) return Verdict::bad_timestamp;
  // Compared in seconds, without arithmetic on the sender's number, so no value can overflow.
  const std::int64_t now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t skew = std::chrono::seconds(kMaxClockSkew).count();
  if (seconds > now_seconds + skew || seconds < now_seconds - skew) return Verdict::stale;
  return constant_time_equal(sign(signing_secret, *timestamp, body), *signature) ? Verdict::ok
                                                                                 : Verdict::mismatch;
}

}  // namespace baton::slack
