// HTTP as the rest of baton sees it: a request, a response and a router, with no Beast types, so
// adapters and services stay free of the networking library. The server (server.hpp) does the wire.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include "bot/core/log/log.hpp"

namespace baton {

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // as sent: path and query
  std::string path;                                          // still percent-encoded, as routes are written
  std::string query;                                         // still percent-encoded; query_param() decodes
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::map<std::string, std::string> params;  // from {name} segments of the route, decoded
  std::string request_id;
  std::string remote_address;

  // The first header of that name (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
  // The first query parameter of that name, decoded ("%C3%A9" and "+" become "é" and " "); "" when it
  // has no value, nullopt when absent.
  std::optional<std::string> query_param(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // {"error": code, "message": message}: the shape of every error baton answers.
  static HttpResponse error(int status, std::string_view code, std::string_view message);
  static HttpResponse json(int status, std::string body);
  // A JSON value as the body. It may quote what a request sent: bytes that are not UTF-8 are written as
  // U+FFFD rather than making the answer fail.
  static HttpResponse json_of(int status, const nlohmann::json& body);
  static HttpResponse text(int status, std::string body,
                           std::string content_type = "text/plain; charset=utf-8");
};

// A handler gets the request and a Log already carrying its request id.
using HttpHandler = std::function<boost::asio::awaitable<HttpResponse>(HttpRequest&, const Log&)>;

class Router {
 public:
  // `pattern` is a path whose segments may be {name} placeholders: "/api/v1/kpis/{key}".
  void add(std::string method, std::string pattern, HttpHandler handler);

  struct Match {
    const HttpHandler* handler = nullptr;  // null when nothing matched
    std::string route;                     // the pattern, for metrics; "unmatched" when none
    int status = 200;                      // 404 (no such path) or 405 (path exists, not this method)
    std::string allow;                     // the methods the path takes, for 405
    std::map<std::string, std::string> params;
  };
  // HEAD is answered by the GET handler when there is no HEAD route.
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    HttpHandler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace baton
