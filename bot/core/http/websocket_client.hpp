// A WebSocket client connection (ws:// or wss://, TLS as everywhere in baton), for Slack's Socket Mode.
// Reading is one coroutine at a time; sending queues, so any coroutine may send and frames go out whole,
// in order. Idle connections are pinged, and one that stops answering is closed.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

namespace baton {

class WebSocketClient {
 public:
  // Connects and completes the handshake; nullptr (and `error` says why) when it cannot.
  static boost::asio::awaitable<std::unique_ptr<WebSocketClient>> connect(
      boost::asio::any_io_executor executor, boost::asio::ssl::context& tls, std::string url,
      std::chrono::milliseconds timeout, std::string& error);
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // The next text message; nullopt once the connection is over (error() says why).
  boost::asio::awaitable<std::optional<std::string>> read();
  // Queues a text message to be written after those queued before it.
  void send(std::string text);
  // Closes cleanly (a close frame), which ends read().
  void close();
  // Why the connection ended, once it has.
  std::string error() const;

  // A connection silent for this long is pinged; one silent for twice as long is closed.
  static constexpr std::chrono::seconds kIdleTimeout{60};

 private:
  struct Impl;
  explicit WebSocketClient(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace baton
