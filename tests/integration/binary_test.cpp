// The real binary on loopback: what an operator and a load balancer see over HTTP, and how it stops.
#include "tests/support/binary.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "tests/support/http_client.hpp"
#include "tests/support/schema.hpp"

using namespace baton;
using namespace std::chrono_literals;
using test::HttpConnection;

namespace {
const std::string kLogfmt = "log: {format: logfmt, level: info}\n";
}

TEST_CASE("healthz, readyz and metrics answer", "[binary]") {
  test::RunningBaton baton(test::kSmallOrg + kLogfmt);
  const auto health = test::http_get(baton.port, "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == R"({"status":"ok"})");

  const auto ready = test::http_get(baton.port, "/readyz");
  CHECK(ready.status == 200);
  const auto body = nlohmann::json::parse(ready.body);
  CHECK(body["status"] == "ready");
  CHECK(body["store"] == "ok");
  CHECK(body["schema_version"] == test::schema_version());

  const auto metrics = test::http_get(baton.port, "/metrics");
  CHECK(metrics.status == 200);
  CHECK_THAT(metrics.header("content-type"), Catch::StartsWith("text/plain; version=0.0.4"));
  CHECK_THAT(metrics.body, Catch::Contains("baton_build_info{version=\"0.1.0\"} 1"));
  CHECK_THAT(metrics.body,
             Catch::Contains(R"(baton_http_requests_total{method="GET",route="/healthz",status="200"} 1)"));
  CHECK_THAT(metrics.body,
             Catch::Contains(R"(baton_http_requests_total{method="GET",route="/readyz",status="200"} 1)"));
  CHECK_THAT(metrics.body, Catch::Contains("# TYPE baton_http_request_duration_seconds histogram"));
}

TEST_CASE(
    "the privacy and terms pages a Teams app links to name the company and whom to ask, in both languages",
    "[binary][teams][pages]") {
  // The config's company, with a character HTML must escape, and its contact.
  std::string config = test::kSmallOrg + kLogfmt;
  config.replace(config.find("company: "), 0, "contact: dpo@maison-lumiere.fr\n");
  test::RunningBaton baton(config);
  const auto privacy = test::http_get(baton.port, "/privacy");
  CHECK(privacy.status == 200);
  CHECK(privacy.header("content-type") == "text/html; charset=utf-8");
  CHECK_THAT(privacy.body, Catch::Contains("<section lang=\"en\">"));
  CHECK_THAT(privacy.body, Catch::Contains("<section lang=\"fr\">"));
  CHECK_THAT(privacy.body, Catch::Contains("ask dpo@maison-lumiere.fr."));
  CHECK_THAT(privacy.body, Catch::Contains("adressez-vous à dpo@maison-lumiere.fr."));
  const auto terms = test::http_get(baton.port, "/terms");
  CHECK(terms.status == 200);
  CHECK_THAT(terms.body, Catch::Contains("Questions : dpo@maison-lumiere.fr."));
}

TEST_CASE("unknown routes, wrong methods and oversized bodies get their status as JSON", "[binary]") {
  test::RunningBaton baton(test::kSmallOrg + kLogfmt + "server: {body_limit: 1KiB}\n");
  HttpConnection c("127.0.0.1", baton.port);
  const auto missing = c.request("GET", "/slack/nothing");
  CHECK(missing.status == 404);
  CHECK(nlohmann::json::parse(missing.body)["error"] == "not_found");
  const auto wrong = c.request("POST", "/healthz", "{}");
  CHECK(wrong.status == 405);
  CHECK(nlohmann::json::parse(wrong.body)["error"] == "method_not_allowed");
  const auto big = c.request("POST", "/healthz", std::string(2000, 'x'));
  CHECK(big.status == 413);
  CHECK(nlohmann::json::parse(big.body)["error"] == "body_too_large");
}

TEST_CASE("every request's log line carries its request id", "[binary][log]") {
  test::RunningBaton baton(test::kSmallOrg + "log: {format: json, level: info}\n");
  HttpConnection c("127.0.0.1", baton.port);
  c.request("GET", "/nope", "", "X-Request-Id: trace-abc-123\r\n");
  REQUIRE(baton.process->wait_for_err(R"("request_id":"trace-abc-123")"));
  std::string line;
  const std::string err = baton.process->err();
  const auto at = err.find(R"("request_id":"trace-abc-123")");
  line = err.substr(err.rfind('\n', at) + 1, err.find('\n', at) - err.rfind('\n', at) - 1);
  const auto json = nlohmann::json::parse(line);
  CHECK(json["event"] == "http request");
  CHECK(json["status"] == 404);
  CHECK(json["path"] == "/nope");
}

TEST_CASE("a client that stops mid-request is timed out", "[binary][slowloris]") {
  test::RunningBaton baton(test::kSmallOrg + kLogfmt + "server: {header_timeout: 500ms}\n");
  HttpConnection slow("127.0.0.1", baton.port);
  slow.send("GET /heal");
  CHECK(slow.closed_by_server(10s));
  CHECK(test::http_get(baton.port, "/healthz").status == 200);
}

TEST_CASE("SIGTERM stops accepting, finishes the request in flight, closes the store and exits 0",
          "[binary][shutdown]") {
  test::RunningBaton baton(test::kSmallOrg + kLogfmt);
  HttpConnection idle("127.0.0.1", baton.port);
  CHECK(idle.request("GET", "/healthz").status == 200);
  // A request whose body is still arriving when the signal comes.
  // (one answered request proves the server accepted the connection: one still in the kernel's backlog
  // when the listening socket closes is reset, as with any server)
  HttpConnection in_flight("127.0.0.1", baton.port);
  CHECK(in_flight.request("GET", "/healthz").status == 200);
  in_flight.send("GET /readyz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");

  baton.process->signal(SIGTERM);
  REQUIRE(baton.process->wait_for_err("event=stopping signal=SIGTERM"));
  CHECK(idle.closed_by_server(10s));                      // idle connections go at once,
  CHECK_THROWS(HttpConnection("127.0.0.1", baton.port));  // after the listening socket has closed

  in_flight.send("67890");
  const auto reply = in_flight.receive(10s);
  REQUIRE(reply);
  CHECK(reply->status == 503);  // answered, and honest: not ready any more, it is stopping
  CHECK(nlohmann::json::parse(reply->body)["status"] == "stopping");
  CHECK(reply->header("connection") == "close");

  REQUIRE(baton.process->wait(15s) == 0);
  CHECK_THAT(baton.process->err(), Catch::Contains("event=stopped"));
  // The store was closed cleanly: SQLite removes its write-ahead log when the last connection closes.
  CHECK(std::filesystem::exists(baton.dir / "baton.db"));
  CHECK_FALSE(std::filesystem::exists(baton.dir / "baton.db-wal"));
}

TEST_CASE("SIGINT with nothing in flight exits 0 at once", "[binary][shutdown]") {
  test::RunningBaton baton(test::kSmallOrg + kLogfmt);
  baton.process->signal(SIGINT);
  CHECK(baton.process->wait(15s) == 0);
  CHECK_THAT(baton.process->err(), Catch::Contains("event=stopping signal=SIGINT"));
}
