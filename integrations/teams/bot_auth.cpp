#include "integrations/teams/bot_auth.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "bot/core/crypto/hmac.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/http/url.hpp"

namespace baton::teams {
namespace {

using nlohmann::json;
namespace asio = boost::asio;

std::int64_t seconds_since_epoch(SysTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

AuthOutcome refuse(AuthOutcome::Verdict verdict, std::string reason) {
  return {verdict, std::move(reason)};
}

bool audience_matches(const json& aud, const std::string& app_id) {
  if (aud.is_string()) return aud.get<std::string>() == app_id;
  if (aud.is_array()) {
    for (const json& item : aud) {
      if (item.is_string() && item.get<std::string>() == app_id) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.find_first_of("+/=") != std::string_view::npos) return std::nullopt;
  std::string standard(text);
  for (char& c : standard) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (standard.size() % 4 != 0)
    standard += '=';
  return base64_decode(standard);
}

std::string base64url_encode(std::string_view bytes) {
  std::string out = base64_encode(bytes);
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=')
    out.pop_back();
  return out;
}

std::optional<Jwt> Jwt::parse(std::string_view token) {
  constexpr std::size_t kMaxToken = std::size_t{16} * 1024;
  if (token.size() > kMaxToken) return std::nullopt;
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
    return std::nullopt;
  const auto header = base64url_decode(token.substr(0, first));
  const auto claims = base64url_decode(token.substr(first + 1, second - first - 1));
  const auto signature = base64url_decode(token.substr(second + 1));
  if (!header || !claims || !signature) return std::nullopt;
  Jwt jwt;
  jwt.header = json::parse(*header, nullptr, false);
  jwt.claims = json::parse(*claims, nullptr, false);
  if (!jwt.header.is_object() || !jwt.claims.is_object()) return std::nullopt;
  jwt.signing_input = std::string(token.substr(0, second));
  jwt.signature = *signature;
  return jwt;
}

std::optional<RsaKey> RsaKey::from_jwk(const json& jwk) {
  if (!jwk.is_object() || string_at(jwk, "/kty"_json_pointer) != "RSA") return std::nullopt;
  const auto n = base64url_decode(string_at(jwk, "/n"_json_pointer));
  const auto e = base64url_decode(string_at(jwk, "/e"_json_pointer));
  if (!n || !e || n->size() < 256 || e->empty() || e->size() > 8) return std::nullopt;  // 2048 bits at least
  const auto bignum = [](const std::string& bytes) {
    return std::unique_ptr<BIGNUM, decltype(&BN_free)>(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                  nullptr),
        &BN_free);
  };
  auto modulus = bignum(*n);
  auto exponent = bignum(*e);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(),
                                                                          &OSSL_PARAM_BLD_free);
  if (!modulus || !exponent || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return std::nullopt;
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(builder.get()),
                                                                 &OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return std::nullopt;
  }
  RsaKey key;
  key.pkey_ = std::shared_ptr<void>(pkey, [](void* p) { EVP_PKEY_free(static_cast<EVP_PKEY*>(p)); });
  return key;
}

bool RsaKey::verify_rs256(std::string_view signing_input, std::string_view signature) const {
  if (!pkey_) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                                   static_cast<EVP_PKEY*>(pkey_.get())) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

BotAuth::BotAuth(HttpClient& http, std::string openid_metadata_url, std::string app_id, const Clock& clock,
                 Log log)
    : http_(http),
      metadata_url_(std::move(openid_metadata_url)),
      app_id_(std::move(app_id)),
      clock_(clock),
      log_(std::move(log)) {}

asio::awaitable<std::optional<json>> BotAuth::get_json(const std::string& url) {
  ClientRequest request;
  request.method = "GET";
  request.url = url;
  const ClientResult result = co_await http_.send(std::move(request));
  if (!result.answered() || result.response->status != 200) {
    log_.warn(
        "teams signing keys unavailable",
        {{"url", url},
         {"error", result.answered() ? "HTTP " + std::to_string(result.response->status) : result.error}});
    co_return std::nullopt;
  }
  json parsed = json::parse(result.response->body, nullptr, false);
  if (!parsed.is_object()) {
    log_.warn("teams signing keys unreadable", {{"url", url}});
    co_return std::nullopt;
  }
  co_return parsed;
}

asio::awaitable<bool> BotAuth::refresh() {
  const auto metadata = co_await get_json(metadata_url_);
  if (!metadata) co_return false;
  const std::string jwks_uri = metadata->value("jwks_uri", "");
  if (jwks_uri.empty()) {
    log_.warn("teams openid metadata has no jwks_uri", {{"url", metadata_url_}});
    co_return false;
  }
  const auto jwks = co_await get_json(jwks_uri);
  if (!jwks || !jwks->contains("keys") || !(*jwks)["keys"].is_array()) co_return false;
  std::map<std::string, Key> keys;
  for (const json& jwk : (*jwks)["keys"]) {
    const std::string kid = string_at(jwk, "/kid"_json_pointer);
    auto rsa = RsaKey::from_jwk(jwk);
    if (kid.empty() || !rsa) continue;
    Key key{std::move(*rsa), {}};
    if (jwk.contains("endorsements") && jwk["endorsements"].is_array()) {
      for (const json& e : jwk["endorsements"]) {
        if (e.is_string()) key.endorsements.push_back(e.get<std::string>());
      }
    }
    keys.emplace(kid, std::move(key));
  }
  if (keys.empty()) {
    log_.warn("teams signing keys: none usable", {{"url", jwks_uri}});
    co_return false;
  }
  const std::lock_guard lock(mutex_);
  keys_ = std::move(keys);
  fetched_at_ = clock_.now();
  log_.info("teams signing keys loaded", {{"keys", static_cast<std::int64_t>(keys_.size())}});
  co_return true;
}

asio::awaitable<BotAuth::Checked> BotAuth::check_token(std::optional<std::string_view> authorization) {
  using Verdict = AuthOutcome::Verdict;
  Checked checked;
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization || !authorization->starts_with(kBearer)) {
    checked.outcome = refuse(Verdict::unauthorized, "no bearer token");
    co_return checked;
  }
  const auto jwt = Jwt::parse(authorization->substr(kBearer.size()));
  if (!jwt) {
    checked.outcome = refuse(Verdict::unauthorized, "malformed token");
    co_return checked;
  }
  if (string_at(jwt->header, "/alg"_json_pointer) != "RS256") {
    checked.outcome = refuse(Verdict::unauthorized, "algorithm is not RS256");
    co_return checked;
  }
  const std::string kid = string_at(jwt->header, "/kid"_json_pointer);

  // Keys: loaded on first use, again once a day, and when a token names one not seen yet.
  const SysTime now = clock_.now();
  bool stale = false;
  bool known = false;
  {
    const std::lock_guard lock(mutex_);
    stale = !fetched_at_ || now - *fetched_at_ >= kRefreshEvery;
    known = keys_.count(kid) != 0;
  }
  if (stale) {
    co_await refresh();
  } else if (!known) {
    bool allowed = false;
    {
      const std::lock_guard lock(mutex_);
      allowed = !unknown_key_refresh_at_ || now - *unknown_key_refresh_at_ >= kUnknownKeyRefresh;
      if (allowed) unknown_key_refresh_at_ = now;
    }
    if (allowed) co_await refresh();
  }

  std::optional<Key> key;
  {
    const std::lock_guard lock(mutex_);
    const auto it = keys_.find(kid);
    if (it != keys_.end()) key = it->second;
  }
  if (!key) {
    checked.outcome = refuse(Verdict::unauthorized, "unknown signing key " + kid);
    co_return checked;
  }
  if (!key->rsa.verify_rs256(jwt->signing_input, jwt->signature)) {
    checked.outcome = refuse(Verdict::unauthorized, "bad signature");
    co_return checked;
  }
  const json& claims = jwt->claims;
  if (string_at(claims, "/iss"_json_pointer) != kBotFrameworkIssuer) {
    checked.outcome = refuse(Verdict::unauthorized, "wrong issuer");
    co_return checked;
  }
  if (!claims.contains("aud") || !audience_matches(claims["aud"], app_id_)) {
    checked.outcome = refuse(Verdict::unauthorized, "wrong audience");
    co_return checked;
  }
  const std::int64_t seconds = seconds_since_epoch(now);
  if (!claims.contains("exp") || !claims["exp"].is_number() ||
      claims["exp"].get<std::int64_t>() + kSkew.count() < seconds) {
    checked.outcome = refuse(Verdict::unauthorized, "expired");
    co_return checked;
  }
  if (claims.contains("nbf") &&
      (!claims["nbf"].is_number() || claims["nbf"].get<std::int64_t>() - kSkew.count() > seconds)) {
    checked.outcome = refuse(Verdict::unauthorized, "not yet valid");
    co_return checked;
  }
  checked.outcome = {Verdict::ok, {}};
  checked.claims = claims;
  checked.endorsements = key->endorsements;
  co_return checked;
}

AuthOutcome BotAuth::check_activity(const Checked& token, const json& activity) {
  using Verdict = AuthOutcome::Verdict;
  if (!token.outcome.ok()) return token.outcome;
  std::string claimed = string_at(token.claims, "/serviceurl"_json_pointer);
  if (claimed.empty()) claimed = string_at(token.claims, "/serviceUrl"_json_pointer);
  const std::string given = string_at(activity, "/serviceUrl"_json_pointer);
  // Compared without a trailing slash: Teams sends one, tokens sometimes do not.
  if (claimed.empty() || without_trailing_slash(claimed) != without_trailing_slash(given))
    return refuse(Verdict::unauthorized, "serviceUrl differs from the token's");
  const std::string channel = string_at(activity, "/channelId"_json_pointer);
  if (std::find(token.endorsements.begin(), token.endorsements.end(), channel) == token.endorsements.end())
    return refuse(Verdict::forbidden, "signing key not endorsed for channel " + channel);
  return {Verdict::ok, {}};
}

}  // namespace baton::teams
