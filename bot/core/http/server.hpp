// The HTTP server: Boost.Beast on Asio coroutines, one coroutine per connection, on a strand or on an
// io_context run by one thread (spread_over).
// Deadlines on every read and write, a body limit, keep-alive, and a shutdown that drains: stop
// accepting, close idle connections, let requests in flight finish, then force what is left.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

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
  // Spreads connections over these io_contexts (the first may be the server's own), each run by one
  // thread: a connection stays on its context, so it needs no strand, and a request does not cross
  // threads on its way through. Threads sharing one io_context wake each other for nearly every request,
  // which on a virtual machine cost more than the request itself. Call before start(); without it,
  // connections share the server's io_context, each on a strand.
  void spread_over(std::vector<boost::asio::io_context*> contexts);
  // Starts accepting connections.
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
