#include "tests/support/loopback_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

namespace baton::test {

LoopbackServer::LoopbackServer(ServerConfig config) : config_(std::move(config)) {
  config_.listen = {"127.0.0.1", 0};
}

LoopbackServer::~LoopbackServer() {
  stop();
}

void LoopbackServer::stop() {
  if (server_ && !stopped_) shutdown();
  work_.reset();
  if (thread_.joinable()) thread_.join();
}

void LoopbackServer::start() {
  server_ = std::make_unique<HttpServer>(io_, config_, router_, metrics_, clock_, Log::discard());
  server_->listen(config_.listen);
  server_->start();
  thread_ = std::thread([this] { io_.run(); });
}

int LoopbackServer::port() const {
  return server_->local_address().port;
}

std::string LoopbackServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
}

std::future<void> LoopbackServer::start_shutdown() {
  stopped_ = true;
  return boost::asio::co_spawn(io_, server_->shutdown(), boost::asio::use_future);
}

}  // namespace baton::test
