// Slack's Socket Mode, for a baton with no public URL: baton asks Slack for a WebSocket URL
// (apps.connections.open, with the app-level token), connects out, and receives commands, events and
// interactions as envelopes, each acknowledged by its envelope_id. They go through SlackInbound exactly
// as HTTP requests do. When Slack asks for a refresh, the next connection is opened before the old one
// goes; after a failure, baton reconnects with backoff and jitter.
#pragma once

#include <memory>
#include <random>
#include <set>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/http/websocket_client.hpp"
#include "integrations/slack/slack_inbound.hpp"
#include "integrations/slack/web_api.hpp"

namespace baton::slack {

class SocketMode {
 public:
  SocketMode(const boost::asio::any_io_executor& executor, HttpClient& http, boost::asio::ssl::context& tls,
             const SlackConfig& config, SlackInbound& inbound, Metrics& metrics, Log log);
  ~SocketMode();

  void start();
  // Closes the connections; envelopes being handled finish.
  boost::asio::awaitable<void> stop();

  // How long an old connection may stay open once its replacement is up.
  static constexpr std::chrono::seconds kRefreshGrace{10};

 private:
  struct Link;
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<std::shared_ptr<Link>> open_link();
  boost::asio::awaitable<void> serve(std::shared_ptr<Link> link);
  boost::asio::awaitable<void> handle(std::shared_ptr<Link> link, nlohmann::json envelope);
  boost::asio::awaitable<void> retire(std::shared_ptr<Link> link);
  boost::asio::awaitable<bool> begin_stop();
  std::chrono::milliseconds backoff(int failures);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::ssl::context& tls_;
  WebApi app_api_;  // with the app-level token: apps.connections.open
  SlackInbound& inbound_;
  Metrics& metrics_;
  Log log_;
  std::chrono::milliseconds connect_timeout_;

  // Touched on the strand only.
  bool stopping_ = false;
  bool running_ = false;
  std::shared_ptr<Link> current_;
  std::set<std::shared_ptr<Link>> links_;  // every connection still open, the current one included
  boost::asio::steady_timer changed_;      // cancelled when the current link needs attention
  std::mt19937 random_{std::random_device{}()};
  int next_link_id_ = 0;
};

}  // namespace baton::slack
