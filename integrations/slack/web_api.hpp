// Slack's Web API over the core HTTP client: one call, one classified result. What matters to a caller is
// whether Slack did it, and if not, whether trying again later can help (rate limits, outages, network)
// or not (a channel that does not exist, a revoked token).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/config/secret.hpp"
#include "bot/core/http/client.hpp"
#include "bot/core/log/log.hpp"

namespace baton::slack {

struct ApiResult {
  bool ok = false;
  bool retryable = false;
  std::optional<std::chrono::milliseconds> retry_after;
  std::string error;  // Slack's error code ("channel_not_found"), or what went wrong on the way
  nlohmann::json body;
};

// Slack's error codes that mean "not now" rather than "never".
bool is_temporary_error(std::string_view code);

class WebApi {
 public:
  WebApi(HttpClient& http, std::string base_url, Secret bot_token, Log log);

  // POSTs `arguments` as JSON to <base_url>/<method>.
  boost::asio::awaitable<ApiResult> call(std::string_view method, const nlohmann::json& arguments);
  // The same, with the arguments already written as a JSON object's text.
  boost::asio::awaitable<ApiResult> call_text(std::string_view method, std::string arguments);
  // POSTs form fields, for the read methods that do not take JSON (users.info).
  boost::asio::awaitable<ApiResult> call_form(std::string_view method,
                                              const std::vector<std::pair<std::string, std::string>>& fields);
  // POSTs a message to a response_url Slack gave with a command or a click.
  boost::asio::awaitable<ApiResult> respond(const std::string& response_url, const nlohmann::json& message);
  boost::asio::awaitable<ApiResult> respond_text(const std::string& response_url, std::string message);

  const std::string& base_url() const { return base_url_; }

 private:
  boost::asio::awaitable<ApiResult> send(ClientRequest request, std::string_view what, bool expects_json);
  // Slack limits each method apart, and a 429's Retry-After says when that method may be called again;
  // until then a call of it is not sent at all, and answered as rate limited for the time left.
  std::optional<std::chrono::milliseconds> quiet_for(std::string_view method);
  void keep_quiet(std::string_view method, std::chrono::milliseconds length);

  HttpClient& http_;
  std::string base_url_;
  Secret bot_token_;
  Log log_;
  std::mutex quiet_mutex_;
  std::map<std::string, std::chrono::steady_clock::time_point, std::less<>> quiet_until_;
};

}  // namespace baton::slack
