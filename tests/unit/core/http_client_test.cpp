// The HTTP client against real servers on loopback: baton's own server for plain HTTP, and a TLS server
// with a certificate made for the test.
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "bot/core/http/client.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tls_server.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

// baton's HTTP server with a few routes, on its own thread.
class Upstream {
 public:
  explicit Upstream(ServerConfig config = {}) : server_(std::move(config)) {
    Router& router = server_.router();
    router.add("POST", "/api/echo", [](HttpRequest& r, const Log&) -> boost::asio::awaitable<HttpResponse> {
      HttpResponse response = HttpResponse::json(200, r.body);
      response.headers.emplace_back("X-Seen-Auth", std::string(r.header("authorization").value_or("")));
      co_return response;
    });
    router.add("GET", "/big", [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
      co_return HttpResponse::text(200, std::string(100'000, 'x'));
    });
    router.add("GET", "/slow", [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
      boost::asio::steady_timer t(co_await boost::asio::this_coro::executor, 5s);
      co_await t.async_wait(boost::asio::use_awaitable);
      co_return HttpResponse::text(200, "late");
    });
    router.add("GET", "/unavailable", [](HttpRequest&, const Log&) -> boost::asio::awaitable<HttpResponse> {
      HttpResponse response = HttpResponse::text(503, "down for maintenance");
      response.headers.emplace_back("Retry-After", "7");
      co_return response;
    });
    server_.start();
  }
  std::string url(const std::string& path) const { return server_.url(path); }
  bool connections_drop_to_zero() const {
    for (int i = 0; i < 1000; ++i) {
      if (server_.metrics().render().find("baton_http_connections_open 0\n") != std::string::npos)
        return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

 private:
  test::LoopbackServer server_;
};

HttpClient::Options options(std::function<void(HttpClient::Options&)> change) {
  HttpClient::Options out;
  change(out);
  return out;
}

struct Client {
  explicit Client(HttpClient::Options options = {}) : client(io.get_executor(), std::move(options)) {}
  ClientResult send(ClientRequest request) {
    auto future = boost::asio::co_spawn(io, client.send(std::move(request)), boost::asio::use_future);
    io.restart();
    io.run();
    return future.get();
  }
  ClientResult get(const std::string& url) { return send({"GET", url, {}, {}, std::nullopt}); }
  boost::asio::io_context io;
  HttpClient client;
};

}  // namespace

TEST_CASE("a request gets its status, headers and body, and the connection is reused", "[http][client]") {
  Upstream upstream;
  Client c;
  const auto first = c.send({"POST",
                             upstream.url("/api/echo"),
                             {{"Authorization", "Bearer xoxb-1"}, {"Content-Type", "application/json"}},
                             R"({"channel":"C1"})",
                             std::nullopt});
  REQUIRE(first.answered());
  CHECK(first.response->status == 200);
  CHECK(first.response->body == R"({"channel":"C1"})");
  CHECK(first.response->header("X-SEEN-AUTH") == "Bearer xoxb-1");
  const auto second = c.send({"POST", upstream.url("/api/echo"), {}, "again", std::nullopt});
  CHECK(second.response->body == "again");
  CHECK(c.client.connections_opened() == 1);
}

TEST_CASE("error statuses are answers, with their headers", "[http][client]") {
  Upstream upstream;
  Client c;
  const auto down = c.get(upstream.url("/unavailable"));
  REQUIRE(down.answered());
  CHECK(down.response->status == 503);
  CHECK(down.response->header("retry-after") == "7");
  CHECK(c.get(upstream.url("/missing")).response->status == 404);
}

TEST_CASE("a connection the server closed while idle is replaced transparently", "[http][client]") {
  ServerConfig config;
  config.idle_timeout = 200ms;
  Upstream upstream(config);
  Client c;
  CHECK(c.get(upstream.url("/big")).response->status == 200);
  REQUIRE(upstream.connections_drop_to_zero());  // the server has closed the pooled connection
  const auto again = c.get(upstream.url("/big"));
  REQUIRE(again.answered());
  CHECK(again.response->status == 200);
  CHECK(c.client.connections_opened() == 2);
}

TEST_CASE("failures are values that say what happened", "[http][client]") {
  Upstream upstream;
  SECTION("a deadline") {
    Client c(options([](auto& o) { o.timeout = 300ms; }));
    const auto slow = c.get(upstream.url("/slow"));
    CHECK_FALSE(slow.answered());
    CHECK(slow.error == "timed out");
  }
  SECTION("nobody listening") {
    Client c;
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor closed(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    const auto port = closed.local_endpoint().port();
    closed.close();
    const auto refused = c.get("http://127.0.0.1:" + std::to_string(port) + "/");
    CHECK_THAT(refused.error, Catch::Contains("connection refused"));
  }
  SECTION("an answer larger than allowed") {
    Client c(options([](auto& o) { o.max_response_bytes = 1000; }));
    CHECK(c.get(upstream.url("/big")).error == "the answer is larger than allowed");
  }
  SECTION("not a URL it can call") {
    Client c;
    CHECK(c.get("ftp://example.com/").error == "not an http or https URL");
    CHECK(c.get("no url at all").error == "not an http or https URL");
    CHECK(c.send({"BREW", upstream.url("/"), {}, {}, std::nullopt}).error == "unknown HTTP method BREW");
  }
}

TEST_CASE("TLS: a trusted certificate for the right name works, and the name is sent",
          "[http][client][tls]") {
  const auto cert = test::make_certificate("localhost", "DNS:localhost,IP:127.0.0.1");
  test::TlsServer server(cert, "secure hello");
  test::TempDir dir;
  Client c(options([&](auto& o) { o.ca_file = dir.write("ca.pem", cert.cert_pem); }));
  const auto reply = c.get("https://localhost:" + std::to_string(server.port()) + "/api/test");
  INFO(reply.error);
  REQUIRE(reply.answered());
  CHECK(reply.response->body == "secure hello");
  CHECK(server.server_names() == std::vector<std::string>{"localhost"});
  CHECK(c.get("https://localhost:" + std::to_string(server.port()) + "/again").answered());
  CHECK(c.client.connections_opened() == 1);
}

TEST_CASE("TLS: an untrusted certificate or a wrong name is refused", "[http][client][tls]") {
  const auto cert = test::make_certificate("localhost", "DNS:localhost");
  test::TlsServer server(cert, "should not be read");
  const std::string url = "https://localhost:" + std::to_string(server.port()) + "/";
  SECTION("not signed by a trusted CA") {
    Client c;
    const auto reply = c.get(url);
    CHECK_FALSE(reply.answered());
    CHECK_THAT(reply.error, Catch::Contains("TLS handshake with localhost") &&
                                Catch::Contains("certificate verify failed"));
  }
  SECTION("trusted, but for another name") {
    const auto other = test::make_certificate("slack.example", "DNS:slack.example");
    test::TlsServer impostor(other, "impostor");
    test::TempDir dir;
    Client c(options([&](auto& o) { o.ca_file = dir.write("ca.pem", other.cert_pem); }));
    const auto reply = c.get("https://localhost:" + std::to_string(impostor.port()) + "/");
    CHECK_FALSE(reply.answered());
    CHECK_THAT(reply.error, Catch::Contains("certificate verify failed"));
  }
  SECTION("a CA file that cannot be read stops start-up") {
    CHECK_THROWS_WITH(HttpClient(boost::asio::system_executor(),
                                 options([](auto& o) { o.ca_file = "/nonexistent/ca.pem"; })),
                      Catch::Contains("cannot load the CA file /nonexistent/ca.pem"));
  }
}
