// One coroutine per connection, on its own strand or on a single-threaded io_context. A connection is "idle"
// while it waits for the first byte of a request and "busy" from then until its response is written; shutdown
// closes idle ones at once and gives busy ones the shutdown timeout to finish.
#include "bot/core/http/server.hpp"

#include <list>
#include <mutex>
#include <random>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

namespace baton {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t kHeaderLimit = std::size_t{16} * 1024;
constexpr std::size_t kRequestIdMax = 64;

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kRequestIdMax) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

std::string new_request_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = random();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

struct Connection {
  explicit Connection(asio::any_io_executor e) : executor(std::move(e)) {}
  asio::any_io_executor executor;  // where the connection's coroutine runs: touch it only there
  // Touched only on its executor: the stream while the connection is served, and whether a request is
  // being handled.
  beast::tcp_stream* stream = nullptr;
  bool busy = false;
};

bool bytes_waiting(beast::tcp_stream& stream) {
  boost::system::error_code ec;
  return stream.socket().available(ec) > 0 && !ec;
}

// Runs on the acceptor's strand; the acceptor travels as a parameter so it lives in the coroutine frame.
asio::awaitable<void> close_acceptor(tcp::acceptor& acceptor) {
  boost::system::error_code ignored;
  acceptor.close(ignored);
  co_return;
}

}  // namespace

struct HttpServer::Impl {
  Impl(asio::io_context& io_context, const ServerConfig& server_config, const Router& r, Metrics& m,
       const Clock& c, Log l, std::atomic<bool>& stopping)
      : io(io_context),
        config(server_config),
        router(r),
        metrics(m),
        clock(c),
        log(std::move(l)),
        acceptor_strand(asio::make_strand(io_context)),
        acceptor(acceptor_strand),
        shutting_down(stopping),
        open_gauge(m.gauge("baton_http_connections_open", "HTTP connections currently open")) {}

  asio::io_context& io;
  ServerConfig config;
  const Router& router;
  Metrics& metrics;
  const Clock& clock;
  Log log;
  asio::strand<asio::io_context::executor_type> acceptor_strand;
  tcp::acceptor acceptor;
  std::vector<asio::io_context*> lanes;  // spread_over(); empty: a strand of `io` for each connection
  std::size_t next_lane = 0;             // touched on the acceptor's strand only
  std::atomic<bool>& shutting_down;
  Gauge& open_gauge;

  std::mutex mutex;
  std::list<std::shared_ptr<Connection>> connections;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket, std::shared_ptr<Connection> connection);
  asio::awaitable<HttpResponse> dispatch(HttpRequest& request, const Router::Match& match,
                                         const Log& request_log);
  asio::awaitable<bool> respond(beast::tcp_stream& stream, const HttpResponse& response, unsigned version,
                                bool keep_alive, bool head, const std::string& request_id);
  void count(std::string_view method, const std::string& route, int status, double seconds);
  void count_timeout(std::string_view phase);
  std::size_t open_connections();
  void for_each_connection(const std::function<void(const std::shared_ptr<Connection>&)>& action);
};

void HttpServer::Impl::count(std::string_view method, const std::string& route, int status, double seconds) {
  metrics
      .counter("baton_http_requests_total", "HTTP requests answered, by method, route and status",
               {{"method", std::string(method)}, {"route", route}, {"status", std::to_string(status)}})
      .add();
  metrics
      .histogram("baton_http_request_duration_seconds", "Time from a request's first byte to its response",
                 Metrics::latency_buckets(), {{"route", route}})
      .observe(seconds);
}

void HttpServer::Impl::count_timeout(std::string_view phase) {
  metrics
      .counter("baton_http_timeouts_total", "Connections closed for being too slow, by phase",
               {{"phase", std::string(phase)}})
      .add();
}

std::size_t HttpServer::Impl::open_connections() {
  const std::lock_guard lock(mutex);
  return connections.size();
}

void HttpServer::Impl::for_each_connection(
    const std::function<void(const std::shared_ptr<Connection>&)>& action) {
  const std::lock_guard lock(mutex);
  for (const auto& connection : connections)
    action(connection);
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  asio::steady_timer pause(acceptor_strand);
  for (;;) {
    const asio::any_io_executor executor =
        lanes.empty() ? asio::any_io_executor(asio::make_strand(io))
                      : asio::any_io_executor(lanes[next_lane++ % lanes.size()]->get_executor());
    auto [ec, socket] = co_await acceptor.async_accept(executor, kUseTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open() || shutting_down.load()) co_return;
      // Out of file descriptors and the like: say so and breathe rather than spin.
      log.warn("accept failed", {{"error", ec.message()}});
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    if (shutting_down.load()) co_return;
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto connection = std::make_shared<Connection>(executor);
    {
      const std::lock_guard lock(mutex);
      connections.push_back(connection);
      open_gauge.set(static_cast<double>(connections.size()));
    }
    asio::co_spawn(executor, serve(std::move(socket), connection), asio::detached);
  }
}

asio::awaitable<bool> HttpServer::Impl::respond(beast::tcp_stream& stream, const HttpResponse& response,
                                                unsigned version, bool keep_alive, bool head,
                                                const std::string& request_id) {
  http::response<http::string_body> res{static_cast<http::status>(response.status), version};
  res.set(http::field::content_type, response.content_type);
  res.set(http::field::cache_control, "no-store");
  if (!request_id.empty()) res.set("X-Request-Id", request_id);
  for (const auto& [name, value] : response.headers)
    res.set(name, value);
  res.keep_alive(keep_alive);
  res.body() = response.body;
  res.prepare_payload();
  if (head) {
    res.body().clear();
    res.content_length(response.body.size());
  }
  stream.expires_after(config.body_timeout);
  auto [ec, written] = co_await http::async_write(stream, res, kUseTuple);
  if (ec == beast::error::timeout) count_timeout("write");
  co_return !ec;
}

asio::awaitable<HttpResponse> HttpServer::Impl::dispatch(HttpRequest& request, const Router::Match& match,
                                                         const Log& request_log) {
  if (match.status == 404) {
    co_return HttpResponse::error(404, "not_found", "no route for " + request.path);
  }
  if (match.status == 405) {
    HttpResponse response = HttpResponse::error(
        405, "method_not_allowed", request.path + " takes " + match.allow + ", not " + request.method);
    response.headers.emplace_back("Allow", match.allow);
    co_return response;
  }
  request.params = match.params;
  try {
    co_return co_await (*match.handler)(request, request_log);
  } catch (const std::exception& e) {
    request_log.error("handler failed", {{"error", e.what()}});
  }
  // Details stay in the log; the client gets the reference to quote.
  co_return HttpResponse::error(500, "internal",
                                "baton hit an unexpected error; reference " + request.request_id);
}

asio::awaitable<void> HttpServer::Impl::serve(tcp::socket socket, std::shared_ptr<Connection> connection) {
  boost::system::error_code endpoint_error;
  const auto remote = socket.remote_endpoint(endpoint_error);
  const std::string remote_address = endpoint_error ? "unknown" : remote.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  connection->stream = &stream;

  struct Unregister {
    Impl* self;
    std::shared_ptr<Connection> connection;
    ~Unregister() {
      connection->stream = nullptr;
      const std::lock_guard lock(self->mutex);
      self->connections.remove(connection);
      self->open_gauge.set(static_cast<double>(self->connections.size()));
    }
  } unregister{this, connection};

  beast::flat_buffer buffer;
  try {
    for (bool keep_alive = true; keep_alive;) {
      // Idle: wait for the first byte of the next request.
      if (buffer.size() == 0) {
        connection->busy = false;
        // Stopping: a connection whose next request has already arrived is still answered.
        if (shutting_down.load() && !bytes_waiting(stream)) break;
        stream.expires_after(config.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kUseTuple);
        if (ec == asio::error::operation_aborted) {
          // Shutdown cancelled the wait; a request whose bytes already arrived is still served.
          if (!bytes_waiting(stream)) break;
        } else if (ec) {
          if (ec == beast::error::timeout) count_timeout("idle");
          break;
        } else {
          buffer.commit(n);
        }
      }
      connection->busy = true;
      const SteadyTime started = clock.monotonic();
      const auto elapsed = [&] { return std::chrono::duration<double>(clock.monotonic() - started).count(); };

      http::request_parser<http::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(config.body_limit);

      stream.expires_after(config.header_timeout);
      auto [header_error, header_bytes] = co_await http::async_read_header(stream, buffer, parser, kUseTuple);
      // Errors before routing get the route "unmatched"; the answer closes the connection.
      const auto fail = [&](int status, std::string_view code, std::string message) -> asio::awaitable<void> {
        count("unknown", "unmatched", status, elapsed());
        const std::string id = new_request_id();
        log.info("http request refused",
                 {{"request_id", id}, {"remote", remote_address}, {"status", status}, {"reason", code}});
        co_await respond(stream, HttpResponse::error(status, code, message), 11, false, false, id);
      };
      if (header_error) {
        if (header_error == beast::error::timeout) {
          // Beast closes a stream whose deadline passes, so there is no one left to answer: count and go.
          count_timeout("header");
        } else if (header_error == http::error::header_limit) {
          co_await fail(431, "headers_too_large", "request headers are limited to 16 KiB");
        } else if (header_error == http::error::body_limit) {
          co_await fail(413, "body_too_large",
                        "request bodies are limited to " + std::to_string(config.body_limit) + " bytes");
        } else if (header_error != http::error::end_of_stream && header_error != asio::error::eof &&
                   header_error != asio::error::connection_reset &&
                   header_error != asio::error::operation_aborted) {
          co_await fail(400, "bad_request", "this is not a valid HTTP/1.1 request");
        }
        break;
      }

      auto& head = parser.get();
      const std::string method(head.method_string());
      const std::string target(head.target());
      // Origin form only ("/path?query"): no absolute URLs, no "*", nothing that is not a valid path.
      const auto url = boost::urls::parse_origin_form(target);
      if (!url) {
        co_await fail(400, "bad_request", "the request target is not a valid path");
        break;
      }
      HttpRequest request;
      request.method = method;
      request.target = target;
      request.path = std::string(url->encoded_path());
      request.query = std::string(url->encoded_query());
      request.remote_address = remote_address;
      const auto given_id = head["X-Request-Id"];
      request.request_id = valid_request_id(given_id) ? std::string(given_id) : new_request_id();
      const Log request_log = log.with({{"request_id", request.request_id}});
      const Router::Match match = router.match(method, request.path);
      const bool is_head = method == "HEAD";

      if (!parser.is_done()) {
        if (beast::iequals(head[http::field::expect], "100-continue")) {
          http::response<http::empty_body> go_on{http::status::continue_, head.version()};
          stream.expires_after(config.body_timeout);
          co_await http::async_write(stream, go_on, kUseTuple);
        }
        stream.expires_after(config.body_timeout);
        auto [body_error, body_bytes] = co_await http::async_read(stream, buffer, parser, kUseTuple);
        if (body_error) {
          if (body_error == beast::error::timeout) count_timeout("body");
          if (body_error != http::error::body_limit) break;
          const HttpResponse refusal = HttpResponse::error(
              413, "body_too_large",
              "request bodies are limited to " + std::to_string(config.body_limit) + " bytes");
          count(method, match.route, refusal.status, elapsed());
          request_log.info("http request refused",
                           {{"method", method}, {"path", request.path}, {"status", refusal.status}});
          co_await respond(stream, refusal, head.version(), false, is_head, request.request_id);
          break;
        }
      }

      auto message = parser.release();
      request.body = std::move(message.body());
      for (const auto& field : message) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        request.headers.emplace_back(std::move(name), std::string(field.value()));
      }

      const HttpResponse response = co_await dispatch(request, match, request_log);
      keep_alive = message.keep_alive() && !shutting_down.load();
      // Counted before the write, so that whoever has seen the answer also finds it in /metrics.
      const double seconds = elapsed();
      count(method, match.route, response.status, seconds);
      const bool written =
          co_await respond(stream, response, message.version(), keep_alive, is_head, request.request_id);
      const bool probe = match.route == "/healthz" || match.route == "/readyz" || match.route == "/metrics";
      const auto level = probe && response.status < 400 ? LogLevel::debug : LogLevel::info;
      if (request_log.enabled(level)) {
        const std::initializer_list<LogField> fields{{"method", method},
                                                     {"path", request.path},
                                                     {"route", match.route},
                                                     {"status", response.status},
                                                     {"duration_ms", seconds * 1000.0},
                                                     {"remote", remote_address}};
        level == LogLevel::debug ? request_log.debug("http request", fields)
                                 : request_log.info("http request", fields);
      }
      if (!written) break;
    }
  } catch (const std::exception& e) {
    log.error("connection failed", {{"error", e.what()}, {"remote", remote_address}});
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream.close();
}

HttpServer::HttpServer(asio::io_context& io, const ServerConfig& config, const Router& router,
                       Metrics& metrics, const Clock& clock, Log log)
    : impl_(std::make_unique<Impl>(io, config, router, metrics, clock, std::move(log), shutting_down_)) {}

HttpServer::~HttpServer() = default;

void HttpServer::listen(const ListenAddress& address) {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address.host, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + address.text() + ": " + address.host +
                             " is not an IP address; use 127.0.0.1, 0.0.0.0 or ::");
  }
  const tcp::endpoint endpoint(ip, address.port);
  tcp::acceptor& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::string hint;
    if (ec == asio::error::address_in_use) {
      hint =
          ": another program (perhaps another baton) uses this port; stop it, or pick another port with "
          "--listen 127.0.0.1:PORT (port 0 picks a free one)";
    } else if (ec == asio::error::access_denied) {
      hint = ": ports below 1024 need privileges; use a port above 1024 behind your reverse proxy";
    } else if (ec == boost::system::errc::address_not_available) {
      hint = ": this machine has no such address";
    }
    throw std::runtime_error("cannot listen on " + address.text() + ": " + ec.message() + hint);
  }
}

ListenAddress HttpServer::local_address() const {
  boost::system::error_code ec;
  const auto endpoint = impl_->acceptor.local_endpoint(ec);
  ListenAddress address;
  if (!ec) {
    address.host = endpoint.address().to_string();
    address.port = endpoint.port();
  }
  return address;
}

void HttpServer::spread_over(std::vector<asio::io_context*> contexts) {
  impl_->lanes = std::move(contexts);
}

void HttpServer::start() {
  asio::co_spawn(impl_->acceptor_strand, impl_->accept_loop(), asio::detached);
}

asio::awaitable<void> HttpServer::shutdown() {
  if (shutting_down_.exchange(true)) co_return;
  Impl& impl = *impl_;
  // Close the acceptor first, and wait until it is closed, so that once idle connections start closing
  // no new one can arrive.
  co_await asio::co_spawn(impl.acceptor_strand, close_acceptor(impl.acceptor), asio::use_awaitable);
  impl.for_each_connection([](const std::shared_ptr<Connection>& connection) {
    asio::post(connection->executor, [connection] {
      if (connection->stream != nullptr && !connection->busy) connection->stream->cancel();
    });
  });

  const std::size_t in_flight = impl.open_connections();
  if (in_flight > 0) impl.log.info("draining connections", {{"open", in_flight}});
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto wait_for_drain = [&](std::chrono::milliseconds limit) -> asio::awaitable<void> {
    const SteadyTime deadline = impl.clock.monotonic() + limit;
    while (impl.open_connections() > 0 && impl.clock.monotonic() < deadline) {
      timer.expires_after(std::chrono::milliseconds(10));
      co_await timer.async_wait(kUseTuple);
    }
  };
  co_await wait_for_drain(impl.config.shutdown_timeout);

  if (const std::size_t left = impl.open_connections(); left > 0) {
    impl.log.warn("closing connections still busy after the shutdown timeout",
                  {{"open", left}, {"timeout_ms", impl.config.shutdown_timeout.count()}});
    impl.for_each_connection([](const std::shared_ptr<Connection>& connection) {
      asio::post(connection->executor, [connection] {
        if (connection->stream != nullptr) connection->stream->close();
      });
    });
    co_await wait_for_drain(std::chrono::milliseconds(1000));
  }
}

}  // namespace baton
