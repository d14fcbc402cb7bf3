// HTTP 429 carries Retry-After (seconds); 5xx and network errors are temporary; a 200 can still say
// {"ok": false, "error": "..."}, which is temporary only for Slack's own failures.
#include "integrations/slack/web_api.hpp"

#include <algorithm>
#include <array>

#include "bot/core/http/form.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton::slack {

bool is_temporary_error(std::string_view code) {
  static constexpr std::array<std::string_view, 6> kTemporary{"ratelimited",         "rate_limited",
                                                              "internal_error",      "fatal_error",
                                                              "service_unavailable", "request_timeout"};
  return std::find(kTemporary.begin(), kTemporary.end(), code) != kTemporary.end();
}

WebApi::WebApi(HttpClient& http, std::string base_url, Secret bot_token, Log log)
    : http_(http), base_url_(std::move(base_url)), bot_token_(std::move(bot_token)), log_(std::move(log)) {}

boost::asio::awaitable<ApiResult> WebApi::call(std::string_view method, const nlohmann::json& arguments) {
  co_return co_await call_text(method, dump_json(arguments));
}

boost::asio::awaitable<ApiResult> WebApi::call_text(std::string_view method, std::string arguments) {
  ClientRequest request;
  request.method = "POST";
  request.url = base_url_ + "/" + std::string(method);
  request.headers = {{"Authorization", "Bearer " + std::string(bot_token_.reveal())},
                     {"Content-Type", "application/json; charset=utf-8"}};
  request.body = std::move(arguments);
  co_return co_await send(std::move(request), method, true);
}

boost::asio::awaitable<ApiResult> WebApi::call_form(
    std::string_view method, const std::vector<std::pair<std::string, std::string>>& fields) {
  ClientRequest request;
  request.method = "POST";
  request.url = base_url_ + "/" + std::string(method);
  request.headers = {{"Authorization", "Bearer " + std::string(bot_token_.reveal())},
                     {"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = form_encode(fields);
  co_return co_await send(std::move(request), method, true);
}

boost::asio::awaitable<ApiResult> WebApi::respond(const std::string& response_url,
                                                  const nlohmann::json& message) {
  co_return co_await respond_text(response_url, dump_json(message));
}

boost::asio::awaitable<ApiResult> WebApi::respond_text(const std::string& response_url, std::string message) {
  ClientRequest request;
  request.method = "POST";
  request.url = response_url;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = std::move(message);
  co_return co_await send(std::move(request), "response_url", false);
}

std::optional<std::chrono::milliseconds> WebApi::quiet_for(std::string_view method) {
  const std::lock_guard lock(quiet_mutex_);
  const auto found = quiet_until_.find(method);
  if (found == quiet_until_.end()) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  if (now >= found->second) {
    quiet_until_.erase(found);
    return std::nullopt;
  }
  return std::chrono::ceil<std::chrono::milliseconds>(found->second - now);
}

void WebApi::keep_quiet(std::string_view method, std::chrono::milliseconds length) {
  const std::lock_guard lock(quiet_mutex_);
  const auto until = std::chrono::steady_clock::now() + length;
  auto [found, added] = quiet_until_.try_emplace(std::string(method), until);
  if (!added) found->second = std::max(found->second, until);
}

boost::asio::awaitable<ApiResult> WebApi::send(ClientRequest request, std::string_view what,
                                               bool expects_json) {
  ApiResult result;
  if (const auto wait = quiet_for(what)) {
    result.retryable = true;
    result.retry_after = *wait;
    result.error = "rate limited (waiting out Slack's Retry-After for " + std::string(what) + ")";
    co_return result;
  }
  const ClientResult answer = co_await http_.send(std::move(request));
  if (!answer.answered()) {
    result.retryable = true;
    result.error = answer.error;
    co_return result;
  }
  const ClientResponse& response = *answer.response;
  if (response.status == 429) {
    result.retryable = true;
    result.retry_after = parse_retry_after(response.header("retry-after")).value_or(kDefaultRetryAfter);
    result.error = "rate limited (HTTP 429)";
    // A response_url is not a method: its limit is its own (a few uses in 30 minutes), said by its 404s.
    if (expects_json) keep_quiet(what, *result.retry_after);
    co_return result;
  }
  if (response.status >= 500) {
    result.retryable = true;
    result.retry_after = parse_retry_after(response.header("retry-after"));
    result.error = "HTTP " + std::to_string(response.status);
    co_return result;
  }
  if (response.status != 200) {
    // A response_url answers 404 "expired_url" / "used_url" and the like: say which.
    result.error = "HTTP " + std::to_string(response.status) +
                   (response.body.empty() ? "" : ": " + response.body.substr(0, 100));
    co_return result;
  }
  if (!expects_json) {
    result.ok = true;
    co_return result;
  }
  result.body = nlohmann::json::parse(response.body, nullptr, false);
  if (result.body.is_discarded() || !result.body.is_object()) {
    // Something between us and Slack answered (a proxy's page): worth another try.
    result.retryable = true;
    result.error = "the answer to " + std::string(what) + " is not JSON";
    co_return result;
  }
  result.ok = result.body.value("ok", nlohmann::json()) == nlohmann::json(true);
  if (!result.ok) {
    result.error = string_at(result.body, "/error"_json_pointer);
    if (result.error.empty()) result.error = "unknown_error";
    result.retryable = is_temporary_error(result.error);
    if (result.retryable) result.retry_after = parse_retry_after(response.header("retry-after"));
  } else if (result.body.contains("warning")) {
    log_.warn("slack api warning", {{"method", what}, {"warning", dump_json(result.body["warning"])}});
  }
  co_return result;
}

}  // namespace baton::slack
