#include "tests/support/fake_socket_mode.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>

namespace baton::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

struct FakeSocketMode::Impl {
  struct Connection {
    explicit Connection(tcp::socket socket) : ws(std::move(socket)) {}
    websocket::stream<beast::tcp_stream> ws;
    std::deque<std::string> outgoing;
    bool writing = false;
    bool open = true;
    std::vector<json> received;
  };

  asio::io_context io;
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  std::thread thread;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<std::shared_ptr<Connection>> connections;

  asio::awaitable<void> write_all(std::shared_ptr<Connection> c) {
    while (!c->outgoing.empty()) {
      c->ws.text(true);
      auto [ec, n] = co_await c->ws.async_write(asio::buffer(c->outgoing.front()), kUseTuple);
      if (ec) break;
      c->outgoing.pop_front();
    }
    c->writing = false;
  }

  // On the io thread.
  void queue(const std::shared_ptr<Connection>& c, std::string text) {
    c->outgoing.push_back(std::move(text));
    if (!c->writing) {
      c->writing = true;
      asio::co_spawn(io, write_all(c), asio::detached);
    }
  }

  asio::awaitable<void> serve(std::shared_ptr<Connection> c) {
    auto [accept_error] = co_await c->ws.async_accept(kUseTuple);
    if (accept_error) co_return;
    // Counted only now: a test must not write on a connection whose handshake is not done.
    {
      const std::lock_guard lock(mutex);
      connections.push_back(c);
      changed.notify_all();
    }
    queue(c, json{{"type", "hello"},
                  {"num_connections", 1},
                  {"debug_info", {{"host", "fake-socket-mode"}, {"approximate_connection_time", 18060}}},
                  {"connection_info", {{"app_id", "A0TEST"}}}}
                 .dump());
    beast::flat_buffer buffer;
    for (;;) {
      buffer.clear();
      auto [ec, n] = co_await c->ws.async_read(buffer, kUseTuple);
      if (ec) break;
      const json message = json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
      const std::lock_guard lock(mutex);
      c->received.push_back(message);
      changed.notify_all();
    }
    const std::lock_guard lock(mutex);
    c->open = false;
    changed.notify_all();
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kUseTuple);
      if (ec) co_return;
      asio::co_spawn(io, serve(std::make_shared<Connection>(std::move(socket))), asio::detached);
    }
  }

  std::shared_ptr<Connection> at(std::size_t index) const {
    const std::lock_guard lock(mutex);
    return connections.at(index);
  }
};

FakeSocketMode::FakeSocketMode() : impl_(std::make_unique<Impl>()) {
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

FakeSocketMode::~FakeSocketMode() {
  impl_->io.stop();
  impl_->thread.join();
}

std::string FakeSocketMode::url(int ticket) const {
  return "ws://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) +
         "/link/?ticket=" + std::to_string(ticket) + "&app_id=A0TEST";
}

std::size_t FakeSocketMode::connections() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->connections.size();
}

bool FakeSocketMode::is_open(std::size_t connection) const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->connections.at(connection)->open;
}

bool FakeSocketMode::wait_for_connections(std::size_t count, std::chrono::milliseconds limit) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, limit, [&] { return impl_->connections.size() >= count; });
}

void FakeSocketMode::send(std::size_t connection, const json& message) {
  auto c = impl_->at(connection);
  asio::post(impl_->io, [impl = impl_.get(), c, text = message.dump()] { impl->queue(c, text); });
}

void FakeSocketMode::request_disconnect(std::size_t connection, const std::string& reason) {
  send(connection,
       json{{"type", "disconnect"}, {"reason", reason}, {"debug_info", {{"host", "fake-socket-mode"}}}});
}

void FakeSocketMode::drop(std::size_t connection) {
  auto c = impl_->at(connection);
  asio::post(impl_->io, [c] {
    boost::system::error_code ignored;
    beast::get_lowest_layer(c->ws).socket().close(ignored);
  });
}

std::vector<json> FakeSocketMode::received(std::size_t connection) const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->connections.at(connection)->received;
}

std::optional<json> FakeSocketMode::wait_for_ack(const std::string& envelope_id,
                                                 std::chrono::milliseconds limit) const {
  std::unique_lock lock(impl_->mutex);
  std::optional<json> found;
  impl_->changed.wait_for(lock, limit, [&] {
    for (const auto& c : impl_->connections) {
      for (const json& message : c->received) {
        if (message.is_object() && message.value("envelope_id", "") == envelope_id) {
          found = message;
          return true;
        }
      }
    }
    return false;
  });
  return found;
}

json slash_command_envelope(const std::string& envelope_id, const std::string& text,
                            const std::string& user) {
  return {{"envelope_id", envelope_id},
          {"type", "slash_commands"},
          {"accepts_response_payload", true},
          {"payload",
           {{"token", "unused"},
            {"team_id", "T0TEST"},
            {"channel_id", "C0LOGISTIC"},
            {"user_id", user},
            {"command", "/baton"},
            {"text", text},
            {"response_url", "https://hooks.slack.com/commands/T0TEST/1/" + envelope_id},
            {"trigger_id", "trigger-" + envelope_id}}}};
}

json events_api_envelope(const std::string& envelope_id, const json& event_callback, int retry_attempt) {
  return {{"envelope_id", envelope_id},
          {"type", "events_api"},
          {"accepts_response_payload", false},
          {"retry_attempt", retry_attempt},
          {"retry_reason", retry_attempt > 0 ? "timeout" : ""},
          {"payload", event_callback}};
}

}  // namespace baton::test
