// A small HTTP load generator for the benchmarks: keep-alive connections on loopback, each sending one
// request at a time, either as fast as answers come (saturation) or at a fixed rate spread over the
// connections (open loop: a request's latency is counted from when it was due, not from when a busy
// connection got round to it, so a stall shows in the percentiles instead of hiding). Every request is
// made fresh by a callback, so Slack requests carry a current timestamp and signature.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace baton::bench {

struct HttpRequest {
  std::string target;        // "/slack/commands"
  std::string content_type;  // "application/x-www-form-urlencoded"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct LoadOptions {
  std::uint16_t port = 0;  // on 127.0.0.1
  int connections = 16;
  std::chrono::milliseconds duration{5'000};
  double rate = 0;  // requests a second over all connections; 0 for as fast as possible
  int threads = 1;  // of the generator itself
};

struct LoadResult {
  std::int64_t sent = 0;
  std::int64_t ok = 0;      // answered 2xx
  std::int64_t failed = 0;  // another status, or a broken connection
  double seconds = 0;
  std::vector<double> latencies_ms;  // of every answered request, sorted

  double per_second() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
  // The latency under which `fraction` (0.5, 0.99, 0.999) of the answered requests came back.
  double percentile(double fraction) const;
};

// Makes the request to send next; called from the generator's threads, one call at a time.
using RequestMaker = std::function<HttpRequest()>;

LoadResult run_load(const LoadOptions& options, const RequestMaker& make);

}  // namespace baton::bench
