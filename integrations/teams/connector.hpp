// The Bot Framework connector: what baton calls to write on Teams as a bot. Each call carries an access
// token obtained by client credentials (the bot's app id and password), cached until shortly before it
// expires. Results are classified for the outbox: done, worth retrying (429 with Retry-After, 412, 5xx,
// network), or not.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/http/client.hpp"
#include "bot/core/log/log.hpp"

namespace baton::teams {

struct ConnectorResult {
  int status = 0;  // 0 when Teams did not answer
  bool ok = false;
  bool retryable = false;
  std::optional<std::chrono::milliseconds> retry_after;
  std::string error;  // Teams' error code ("MessageWritesBlocked") or what went wrong on the way
  nlohmann::json body;
};

// <service url>/v3/conversations/<id>/activities[/<activity id>], the ids percent-encoded (Teams ids hold
// ':', '@', ';' and '=').
std::string activities_url(std::string_view service_url, std::string_view conversation_id,
                           std::string_view activity_id = {});

class Connector {
 public:
  Connector(HttpClient& http, const TeamsConfig& config, const Clock& clock, Log log);

  // `method` POST or PUT; `url` under a service URL Teams gave baton.
  boost::asio::awaitable<ConnectorResult> call(std::string method, std::string url, nlohmann::json body);
  // Creates (or finds) the 1:1 conversation between the bot and a person; returns its id.
  boost::asio::awaitable<ConnectorResult> create_conversation(const std::string& service_url,
                                                              const std::string& tenant_id,
                                                              const std::string& user_id);

  // Tokens are renewed this long before they expire.
  static constexpr std::chrono::minutes kTokenMargin{5};

 private:
  boost::asio::awaitable<std::optional<std::string>> token(bool renew, std::string& error);

  HttpClient& http_;
  const TeamsConfig& config_;
  const Clock& clock_;
  Log log_;
  std::mutex mutex_;
  std::string token_;
  SysTime token_expires_{};
};

}  // namespace baton::teams
