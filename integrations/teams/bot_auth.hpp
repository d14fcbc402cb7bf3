// Who may call /teams/messages: the Bot Framework signs each request with a JWT (RS256) whose keys are
// published through an OpenID metadata document. A token is accepted when its signature verifies with a
// published key, it was issued by the Bot Framework for this bot (audience = the app id), it is within
// its validity (five minutes of skew), it names the activity's serviceUrl, and its key is endorsed for
// the activity's channel. Keys are cached, refreshed daily, and when a token names a key not seen yet.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/http/client.hpp"
#include "bot/core/log/log.hpp"

namespace baton::teams {

inline constexpr std::string_view kBotFrameworkIssuer = "https://api.botframework.com";

// A JWT split and decoded, not yet trusted.
struct Jwt {
  nlohmann::json header;
  nlohmann::json claims;
  std::string signing_input;  // "<header>.<payload>" as received: what the signature covers
  std::string signature;      // raw bytes
  static std::optional<Jwt> parse(std::string_view token);
};

std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

// An RSA public key from a JWK's modulus and exponent; verifies RS256 signatures.
class RsaKey {
 public:
  static std::optional<RsaKey> from_jwk(const nlohmann::json& jwk);
  bool verify_rs256(std::string_view signing_input, std::string_view signature) const;

 private:
  std::shared_ptr<void> pkey_;  // EVP_PKEY, freed with EVP_PKEY_free
};

struct AuthOutcome {
  enum class Verdict { ok, unauthorized, forbidden };
  Verdict verdict = Verdict::unauthorized;
  std::string reason;  // for the log, never for the caller
  bool ok() const { return verdict == Verdict::ok; }
};

class BotAuth {
 public:
  BotAuth(HttpClient& http, std::string openid_metadata_url, std::string app_id, const Clock& clock, Log log);

  // Checks the Authorization header's token before the body is read: signature, issuer, audience, time.
  // The claims are returned for the checks that need the activity (check_activity).
  struct Checked {
    AuthOutcome outcome;
    nlohmann::json claims;
    std::vector<std::string> endorsements;
  };
  boost::asio::awaitable<Checked> check_token(std::optional<std::string_view> authorization);
  // Then, with the activity parsed: its serviceUrl is the token's, its channel is endorsed for the key.
  static AuthOutcome check_activity(const Checked& token, const nlohmann::json& activity);

  static constexpr std::chrono::seconds kSkew{300};
  static constexpr std::chrono::hours kRefreshEvery{24};
  // A token naming an unknown key fetches the keys again, at most this often (a stranger's made-up key
  // ids must not make baton hammer the metadata endpoint).
  static constexpr std::chrono::minutes kUnknownKeyRefresh{5};

 private:
  struct Key {
    RsaKey rsa;
    std::vector<std::string> endorsements;
  };
  boost::asio::awaitable<bool> refresh();
  boost::asio::awaitable<std::optional<nlohmann::json>> get_json(const std::string& url);

  HttpClient& http_;
  std::string metadata_url_;
  std::string app_id_;
  const Clock& clock_;
  Log log_;
  std::mutex mutex_;
  std::map<std::string, Key> keys_;
  std::optional<SysTime> fetched_at_;
  std::optional<SysTime> unknown_key_refresh_at_;
};

}  // namespace baton::teams
