#include "bot/core/http/http.hpp"

#include <algorithm>

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/pct_string_view.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/text/json_text.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string_view> HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
  if (!boost::urls::parse_query(query)) return std::nullopt;  // checked first: the view throws on bad input
  const boost::urls::params_view decoded(query, boost::urls::encoding_opts(true));
  for (const auto& param : decoded) {
    if (param.key == name) return param.has_value ? valid_utf8(param.value) : std::string();
  }
  return std::nullopt;
}

HttpResponse HttpResponse::error(int status, std::string_view code, std::string_view message) {
  return json_of(status, nlohmann::json{{"error", code}, {"message", message}});
}

HttpResponse HttpResponse::json_of(int status, const nlohmann::json& body) {
  return json(status, dump_json(body));
}

HttpResponse HttpResponse::json(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::text(int status, std::string body, std::string content_type) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

void Router::add(std::string method, std::string pattern, HttpHandler handler) {
  std::vector<std::string> segments = split_path(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  result.route = "unmatched";
  result.status = 404;
  if (!path.starts_with('/')) return result;
  const std::vector<std::string> segments = split_path(path);
  const Route* get_route = nullptr;
  std::map<std::string, std::string> get_params;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        const auto encoded = boost::urls::make_pct_string_view(segments[i]);
        if (segments[i].empty() || !encoded) {
          matches = false;
        } else {
          params[want.substr(1, want.size() - 2)] = valid_utf8(encoded->decode());
        }
      } else {
        matches = want == segments[i];
      }
    }
    if (!matches) continue;
    if (route.method == method) {
      result.handler = &route.handler;
      result.route = route.pattern;
      result.status = 200;
      result.params = std::move(params);
      return result;
    }
    if (route.method == "GET") {
      get_route = &route;
      get_params = params;
    }
    result.route = route.pattern;
    result.status = 405;
    if (result.allow.find(route.method) == std::string::npos) {
      result.allow += (result.allow.empty() ? "" : ", ") + route.method;
    }
  }
  if (get_route != nullptr && method != "HEAD") result.allow += ", HEAD";
  if (method == "HEAD" && get_route != nullptr) {
    result.handler = &get_route->handler;
    result.status = 200;
    result.params = std::move(get_params);
    result.allow.clear();
  }
  return result;
}

}  // namespace baton
