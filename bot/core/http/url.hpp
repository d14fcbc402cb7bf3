// Taking an absolute URL apart for a connection: TLS or not, host, port, Host header, request target.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baton {

struct UrlParts {
  bool tls = false;
  std::string host;  // as resolvers and certificate checks want it (no IPv6 brackets)
  std::string port;
  std::string host_header;  // host and port as written, for the Host header
  std::string target;       // path and query
};

// For http/https (plain_scheme "http") or ws/wss (plain_scheme "ws"); nullopt for anything else.
std::optional<UrlParts> parse_url(std::string_view url, std::string_view plain_scheme = "http");

// "https://host/base/" -> "https://host/base": base URLs are stored without the slash, so paths append
// to them, and compare equal however they were written.
std::string without_trailing_slash(std::string_view url);

}  // namespace baton
