// The HTTP server on a real loopback socket, driven byte by byte: keep-alive, limits, slow clients,
// errors, and the drain on shutdown.
#include <functional>
#include <future>
#include <set>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/system_clock.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/loopback_server.hpp"

using namespace baton;
using namespace std::chrono_literals;
using test::HttpConnection;

namespace {

// A handler that holds its request until the test opens the gate: a request in flight, on demand.
struct Gate {
  std::shared_ptr<boost::asio::steady_timer> timer;
  std::atomic<int> waiting{0};
};

class Server {
 public:
  explicit Server(ServerConfig config = {}) : server_(std::move(config)) {
    Router& router = server_.router();
    router.add("GET", "/hello", [](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
      co_return HttpResponse::text(200, "hello " + request.query);
    });
    router.add("POST", "/echo", [](HttpRequest& request, const Log&) -> boost::asio::awaitable<HttpResponse> {
      co_return HttpResponse::text(200, request.body);
    });
    router.add("GET", "/boom", [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
      throw std::runtime_error("secret internal detail");
      co_return HttpResponse::json(200, "{}");
    });
    router.add("GET", "/gate", [this](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
      ++gate_.waiting;
      boost::system::error_code ignored;
      co_await gate_.timer->async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
      co_return HttpResponse::text(200, "through the gate");
    });
    gate_.timer = std::make_shared<boost::asio::steady_timer>(server_.io(),
                                                              boost::asio::steady_timer::time_point::max());
    server_.start();
  }
  // Requests held at the gate go through, so the stop does not wait for them; the gate's timer goes
  // before the io_context it was made on.
  ~Server() {
    open_gate();
    server_.stop();
    gate_.timer.reset();
  }

  int port() const { return server_.port(); }
  void open_gate() {
    boost::asio::post(server_.io(), [timer = gate_.timer] { timer->cancel(); });
  }
  bool wait_until_waiting(int n) {
    for (int i = 0; i < 1000 && gate_.waiting.load() < n; ++i)
      std::this_thread::sleep_for(5ms);
    return gate_.waiting.load() >= n;
  }
  std::future<void> start_shutdown() { return server_.start_shutdown(); }
  void shutdown() { server_.shutdown(); }
  std::string metrics() const { return server_.metrics().render(); }
  bool eventually_in_metrics(const std::string& text) const {
    for (int i = 0; i < 1000; ++i) {
      if (metrics().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

 private:
  Gate gate_;
  test::LoopbackServer server_;
};

}  // namespace

TEST_CASE("several requests share one kept-alive connection", "[http]") {
  Server server;
  HttpConnection c("127.0.0.1", server.port());
  const auto first = c.request("GET", "/hello?who=1");
  CHECK(first.status == 200);
  CHECK(first.body == "hello who=1");
  CHECK(first.header("x-request-id").size() == 16);
  const auto second = c.request("POST", "/echo", "ping", "X-Request-Id: my-trace-42\r\n");
  CHECK(second.status == 200);
  CHECK(second.body == "ping");
  CHECK(second.header("x-request-id") == "my-trace-42");
  // A request id that could inject anything into logs is replaced by a fresh one.
  CHECK(c.request("GET", "/hello", "", "X-Request-Id: bad id\"\r\n").header("x-request-id") != "bad id\"");
}

TEST_CASE("unknown routes are 404 and wrong methods 405, as small JSON bodies", "[http]") {
  Server server;
  HttpConnection c("127.0.0.1", server.port());
  const auto missing = c.request("GET", "/nope");
  CHECK(missing.status == 404);
  CHECK(missing.header("content-type") == "application/json");
  CHECK(missing.body == R"({"error":"not_found","message":"no route for /nope"})");
  const auto wrong = c.request("DELETE", "/hello");
  CHECK(wrong.status == 405);
  CHECK(wrong.header("allow") == "GET, HEAD");
  CHECK(wrong.body == R"({"error":"method_not_allowed","message":"/hello takes GET, HEAD, not DELETE"})");
  const auto head = c.request("HEAD", "/hello");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
}

TEST_CASE("a body over the limit is refused with 413 before it is read", "[http][limits]") {
  ServerConfig config;
  config.body_limit = 1024;
  Server server(config);
  HttpConnection c("127.0.0.1", server.port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n");
  const auto reply = c.receive();
  REQUIRE(reply);
  CHECK(reply->status == 413);
  CHECK(reply->body == R"({"error":"body_too_large","message":"request bodies are limited to 1024 bytes"})");
  CHECK(c.closed_by_server(5s));

  HttpConnection chunked("127.0.0.1", server.port());
  chunked.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
               std::string(2048, 'a') + "\r\n0\r\n\r\n");
  const auto chunked_reply = chunked.receive();
  REQUIRE(chunked_reply);
  CHECK(chunked_reply->status == 413);

  HttpConnection fits("127.0.0.1", server.port());
  CHECK(fits.request("POST", "/echo", std::string(1024, 'b')).status == 200);
}

TEST_CASE("a client that sends its headers too slowly is dropped", "[http][slowloris]") {
  ServerConfig config;
  config.header_timeout = 300ms;
  Server server(config);
  HttpConnection slow("127.0.0.1", server.port());
  slow.send("GET /hel");  // ... and nothing more
  CHECK(slow.closed_by_server(10s));
  CHECK(server.eventually_in_metrics("baton_http_timeouts_total{phase=\"header\"} 1"));
  // The server still answers others.
  CHECK(test::http_get(server.port(), "/hello").status == 200);
}

TEST_CASE("a body that trickles in past its deadline is dropped", "[http][slowloris]") {
  ServerConfig config;
  config.body_timeout = 300ms;
  Server server(config);
  HttpConnection slow("127.0.0.1", server.port());
  slow.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part");
  CHECK(slow.closed_by_server(10s));
  // Beast closes the socket as the deadline passes, a moment before the server counts it.
  CHECK(server.eventually_in_metrics("baton_http_timeouts_total{phase=\"body\"} 1"));
}

TEST_CASE("an idle kept-alive connection is closed after the idle timeout", "[http]") {
  ServerConfig config;
  config.idle_timeout = 300ms;
  Server server(config);
  HttpConnection c("127.0.0.1", server.port());
  CHECK(c.request("GET", "/hello").status == 200);
  CHECK(c.closed_by_server(10s));
}

TEST_CASE("malformed requests get 400 and oversized headers 431", "[http][limits]") {
  Server server;
  HttpConnection garbage("127.0.0.1", server.port());
  garbage.send("this is not http\r\n\r\n");
  const auto bad = garbage.receive();
  REQUIRE(bad);
  CHECK(bad->status == 400);
  HttpConnection absolute("127.0.0.1", server.port());
  absolute.send("GET http://example.com/hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto not_a_path = absolute.receive();
  REQUIRE(not_a_path);
  CHECK(not_a_path->status == 400);
  CHECK_THAT(not_a_path->body, Catch::Contains("not a valid path"));
  HttpConnection huge("127.0.0.1", server.port());
  huge.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  const auto too_big = huge.receive();
  REQUIRE(too_big);
  CHECK(too_big->status == 431);
}

TEST_CASE("a handler that throws gives 500 with a reference and no detail", "[http]") {
  Server server;
  const auto reply = test::http_get(server.port(), "/boom");
  CHECK(reply.status == 500);
  CHECK_THAT(reply.body, Catch::Contains("reference " + reply.header("x-request-id")));
  CHECK_THAT(reply.body, !Catch::Contains("secret internal detail"));
}

TEST_CASE("Expect: 100-continue is honoured", "[http]") {
  Server server;
  HttpConnection c("127.0.0.1", server.port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  const auto go_on = c.receive();
  REQUIRE(go_on);
  CHECK(go_on->status == 100);
  c.send("hello");
  const auto reply = c.receive();
  REQUIRE(reply);
  CHECK(reply->body == "hello");
}

TEST_CASE("requests are counted by route and status, with latencies", "[http][metrics]") {
  Server server;
  test::http_get(server.port(), "/hello");
  test::http_get(server.port(), "/nope");
  const std::string text = server.metrics();
  CHECK_THAT(text,
             Catch::Contains(R"(baton_http_requests_total{method="GET",route="/hello",status="200"} 1)"));
  CHECK_THAT(text,
             Catch::Contains(R"(baton_http_requests_total{method="GET",route="unmatched",status="404"} 1)"));
  CHECK_THAT(text, Catch::Contains(R"(baton_http_request_duration_seconds_count{route="/hello"} 1)"));
}

TEST_CASE("shutdown closes idle connections, finishes requests in flight, and refuses new ones",
          "[http][shutdown]") {
  Server server;
  HttpConnection idle("127.0.0.1", server.port());
  CHECK(idle.request("GET", "/hello").status == 200);
  HttpConnection busy("127.0.0.1", server.port());
  busy.send("GET /gate HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(server.wait_until_waiting(1));

  auto done = server.start_shutdown();
  CHECK(idle.closed_by_server(10s));
  CHECK(done.wait_for(100ms) == std::future_status::timeout);  // still draining the busy one
  server.open_gate();
  const auto reply = busy.receive();
  REQUIRE(reply);
  CHECK(reply->status == 200);
  CHECK(reply->body == "through the gate");
  CHECK(reply->header("connection") == "close");
  CHECK(busy.closed_by_server(10s));
  CHECK(done.wait_for(10s) == std::future_status::ready);
  CHECK_THROWS(HttpConnection("127.0.0.1", server.port()));
}

TEST_CASE("shutdown gives up on requests still running after its timeout", "[http][shutdown]") {
  ServerConfig config;
  config.shutdown_timeout = 200ms;
  Server server(config);
  HttpConnection stuck("127.0.0.1", server.port());
  stuck.send("GET /gate HTTP/1.1\r\nHost: x\r\n\r\n");
  REQUIRE(server.wait_until_waiting(1));
  auto done = server.start_shutdown();
  CHECK(done.wait_for(10s) == std::future_status::ready);
  CHECK(stuck.closed_by_server(10s));
}

TEST_CASE("connections spread over single-threaded io_contexts stay on one thread each, and drain",
          "[http][threads]") {
  // As baton serve runs it: the services' io_context and one more, each run by a thread of its own.
  boost::asio::io_context main_context(1);
  boost::asio::io_context lane(1);
  auto keep_main = boost::asio::make_work_guard(main_context);
  auto keep_lane = boost::asio::make_work_guard(lane);
  Router router;
  router.add("GET", "/thread", [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
    co_return HttpResponse::text(200,
                                 std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())));
  });
  Metrics metrics;
  SystemClock clock;
  ServerConfig config;
  HttpServer server(main_context, config, router, metrics, clock, Log::discard());
  server.spread_over({&main_context, &lane});
  server.listen({"127.0.0.1", 0});
  server.start();
  std::thread main_thread([&] { main_context.run(); });
  std::thread lane_thread([&] { lane.run(); });

  const int port = server.local_address().port;
  std::set<std::string> threads;
  std::vector<std::unique_ptr<HttpConnection>> connections;
  for (int c = 0; c < 4; ++c) {
    connections.push_back(std::make_unique<HttpConnection>("127.0.0.1", port));
    std::set<std::string> mine;
    for (int r = 0; r < 3; ++r)
      mine.insert(connections.back()->request("GET", "/thread").body);
    CHECK(mine.size() == 1);  // a connection never changes thread
    threads.insert(mine.begin(), mine.end());
  }
  CHECK(threads.size() == 2);  // and they take turns over both

  auto done = boost::asio::co_spawn(main_context, server.shutdown(), boost::asio::use_future);
  CHECK(done.wait_for(10s) == std::future_status::ready);
  for (const auto& connection : connections)
    CHECK(connection->closed_by_server(10s));  // on either thread
  keep_main.reset();
  keep_lane.reset();
  main_thread.join();
  lane_thread.join();
}

TEST_CASE("a port in use is a clear error", "[http]") {
  Server first;
  boost::asio::io_context io;
  Router router;
  Metrics metrics;
  SystemClock clock;
  HttpServer second(io, ServerConfig{}, router, metrics, clock, Log::discard());
  CHECK_THROWS_WITH(second.listen({"127.0.0.1", static_cast<std::uint16_t>(first.port())}),
                    Catch::Contains("another program") && Catch::Contains("--listen"));
  CHECK_THROWS_WITH(second.listen({"not-an-ip", 1}), Catch::Contains("not an IP address"));
}
