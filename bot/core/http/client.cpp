// One connection serves one request at a time; idle ones wait in a pool keyed by scheme, host and port.
// A request that fails on a reused connection before any answer arrived is tried once more on a fresh
// one: the server may have closed the idle connection just as it was taken. The deadline covers the
// whole exchange (resolve, connect, handshake, write, read).
#include "bot/core/http/client.hpp"

#include <atomic>
#include <charconv>
#include <map>
#include <mutex>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "bot/core/http/tls.hpp"
#include "bot/core/http/url.hpp"

namespace baton {

std::optional<std::chrono::milliseconds> parse_retry_after(std::optional<std::string_view> header) {
  if (!header) return std::nullopt;
  unsigned seconds = 0;
  const auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (ec != std::errc{} || end != header->data() + header->size() || seconds > 3600) return std::nullopt;
  return std::chrono::seconds(seconds);
}
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Deadline = std::chrono::steady_clock::time_point;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kResponseHeaderLimit = std::size_t{64} * 1024;

// A request's destination, and the key of its connection pool.
struct Target : UrlParts {
  std::string pool_key() const { return (tls ? "https://" : "http://") + host_header; }
};

std::optional<Target> parse_target(std::string_view url) {
  auto parts = parse_url(url, "http");
  if (!parts) return std::nullopt;
  return Target{std::move(*parts)};
}

struct Connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

std::string describe(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout || ec == asio::error::timed_out) return "timed out";
  if (ec == asio::error::connection_refused) return "connection refused";
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again)
    return "host not found";
  if (ec == http::error::body_limit) return "the answer is larger than allowed";
  if (ec.category() == asio::error::get_ssl_category()) return "TLS failed: " + ec.message();
  return ec.message();
}

// What a pooled connection shows when the server had closed it: the request never reached the server.
bool closed_by_peer(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

struct Exchanged {
  boost::system::error_code error;
  bool answer_started = false;  // some of the answer arrived: the server saw the request
  bool keep_alive = false;
  ClientResponse response;
};

template <typename Stream>
asio::awaitable<Exchanged> exchange(Stream& stream, Connection& connection, const Target& target,
                                    const ClientRequest& request, Deadline deadline, std::size_t max_bytes) {
  Exchanged out;
  http::request<http::string_body> message{http::string_to_verb(request.method), target.target, 11};
  message.set(http::field::host, target.host_header);
  message.set(http::field::user_agent, "baton/" BATON_VERSION);
  for (const auto& [name, value] : request.headers)
    message.set(name, value);
  message.body() = request.body;
  message.keep_alive(true);
  message.prepare_payload();

  connection.lowest().expires_at(deadline);
  auto [write_error, written] = co_await http::async_write(stream, message, kUseTuple);
  if (write_error) {
    out.error = write_error;
    co_return out;
  }
  http::response_parser<http::string_body> parser;
  parser.header_limit(kResponseHeaderLimit);
  parser.body_limit(max_bytes);
  auto [read_error, read] = co_await http::async_read(stream, connection.buffer, parser, kUseTuple);
  out.answer_started = parser.got_some();
  if (read_error) {
    out.error = read_error;
    co_return out;
  }
  auto answer = parser.release();
  out.keep_alive = answer.keep_alive();
  out.response.status = static_cast<int>(answer.result_int());
  for (const auto& field : answer) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.response.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.response.body = std::move(answer.body());
  co_return out;
}

}  // namespace

std::optional<std::string_view> ClientResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

struct HttpClient::Impl {
  Impl(asio::any_io_executor ex, Options opts) : executor(std::move(ex)), options(std::move(opts)) {
    // A CA file named in the config is read now, so a wrong path stops start-up rather than the first
    // message. The system's authorities are read at the first HTTPS connection: parsing them holds some
    // 1.3 MiB, which a baton that only speaks plain HTTP (its tests, a proxy on loopback) never needs.
    if (options.ca_file) tls = std::make_unique<asio::ssl::context>(make_client_tls(options.ca_file));
  }

  asio::any_io_executor executor;
  Options options;
  std::unique_ptr<asio::ssl::context> tls;  // guarded by `mutex` until made
  std::mutex mutex;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle;
  std::atomic<std::size_t> opened{0};

  asio::ssl::context* tls_context(std::string& error) {
    const std::lock_guard lock(mutex);
    if (!tls) {
      try {
        tls = std::make_unique<asio::ssl::context>(make_client_tls(std::nullopt));
      } catch (const std::exception& e) {
        error = std::string("cannot set up TLS: ") + e.what();
        return nullptr;
      }
    }
    return tls.get();
  }

  std::unique_ptr<Connection> take_idle(const std::string& key) {
    const std::lock_guard lock(mutex);
    const auto it = idle.find(key);
    if (it == idle.end() || it->second.empty()) return nullptr;
    auto connection = std::move(it->second.back());
    it->second.pop_back();
    return connection;
  }

  void give_back(const std::string& key, std::unique_ptr<Connection> connection) {
    connection->lowest().expires_never();
    const std::lock_guard lock(mutex);
    auto& list = idle[key];
    if (list.size() < options.max_idle_per_host) list.push_back(std::move(connection));
  }

  asio::awaitable<std::unique_ptr<Connection>> open(const Target& target, Deadline deadline,
                                                    std::string& error) {
    using namespace asio::experimental::awaitable_operators;
    tcp::resolver resolver(executor);
    asio::steady_timer timer(executor, deadline);
    auto resolved =
        co_await (resolver.async_resolve(target.host, target.port, kUseTuple) || timer.async_wait(kUseTuple));
    if (resolved.index() == 1) {
      error = "timed out looking up " + target.host;
      co_return nullptr;
    }
    const auto& [resolve_error, endpoints] = std::get<0>(resolved);
    if (resolve_error) {
      error = "cannot look up " + target.host + ": " + describe(resolve_error);
      co_return nullptr;
    }

    auto connection = std::make_unique<Connection>();
    if (target.tls) {
      asio::ssl::context* context = tls_context(error);
      if (!context) co_return nullptr;
      connection->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(executor, *context);
      if (!set_server_name(connection->tls->native_handle(), target.host)) {
        error = "cannot set the TLS server name";
        co_return nullptr;
      }
      connection->tls->set_verify_callback(asio::ssl::host_name_verification(target.host));
    } else {
      connection->plain = std::make_unique<beast::tcp_stream>(executor);
    }
    connection->lowest().expires_at(deadline);
    auto [connect_error, endpoint] = co_await connection->lowest().async_connect(endpoints, kUseTuple);
    if (connect_error) {
      error = "cannot connect to " + target.host_header + ": " + describe(connect_error);
      co_return nullptr;
    }
    ++opened;
    if (target.tls) {
      auto [handshake_error] =
          co_await connection->tls->async_handshake(asio::ssl::stream_base::client, kUseTuple);
      if (handshake_error) {
        error = "TLS handshake with " + target.host_header + " failed: " + describe(handshake_error);
        co_return nullptr;
      }
    }
    co_return connection;
  }
};

HttpClient::HttpClient(asio::any_io_executor executor, Options options)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(options))) {}

HttpClient::~HttpClient() = default;

std::size_t HttpClient::connections_opened() const {
  return impl_->opened.load();
}

asio::awaitable<ClientResult> HttpClient::send(ClientRequest request) {
  ClientResult result;
  const auto target = parse_target(request.url);
  if (!target) {
    result.error = "not an http or https URL";
    co_return result;
  }
  if (http::string_to_verb(request.method) == http::verb::unknown) {
    result.error = "unknown HTTP method " + request.method;
    co_return result;
  }
  const Deadline deadline =
      std::chrono::steady_clock::now() + request.timeout.value_or(impl_->options.timeout);
  const std::string key = target->pool_key();
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<Connection> connection = impl_->take_idle(key);
    const bool reused = connection != nullptr;
    if (!connection) {
      std::string error;
      connection = co_await impl_->open(*target, deadline, error);
      if (!connection) {
        result.error = error;
        co_return result;
      }
    }
    // Not a conditional expression: g++ 12 miscompiles co_await inside one.
    Exchanged done;
    if (connection->tls) {
      done = co_await exchange(*connection->tls, *connection, *target, request, deadline,
                               impl_->options.max_response_bytes);
    } else {
      done = co_await exchange(*connection->plain, *connection, *target, request, deadline,
                               impl_->options.max_response_bytes);
    }
    if (!done.error) {
      if (done.keep_alive) impl_->give_back(key, std::move(connection));
      result.response = std::move(done.response);
      co_return result;
    }
    if (reused && !done.answer_started && closed_by_peer(done.error)) continue;
    result.error = describe(done.error);
    co_return result;
  }
  result.error = "the connection was closed twice before an answer";
  co_return result;
}

}  // namespace baton
