#include "bot/core/http/url.hpp"

#include <boost/url/parse.hpp>

namespace baton {

std::optional<UrlParts> parse_url(std::string_view url, std::string_view plain_scheme) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->encoded_host().empty()) return std::nullopt;
  const std::string tls_scheme = std::string(plain_scheme) + "s";
  UrlParts parts;
  if (parsed->scheme() == tls_scheme) {
    parts.tls = true;
  } else if (parsed->scheme() != plain_scheme) {
    return std::nullopt;
  }
  parts.host = parsed->host_address();
  parts.port = parsed->has_port() ? std::string(parsed->port()) : (parts.tls ? "443" : "80");
  parts.host_header = std::string(parsed->encoded_host_and_port());
  parts.target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) parts.target += "?" + std::string(parsed->encoded_query());
  return parts;
}

std::string without_trailing_slash(std::string_view url) {
  while (url.ends_with('/'))
    url.remove_suffix(1);
  return std::string(url);
}

}  // namespace baton
