// Calling other services over HTTP(S): Slack's Web API, Teams. Certificates are verified against the
// system's CAs (plus http_client.ca_file), the server name is sent (SNI), every step has a deadline, and
// connections are kept alive and reused per host. Failures are values, never exceptions: a caller decides
// whether to retry from what happened.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

namespace baton {

struct ClientRequest {
  std::string method = "POST";
  std::string url;  // http://host:port/path?query or https://...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::optional<std::chrono::milliseconds> timeout;  // for the whole exchange; the client's default if unset
};

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::optional<std::string_view> header(std::string_view name) const;
};

struct ClientResult {
  std::optional<ClientResponse> response;  // set when the server answered, whatever the status
  std::string error;  // otherwise: what went wrong ("timed out", "connection refused"...)
  bool answered() const { return response.has_value(); }
};

// How long to wait after a 429 that says nothing usable in Retry-After.
inline constexpr std::chrono::seconds kDefaultRetryAfter{5};
// A Retry-After header in seconds (what Slack and Teams send with 429); nullopt when absent or unusable.
std::optional<std::chrono::milliseconds> parse_retry_after(std::optional<std::string_view> header);

class HttpClient {
 public:
  struct Options {
    std::chrono::milliseconds timeout{10'000};
    std::optional<std::filesystem::path> ca_file;
    std::size_t max_response_bytes = std::size_t{8} * 1024 * 1024;
    std::size_t max_idle_per_host = 8;
  };

  // Throws std::runtime_error when the CA file cannot be loaded.
  HttpClient(boost::asio::any_io_executor executor, Options options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  boost::asio::awaitable<ClientResult> send(ClientRequest request);

  // Connections opened so far (reuse keeps this low): for tests and metrics.
  std::size_t connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baton
