#include "tests/support/fake_teams.hpp"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bot/core/http/form.hpp"
#include "integrations/teams/bot_auth.hpp"
#include "tests/support/loopback_server.hpp"

namespace baton::test {

using nlohmann::json;

namespace {

std::string bn_bytes(EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(pkey, name, &bn);
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

}  // namespace

SigningKey::SigningKey(std::string kid) : kid_(std::move(kid)), pkey_(EVP_RSA_gen(2048)) {}
SigningKey::~SigningKey() {
  EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_));
}

json SigningKey::jwk(const std::vector<std::string>& endorsements) const {
  auto* pkey = static_cast<EVP_PKEY*>(pkey_);
  return {{"kty", "RSA"},
          {"use", "sig"},
          {"kid", kid_},
          {"n", teams::base64url_encode(bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_N))},
          {"e", teams::base64url_encode(bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_E))},
          {"endorsements", endorsements}};
}

std::string SigningKey::sign(const json& claims) const {
  const json header{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid_}};
  const std::string input =
      teams::base64url_encode(header.dump()) + "." + teams::base64url_encode(claims.dump());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(pkey_));
  std::size_t length = 0;
  EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string signature(length, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(ctx);
  signature.resize(length);
  return input + "." + teams::base64url_encode(signature);
}

struct FakeTeams::Impl {
  std::string app_id;
  std::string app_password;
  SigningKey key{"fake-key-1"};

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<json> published;  // extra JWKs
  std::vector<Call> calls;
  struct Failure {
    std::string prefix;
    int status;
    std::optional<int> retry_after;
  };
  std::deque<Failure> failures;
  std::set<std::string> blocked;
  std::set<std::string> uninstalled;
  std::map<std::string, std::string> conversation_user;  // conversation id -> user
  int tokens = 0;
  int key_fetches = 0;
  int next_activity = 0;

  // Last: destroyed first, so its handlers never outlive the state above.
  LoopbackServer server;

  std::string base() const { return server.url(); }

  // A scripted failure for this path, if one is due.
  std::optional<HttpResponse> scripted(const std::string& path) {
    for (auto it = failures.begin(); it != failures.end(); ++it) {
      if (!path.starts_with(it->prefix)) continue;
      HttpResponse refusal = HttpResponse::json(it->status, json{{"error", {{"code", "Throttled"}}}}.dump());
      if (it->retry_after) refusal.headers.emplace_back("Retry-After", std::to_string(*it->retry_after));
      failures.erase(it);
      return refusal;
    }
    return std::nullopt;
  }

  void record(const HttpRequest& request) {
    calls.push_back({request.method, request.path, json::parse(request.body, nullptr, false)});
    changed.notify_all();
  }

  bool authorized(const HttpRequest& request) const {
    return request.header("authorization") == "Bearer fake-access-token-" + std::to_string(tokens);
  }

  static HttpResponse error(int status, const std::string& code) {
    return HttpResponse::json(status, json{{"error", {{"code", code}, {"message", code}}}}.dump());
  }
  // Teams refuses a message over about 28 KB, as the Bot Connector words it; so does the fake, and counts it.
  static constexpr std::size_t kMaxMessageBytes = 28'000;
  std::size_t too_large_count = 0;
  HttpResponse too_large(const HttpRequest& request) {
    ++too_large_count;
    record(request);
    return error(413, "MessageSizeTooBig");
  }

  void add_routes() {
    Router& router = server.router();
    router.add("GET", "/openid/.well-known/openidconfiguration",
               [this](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
                 co_return HttpResponse::json(200, json{{"issuer", "https://api.botframework.com"},
                                                        {"jwks_uri", base() + "/openid/keys"},
                                                        {"id_token_signing_alg_values_supported", {"RS256"}}}
                                                       .dump());
               });
    router.add("GET", "/openid/keys",
               [this](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
                 const std::lock_guard lock(mutex);
                 ++key_fetches;
                 json keys = json::array({key.jwk({"msteams", "skype"})});
                 for (const json& extra : published)
                   keys.push_back(extra);
                 co_return HttpResponse::json(200, json{{"keys", keys}}.dump());
               });
    router.add("POST", "/oauth/token",
               [this](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
                 const auto form = Form::parse(request.body);
                 const std::lock_guard lock(mutex);
                 if (!form || form->first("grant_type") != "client_credentials" ||
                     form->first("client_id") != app_id || form->first("client_secret") != app_password ||
                     form->first("scope") != "https://api.botframework.com/.default") {
                   co_return HttpResponse::json(401, json{{"error", "invalid_client"}}.dump());
                 }
                 ++tokens;
                 co_return HttpResponse::json(
                     200, json{{"token_type", "Bearer"},
                               {"expires_in", 3599},
                               {"access_token", "fake-access-token-" + std::to_string(tokens)}}
                              .dump());
               });
    router.add("POST", "/connector/v3/conversations",
               [this](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
                 const std::lock_guard lock(mutex);
                 if (auto failure = scripted(request.path)) co_return *failure;
                 if (!authorized(request)) co_return error(401, "Unauthorized");
                 record(request);
                 const json body = json::parse(request.body, nullptr, false);
                 std::string user;
                 if (body.is_object() && body.contains("/members/0/id"_json_pointer))
                   user = body["/members/0/id"_json_pointer].get<std::string>();
                 if (uninstalled.count(user) != 0) co_return error(403, "BotNotInConversationRoster");
                 const std::string id = "a:conv-" + user;
                 conversation_user[id] = user;
                 co_return HttpResponse::json(201, json{{"id", id}}.dump());
               });
    const auto post = [this](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
      const std::lock_guard lock(mutex);
      if (auto failure = scripted(request.path)) co_return *failure;
      if (!authorized(request)) co_return error(401, "Unauthorized");
      if (request.body.size() > kMaxMessageBytes) co_return too_large(request);
      const auto user = conversation_user.find(request.params.at("conversation"));
      if (user != conversation_user.end() && blocked.count(user->second) != 0)
        co_return error(403, "MessageWritesBlocked");
      record(request);
      co_return HttpResponse::json(201, json{{"id", "activity-" + std::to_string(++next_activity)}}.dump());
    };
    router.add("POST", "/connector/v3/conversations/{conversation}/activities", post);
    router.add("POST", "/connector/v3/conversations/{conversation}/activities/{activity}", post);
    router.add("PUT", "/connector/v3/conversations/{conversation}/activities/{activity}",
               [this](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
                 const std::lock_guard lock(mutex);
                 if (auto failure = scripted(request.path)) co_return *failure;
                 if (!authorized(request)) co_return error(401, "Unauthorized");
                 if (request.body.size() > kMaxMessageBytes) co_return too_large(request);
                 record(request);
                 co_return HttpResponse::json(200, json{{"id", request.params.at("activity")}}.dump());
               });
    router.add("POST", "/workflows/{name}",
               [this](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
                 const std::lock_guard lock(mutex);
                 if (auto failure = scripted(request.path)) co_return *failure;
                 if (request.body.size() > kMaxMessageBytes) co_return too_large(request);
                 record(request);
                 co_return HttpResponse::text(202, "");
               });
  }
};

FakeTeams::FakeTeams(std::string app_id, std::string app_password) : impl_(std::make_unique<Impl>()) {
  impl_->app_id = std::move(app_id);
  impl_->app_password = std::move(app_password);
  impl_->add_routes();
  impl_->server.start();
}

FakeTeams::~FakeTeams() = default;

std::string FakeTeams::openid_url() const {
  return impl_->base() + "/openid/.well-known/openidconfiguration";
}
std::string FakeTeams::token_url() const {
  return impl_->base() + "/oauth/token";
}
std::string FakeTeams::service_url() const {
  return impl_->base() + "/connector";
}
std::size_t FakeTeams::too_large() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->too_large_count;
}

std::string FakeTeams::workflow_url(const std::string& name) const {
  return impl_->base() + "/workflows/" + name;
}

json FakeTeams::claims(std::chrono::system_clock::time_point now) const {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return {{"iss", "https://api.botframework.com"},
          {"aud", impl_->app_id},
          {"serviceurl", service_url()},
          {"nbf", seconds - 10},
          {"exp", seconds + 3600}};
}

std::string FakeTeams::sign(const json& claims, const SigningKey* key) const {
  return (key != nullptr ? *key : impl_->key).sign(claims);
}

void FakeTeams::publish(const SigningKey& key) {
  const std::lock_guard lock(impl_->mutex);
  impl_->published.push_back(key.jwk({"msteams"}));
}

void FakeTeams::fail_next(const std::string& path_prefix, int count, int status,
                          std::optional<int> retry_after) {
  const std::lock_guard lock(impl_->mutex);
  for (int i = 0; i < count; ++i)
    impl_->failures.push_back({path_prefix, status, retry_after});
}

void FakeTeams::block(const std::string& user_id) {
  const std::lock_guard lock(impl_->mutex);
  impl_->blocked.insert(user_id);
}

void FakeTeams::not_installed(const std::string& user_id) {
  const std::lock_guard lock(impl_->mutex);
  impl_->uninstalled.insert(user_id);
}

std::vector<FakeTeams::Call> FakeTeams::calls(const std::string& path_prefix) const {
  const std::lock_guard lock(impl_->mutex);
  std::vector<Call> out;
  for (const Call& call : impl_->calls) {
    if (call.path.starts_with(path_prefix)) out.push_back(call);
  }
  return out;
}

bool FakeTeams::wait_for(const std::string& path_prefix, std::size_t count,
                         std::chrono::milliseconds limit) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, limit, [&] {
    std::size_t n = 0;
    for (const Call& call : impl_->calls)
      n += call.path.starts_with(path_prefix) ? 1 : 0;
    return n >= count;
  });
}

int FakeTeams::tokens_issued() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->tokens;
}

int FakeTeams::key_fetches() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->key_fetches;
}

}  // namespace baton::test
