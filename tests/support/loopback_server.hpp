// baton's own HTTP server on 127.0.0.1 and a free port, on a thread of its own: what the fakes of Slack
// and Teams answer with, and what the HTTP tests talk to. Routes are added, then start(). Destroying it
// drains the server before stopping the thread, so no handler outlives what it uses; the owner declares
// it after the state its handlers touch.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/core/clock/system_clock.hpp"
#include "bot/core/http/server.hpp"

namespace baton::test {

class LoopbackServer {
 public:
  explicit LoopbackServer(ServerConfig config = {});
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  Router& router() { return router_; }
  boost::asio::io_context& io() { return io_; }
  const Metrics& metrics() const { return metrics_; }

  void start();
  int port() const;
  std::string url(std::string_view path = {}) const;  // http://127.0.0.1:<port><path>

  // The server's orderly stop (the destructor does it when nobody did).
  std::future<void> start_shutdown();
  void shutdown() { start_shutdown().get(); }
  // Shuts down if nobody did and ends the thread; the io_context stays, for objects made on it to go
  // first. Called by the destructor; calling it again does nothing.
  void stop();

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
  ServerConfig config_;
  Router router_;
  Metrics metrics_;
  SystemClock clock_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  bool stopped_ = false;
};

}  // namespace baton::test
