// A local fake of Slack's Socket Mode WebSocket server: it greets each connection with "hello", records
// what baton sends back (acknowledgements), and lets a test send envelopes, ask for a refresh, or cut a
// connection, as Slack does.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace baton::test {

class FakeSocketMode {
 public:
  FakeSocketMode();
  ~FakeSocketMode();
  FakeSocketMode(const FakeSocketMode&) = delete;
  FakeSocketMode& operator=(const FakeSocketMode&) = delete;

  std::string url(int ticket) const;

  // Connections accepted so far, and those still open; both counted in accept order from 0.
  std::size_t connections() const;
  bool is_open(std::size_t connection) const;
  bool wait_for_connections(std::size_t count,
                            std::chrono::milliseconds limit = std::chrono::seconds(30)) const;

  void send(std::size_t connection, const nlohmann::json& message);
  // Slack's {"type": "disconnect", "reason": ...}.
  void request_disconnect(std::size_t connection, const std::string& reason);
  // Cuts the TCP connection without a close frame, as a network failure would.
  void drop(std::size_t connection);

  // What baton sent on a connection, in order.
  std::vector<nlohmann::json> received(std::size_t connection) const;
  // The acknowledgement of an envelope, on whichever connection it came.
  std::optional<nlohmann::json> wait_for_ack(
      const std::string& envelope_id, std::chrono::milliseconds limit = std::chrono::seconds(30)) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Envelopes as Slack sends them.
nlohmann::json slash_command_envelope(const std::string& envelope_id, const std::string& text,
                                      const std::string& user = "U0SAMSTAFF");
nlohmann::json events_api_envelope(const std::string& envelope_id, const nlohmann::json& event_callback,
                                   int retry_attempt = 0);

}  // namespace baton::test
