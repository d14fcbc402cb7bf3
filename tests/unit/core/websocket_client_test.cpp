// The WebSocket client against a local WebSocket server (the fake Slack Socket Mode server).
#include "bot/core/http/websocket_client.hpp"

#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/http/tls.hpp"
#include "tests/support/fake_socket_mode.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Connects, reads the greeting, says something and reads the answer; several threads run the io_context,
// as in baton, so strand mistakes show.
std::string round_trip(boost::asio::io_context& io, boost::asio::ssl::context& tls,
                       test::FakeSocketMode& server, std::size_t index) {
  std::string error;
  auto client =
      boost::asio::co_spawn(io, WebSocketClient::connect(io.get_executor(), tls, server.url(1), 5s, error),
                            boost::asio::use_future)
          .get();
  if (!client) return "connect: " + error;
  const auto hello = boost::asio::co_spawn(io, client->read(), boost::asio::use_future).get();
  if (!hello || json::parse(*hello)["type"] != "hello") return "no hello";
  client->send(R"({"envelope_id":"e1"})");
  if (!server.wait_for_ack("e1", 5s)) return "no ack";
  server.send(index, json{{"type", "disconnect"}, {"reason", "warning"}});
  const auto next = boost::asio::co_spawn(io, client->read(), boost::asio::use_future).get();
  if (!next || json::parse(*next)["reason"] != "warning") return "no second message";
  client->close();
  const auto end = boost::asio::co_spawn(io, client->read(), boost::asio::use_future).get();
  if (end) return "still open after close";
  return "ok";
}

}  // namespace

TEST_CASE("a WebSocket connection greets, sends, receives and closes", "[websocket]") {
  test::FakeSocketMode server;
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::thread a([&] { io.run(); });
  std::thread b([&] { io.run(); });
  auto tls = make_client_tls(std::nullopt);
  for (std::size_t i = 0; i < 20; ++i) {
    INFO("round " << i);
    CHECK(round_trip(io, tls, server, i) == "ok");
  }
  work.reset();
  a.join();
  b.join();
}

TEST_CASE("a WebSocket connection that cannot be made says why", "[websocket]") {
  boost::asio::io_context io;
  auto tls = make_client_tls(std::nullopt);
  std::string error;
  auto client = boost::asio::co_spawn(
      io, WebSocketClient::connect(io.get_executor(), tls, "ws://127.0.0.1:1/", 2s, error),
      boost::asio::use_future);
  io.run();
  CHECK(client.get() == nullptr);
  CHECK_THAT(error, Catch::Contains("cannot connect to 127.0.0.1:1"));
  std::string not_ws;
  auto bad = boost::asio::co_spawn(
      io, WebSocketClient::connect(io.get_executor(), tls, "http://x/", 2s, not_ws), boost::asio::use_future);
  io.restart();
  io.run();
  CHECK(bad.get() == nullptr);
  CHECK(not_ws == "not a ws or wss URL");
}
