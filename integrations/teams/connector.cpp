#include "integrations/teams/connector.hpp"

#include "bot/core/http/form.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/http/url.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton::teams {
namespace {

using nlohmann::json;
namespace asio = boost::asio;

// Teams answers errors as {"error": {"code": "...", "message": "..."}}.
std::string error_code(const json& body, int status) {
  if (body.is_object() && body.contains("error")) {
    const json& error = body["error"];
    if (error.is_object() && error.contains("code") && error["code"].is_string()) return error["code"];
    if (error.is_string()) return error;
  }
  return "HTTP " + std::to_string(status);
}

// Unreserved characters, and ':' and '@' which a path segment may hold as they are.
std::string segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

}  // namespace

std::string activities_url(std::string_view service_url, std::string_view conversation_id,
                           std::string_view activity_id) {
  std::string url = without_trailing_slash(service_url);
  url += "/v3/conversations/" + segment(conversation_id) + "/activities";
  if (!activity_id.empty()) url += "/" + segment(activity_id);
  return url;
}

Connector::Connector(HttpClient& http, const TeamsConfig& config, const Clock& clock, Log log)
    : http_(http), config_(config), clock_(clock), log_(std::move(log)) {}

asio::awaitable<std::optional<std::string>> Connector::token(bool renew, std::string& error) {
  {
    const std::lock_guard lock(mutex_);
    if (!renew && !token_.empty() && clock_.now() + kTokenMargin < token_expires_) co_return token_;
  }
  ClientRequest request;
  request.method = "POST";
  request.url = config_.token_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = form_encode({{"grant_type", "client_credentials"},
                              {"client_id", config_.app_id},
                              {"client_secret", std::string(config_.app_password.reveal())},
                              {"scope", "https://api.botframework.com/.default"}});
  const ClientResult result = co_await http_.send(std::move(request));
  if (!result.answered()) {
    error = "token endpoint unreachable: " + result.error;
    co_return std::nullopt;
  }
  const json body = json::parse(result.response->body, nullptr, false);
  if (result.response->status != 200 || !body.is_object() || !body.contains("access_token") ||
      !body["access_token"].is_string()) {
    // invalid_client and friends: the app id or password is wrong, which no retry fixes.
    const std::string code = body.is_object() ? string_at(body, "/error"_json_pointer) : std::string();
    error = "token refused (HTTP " + std::to_string(result.response->status) +
            (code.empty() ? "" : ", " + code) + "): check the bot's app id and password";
    co_return std::nullopt;
  }
  const std::int64_t expires_in = body.contains("expires_in") && body["expires_in"].is_number()
                                      ? body["expires_in"].get<std::int64_t>()
                                      : 3600;
  const std::lock_guard lock(mutex_);
  token_ = body["access_token"].get<std::string>();
  token_expires_ = clock_.now() + std::chrono::seconds(expires_in);
  log_.info("teams access token obtained", {{"expires_in_s", expires_in}});
  co_return token_;
}

asio::awaitable<ConnectorResult> Connector::call(std::string method, std::string url, json body) {
  ConnectorResult out;
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string error;
    const auto bearer = co_await token(attempt > 0, error);
    if (!bearer) {
      out.error = error;
      out.retryable = error.starts_with("token endpoint unreachable");
      co_return out;
    }
    ClientRequest request;
    request.method = method;
    request.url = url;
    request.headers = {{"Authorization", "Bearer " + *bearer}, {"Content-Type", "application/json"}};
    request.body = dump_json(body);
    const ClientResult result = co_await http_.send(std::move(request));
    if (!result.answered()) {
      out.retryable = true;
      out.error = result.error;
      co_return out;
    }
    const ClientResponse& response = *result.response;
    out.status = response.status;
    out.body = json::parse(response.body, nullptr, false);
    if (response.status == 401 && attempt == 0) continue;  // the token may have been revoked: a new one
    out.ok = response.status >= 200 && response.status < 300;
    if (out.ok) co_return out;
    out.error = error_code(out.body, response.status);
    // Teams' documented transient answers: throttled (429), precondition failed (412, a conflict on its
    // side), bad gateway and gateway timeout; other 5xx too.
    out.retryable = response.status == 429 || response.status == 412 || response.status >= 500;
    if (response.status == 429)
      out.retry_after = parse_retry_after(response.header("retry-after")).value_or(kDefaultRetryAfter);
    co_return out;
  }
  co_return out;
}

asio::awaitable<ConnectorResult> Connector::create_conversation(const std::string& service_url,
                                                                const std::string& tenant_id,
                                                                const std::string& user_id) {
  json body{{"bot", {{"id", "28:" + config_.app_id}}},
            {"members", json::array({{{"id", user_id}}})},
            {"isGroup", false}};
  if (!tenant_id.empty()) {
    body["tenantId"] = tenant_id;
    body["channelData"] = {{"tenant", {{"id", tenant_id}}}};
  }
  std::string method = "POST";
  std::string url = service_url + "/v3/conversations";
  co_return co_await call(std::move(method), std::move(url), std::move(body));
}

}  // namespace baton::teams
