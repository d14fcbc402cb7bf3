// The HTTP server: Boost.Beast on Asio coroutines, one coroutine per connection on its own strand.
// Deadlines on every read and write, a body limit, keep-alive, and a shutdown that drains: stop
// accepting, close idle connections, let requests in flight finish, then force what is left.
#pragma once

#include <atomic>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/http/http.hpp"
#include "bot/core/log/log.hpp"
#include "bot/core/metrics/metrics.hpp"

namespace baton {

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, const ServerConfig& config, const Router& router, Metrics& metrics,
             const Clock& clock, Log log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the address (port 0 picks a free one). Throws std::runtime_error saying what to do when the
  // address is taken or not allowed.
  void listen(const ListenAddress& address);
  // The address actually bound, with the real port.
  ListenAddress local_address() const;
  // Starts accepting connections on the io_context.
  void start();

  // Stops accepting, closes idle connections at once, waits up to the shutdown timeout for requests in
  // flight (which are answered with Connection: close), then closes whatever remains.
  boost::asio::awaitable<void> shutdown();
  bool shutting_down() const { return shutting_down_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> shutting_down_{false};
};

}  // namespace baton
