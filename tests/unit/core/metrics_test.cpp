#include "bot/core/metrics/metrics.hpp"

#include <catch2/catch.hpp>

using namespace baton;

TEST_CASE("metrics render in the Prometheus text format", "[metrics]") {
  Metrics metrics;
  metrics.counter("baton_http_requests_total", "Requests", {{"route", "/healthz"}, {"status", "200"}}).add();
  metrics.counter("baton_http_requests_total", "Requests", {{"route", "/healthz"}, {"status", "200"}}).add(2);
  metrics.gauge("baton_http_connections_open", "Open").set(3);
  auto& h = metrics.histogram("baton_latency_seconds", "Latency", {0.1, 1}, {{"route", "/x"}});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  const std::string text = metrics.render();
  CHECK_THAT(text,
             Catch::Contains(
                 "# HELP baton_http_requests_total Requests\n# TYPE baton_http_requests_total counter\n"));
  CHECK_THAT(text, Catch::Contains("baton_http_requests_total{route=\"/healthz\",status=\"200\"} 3\n"));
  CHECK_THAT(text,
             Catch::Contains("# TYPE baton_http_connections_open gauge\nbaton_http_connections_open 3\n"));
  CHECK_THAT(text, Catch::Contains("baton_latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("baton_latency_seconds_bucket{route=\"/x\",le=\"1\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("baton_latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 3\n"));
  CHECK_THAT(text, Catch::Contains("baton_latency_seconds_sum{route=\"/x\"} 5.55\n"));
  CHECK_THAT(text, Catch::Contains("baton_latency_seconds_count{route=\"/x\"} 3\n"));
}

TEST_CASE("label values are escaped", "[metrics]") {
  Metrics metrics;
  metrics.counter("baton_x_total", "X", {{"path", "a\"b\\c\nd"}}).add();
  CHECK_THAT(metrics.render(), Catch::Contains(R"(baton_x_total{path="a\"b\\c\nd"} 1)"));
}

TEST_CASE("a counter never goes down, and a name keeps its type", "[metrics]") {
  Metrics metrics;
  CHECK_THROWS(metrics.counter("baton_y_total", "Y").add(-1));
  metrics.counter("baton_y_total", "Y");
  CHECK_THROWS(metrics.gauge("baton_y_total", "Y"));
}
