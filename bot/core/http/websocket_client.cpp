// Beast's WebSocket stream over a plain or TLS stream; the two differ only in the handshake, so the rest
// is written once for both. All operations run on one strand, which serialises the send queue.
#include "bot/core/http/websocket_client.hpp"

#include <deque>
#include <mutex>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "bot/core/http/tls.hpp"
#include "bot/core/http/url.hpp"

namespace baton {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

using PlainSocket = websocket::stream<beast::tcp_stream>;
using TlsSocket = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

template <typename Socket>
void configure(Socket& socket, std::chrono::milliseconds handshake_timeout) {
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = handshake_timeout;
  timeouts.idle_timeout = WebSocketClient::kIdleTimeout;
  timeouts.keep_alive_pings = true;
  socket.set_option(timeouts);
  socket.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
    request.set(beast::http::field::user_agent, "baton/" BATON_VERSION);
  }));
  socket.read_message_max(std::size_t{4} * 1024 * 1024);
}

}  // namespace

struct WebSocketClient::Impl {
  explicit Impl(const asio::any_io_executor& executor) : strand(asio::make_strand(executor)) {}

  asio::strand<asio::any_io_executor> strand;
  std::unique_ptr<PlainSocket> plain;
  std::unique_ptr<TlsSocket> tls;
  beast::flat_buffer buffer;
  std::deque<std::string> outgoing;  // touched on the strand only
  bool writing = false;
  bool closing = false;  // one close at a time: Beast allows no second one while the first runs
  mutable std::mutex mutex;
  std::string error;

  void fail(const std::string& why) {
    const std::lock_guard lock(mutex);
    if (error.empty()) error = why;
  }

  template <typename Socket>
  asio::awaitable<std::optional<std::string>> read_from(Socket& socket) {
    buffer.clear();
    auto [ec, n] = co_await socket.async_read(buffer, kUseTuple);
    if (ec) {
      fail(ec == websocket::error::closed ? "closed by the server" : ec.message());
      co_return std::nullopt;
    }
    co_return beast::buffers_to_string(buffer.data());
  }

  template <typename Socket>
  asio::awaitable<void> write_all(std::shared_ptr<Impl> self, Socket& socket) {
    while (!outgoing.empty()) {
      socket.text(true);
      auto [ec, n] = co_await socket.async_write(asio::buffer(outgoing.front()), kUseTuple);
      if (ec) {
        fail("write failed: " + ec.message());
        outgoing.clear();
        break;
      }
      outgoing.pop_front();
    }
    writing = false;
    (void)self;  // kept alive until the queue is written
  }

  template <typename Socket>
  asio::awaitable<void> close_socket(std::shared_ptr<Impl> self, Socket& socket) {
    auto [ec] = co_await socket.async_close(websocket::close_code::normal, kUseTuple);
    if (ec) beast::get_lowest_layer(socket).close();
    (void)self;
  }
};

WebSocketClient::WebSocketClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

WebSocketClient::~WebSocketClient() {
  // Cut the connection if it is still open; pending operations end with an error.
  asio::post(impl_->strand, [impl = impl_] {
    boost::system::error_code ignored;
    if (impl->plain) beast::get_lowest_layer(*impl->plain).socket().close(ignored);
    if (impl->tls) beast::get_lowest_layer(*impl->tls).socket().close(ignored);
  });
}

asio::awaitable<std::unique_ptr<WebSocketClient>> WebSocketClient::connect(asio::any_io_executor executor,
                                                                           asio::ssl::context& tls,
                                                                           std::string url,
                                                                           std::chrono::milliseconds timeout,
                                                                           std::string& error) {
  using namespace asio::experimental::awaitable_operators;
  const auto parts = parse_url(url, "ws");
  if (!parts) {
    error = "not a ws or wss URL";
    co_return nullptr;
  }
  auto impl = std::make_shared<Impl>(executor);
  tcp::resolver resolver(impl->strand);
  asio::steady_timer timer(impl->strand, timeout);
  auto resolved =
      co_await (resolver.async_resolve(parts->host, parts->port, kUseTuple) || timer.async_wait(kUseTuple));
  if (resolved.index() == 1) {
    error = "timed out looking up " + parts->host;
    co_return nullptr;
  }
  const auto& [resolve_error, endpoints] = std::get<0>(resolved);
  if (resolve_error) {
    error = "cannot look up " + parts->host + ": " + resolve_error.message();
    co_return nullptr;
  }

  if (parts->tls) {
    impl->tls = std::make_unique<TlsSocket>(impl->strand, tls);
    auto& ssl = impl->tls->next_layer();
    if (!set_server_name(ssl.native_handle(), parts->host)) {
      error = "cannot set the TLS server name";
      co_return nullptr;
    }
    ssl.set_verify_callback(asio::ssl::host_name_verification(parts->host));
    auto& lowest = beast::get_lowest_layer(*impl->tls);
    lowest.expires_after(timeout);
    auto [connect_error, endpoint] = co_await lowest.async_connect(endpoints, kUseTuple);
    if (connect_error) {
      error = "cannot connect to " + parts->host_header + ": " + connect_error.message();
      co_return nullptr;
    }
    auto [tls_error] = co_await ssl.async_handshake(asio::ssl::stream_base::client, kUseTuple);
    if (tls_error) {
      error = "TLS handshake with " + parts->host_header + " failed: " + tls_error.message();
      co_return nullptr;
    }
    lowest.expires_never();  // the WebSocket's own timeouts take over
    configure(*impl->tls, timeout);
    auto [ws_error] = co_await impl->tls->async_handshake(parts->host_header, parts->target, kUseTuple);
    if (ws_error) {
      error = "WebSocket handshake with " + parts->host_header + " failed: " + ws_error.message();
      co_return nullptr;
    }
  } else {
    impl->plain = std::make_unique<PlainSocket>(impl->strand);
    auto& lowest = beast::get_lowest_layer(*impl->plain);
    lowest.expires_after(timeout);
    auto [connect_error, endpoint] = co_await lowest.async_connect(endpoints, kUseTuple);
    if (connect_error) {
      error = "cannot connect to " + parts->host_header + ": " + connect_error.message();
      co_return nullptr;
    }
    lowest.expires_never();
    configure(*impl->plain, timeout);
    auto [ws_error] = co_await impl->plain->async_handshake(parts->host_header, parts->target, kUseTuple);
    if (ws_error) {
      error = "WebSocket handshake with " + parts->host_header + " failed: " + ws_error.message();
      co_return nullptr;
    }
  }
  co_return std::unique_ptr<WebSocketClient>(new WebSocketClient(impl));
}

asio::awaitable<std::optional<std::string>> WebSocketClient::read() {
  // Reads run on the connection's strand, like writes and closes: Beast's WebSocket stream must not be
  // used from two threads at once, and the caller may be on another strand of a multi-threaded pool.
  // Not a conditional expression: g++ 12 miscompiles co_await inside one.
  if (impl_->tls)
    co_return co_await asio::co_spawn(impl_->strand, impl_->read_from(*impl_->tls), asio::use_awaitable);
  co_return co_await asio::co_spawn(impl_->strand, impl_->read_from(*impl_->plain), asio::use_awaitable);
}

void WebSocketClient::send(std::string text) {
  asio::post(impl_->strand, [impl = impl_, text = std::move(text)]() mutable {
    impl->outgoing.push_back(std::move(text));
    if (impl->writing) return;
    impl->writing = true;
    if (impl->tls) {
      asio::co_spawn(impl->strand, impl->write_all(impl, *impl->tls), asio::detached);
    } else {
      asio::co_spawn(impl->strand, impl->write_all(impl, *impl->plain), asio::detached);
    }
  });
}

void WebSocketClient::close() {
  asio::post(impl_->strand, [impl = impl_] {
    if (std::exchange(impl->closing, true)) return;
    if (impl->tls) {
      asio::co_spawn(impl->strand, impl->close_socket(impl, *impl->tls), asio::detached);
    } else {
      asio::co_spawn(impl->strand, impl->close_socket(impl, *impl->plain), asio::detached);
    }
  });
}

std::string WebSocketClient::error() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->error;
}

}  // namespace baton
