// A local fake of Slack's Web API (and of response_url hooks), on loopback, for tests. It answers as
// Slack's documentation says: 200 with {"ok": true, ...} or {"ok": false, "error": "..."}, HTTP 429
// with Retry-After when rate limiting. Every call is recorded; failures can be scripted.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_socket_mode.hpp"

namespace baton::test {

class FakeSlack {
 public:
  struct Call {
    std::string method;  // "chat.postMessage", or "response_url" for a hook
    nlohmann::json arguments;
    std::string path;
    std::string ts;  // what chat.postMessage was answered: the message's id, for chat.update
  };

  explicit FakeSlack(std::string bot_token = "xoxb-test-token-0000",
                     std::string app_token = "xapp-1-test-0000");
  ~FakeSlack();
  FakeSlack(const FakeSlack&) = delete;
  FakeSlack& operator=(const FakeSlack&) = delete;

  std::string api_base_url() const;  // http://127.0.0.1:<port>/api
  std::string response_url(
      const std::string& id) const;  // http://127.0.0.1:<port>/hooks/commands/T0TEST/1234/<id>
  int port() const;

  // The next `count` API calls are answered with `status` (and Retry-After when given) instead of
  // being carried out, as during an outage or rate limiting.
  void fail_next(int count, int status, std::optional<int> retry_after_seconds = std::nullopt);
  // Queued like failures: the next `count` calls are carried out, then the failures queued after.
  void let_through(int count);

  // The next `count` API calls get no answer for `silence` (then 503): a platform that hangs. They are
  // counted as refused, not carried out.
  void hang_next(int count, std::chrono::milliseconds silence);
  std::size_t hung() const;
  // The next `count` calls of `method` are carried out, then answered only after `silence`: a platform
  // that got the message while its sender stopped waiting (or died) before the answer.
  void stall_next(const std::string& method, int count, std::chrono::milliseconds silence);

  // Every API call is answered with `status` until end_outage(), as during an outage.
  void start_outage(int status, std::optional<int> retry_after_seconds = std::nullopt);
  void end_outage();

  std::vector<Call> calls() const;
  std::vector<Call> calls(const std::string& method) const;
  // The text of each message posted to a channel, in the order Slack received them.
  std::vector<std::string> texts_in(const std::string& channel) const;
  // Waits until `count` calls of `method` have been carried out (not counting refused ones).
  bool wait_for(const std::string& method, std::size_t count,
                std::chrono::milliseconds limit = std::chrono::seconds(30)) const;
  std::size_t refused() const;
  // Every problem found in a payload refused as Slack refuses it (invalid_blocks, a view it will not
  // open), as Slack words it; the e2e tests require none.
  std::vector<std::string> invalid_payloads() const;
  // When each API call arrived, refused or not, in order: to check that a Retry-After was waited out.
  struct Arrival {
    std::string method;
    std::chrono::steady_clock::time_point at;
    std::optional<int> retry_after{};  // refused with Retry-After: that many seconds
  };
  std::vector<Arrival> arrivals() const;

  // Every call of `method` is answered {"ok": false, "error": <error>} (a scope the app lacks, say) until
  // called again with an empty error.
  void refuse(const std::string& method, const std::string& error);

  // What users.info says about a user (default: Europe/Paris, en-US).
  void set_profile(const std::string& user, const std::string& tz, const std::string& locale);

  // Socket Mode: apps.connections.open hands out URLs of this server.
  FakeSocketMode& socket_mode();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baton::test
