#include "tests/bench/http_load.hpp"

#include <algorithm>
#include <mutex>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace baton::bench {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using Steady = std::chrono::steady_clock;

double LoadResult::percentile(double fraction) const {
  if (latencies_ms.empty()) return 0;
  const auto last = latencies_ms.size() - 1;
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(last) + 0.5);
  return latencies_ms[std::min(index, last)];
}

namespace {

struct Run {
  const LoadOptions& options;
  const RequestMaker& make;
  Steady::time_point start;
  Steady::time_point end;
  std::mutex mutex;  // make() and the result
  LoadResult result;
  Steady::time_point last_answer;
};

asio::awaitable<bool> connect(boost::beast::tcp_stream& stream, std::uint16_t port) {
  try {
    co_await stream.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                  asio::use_awaitable);
    stream.socket().set_option(asio::ip::tcp::no_delay(true));
    co_return true;
  } catch (const std::exception&) {
    co_return false;
  }
}

// One keep-alive connection, one request in flight. Connection `index` of n sends, at a fixed rate r, the
// requests due at start + (index + k n) / r.
asio::awaitable<void> connection(Run& run, int index) {
  const auto executor = co_await asio::this_coro::executor;
  boost::beast::tcp_stream stream(executor);
  if (!co_await connect(stream, run.options.port)) co_return;
  asio::steady_timer timer(executor);
  boost::beast::flat_buffer buffer;
  const bool paced = run.options.rate > 0;
  const auto interval = std::chrono::duration_cast<Steady::duration>(
      std::chrono::duration<double>(paced ? run.options.connections / run.options.rate : 0));
  Steady::time_point due =
      run.start + std::chrono::duration_cast<Steady::duration>(
                      std::chrono::duration<double>(paced ? index / run.options.rate : 0));
  if (!paced) due = run.start;
  while (true) {
    if (due >= run.end || (!paced && Steady::now() >= run.end)) break;
    if (Steady::now() < due) {
      timer.expires_at(due);
      co_await timer.async_wait(asio::use_awaitable);
    }
    HttpRequest made;
    {
      const std::lock_guard lock(run.mutex);
      made = run.make();
      ++run.result.sent;
    }
    http::request<http::string_body> request(http::verb::post, made.target, 11);
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::content_type, made.content_type);
    for (const auto& [name, value] : made.headers)
      request.set(name, value);
    request.body() = std::move(made.body);
    request.keep_alive(true);
    request.prepare_payload();
    // Open loop: from when the request was due, so waiting behind a slow answer counts.
    const Steady::time_point counted_from = paced ? due : Steady::now();
    bool ok = false;
    bool keep = false;
    try {
      http::response<http::string_body> response;
      co_await http::async_write(stream, request, asio::use_awaitable);
      co_await http::async_read(stream, buffer, response, asio::use_awaitable);
      ok = response.result_int() / 100 == 2;
      keep = response.keep_alive();
    } catch (const std::exception&) {
      ok = false;
    }
    const Steady::time_point answered = Steady::now();
    {
      const std::lock_guard lock(run.mutex);
      if (ok) {
        ++run.result.ok;
        run.result.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(answered - counted_from).count());
      } else {
        ++run.result.failed;
      }
      run.last_answer = std::max(run.last_answer, answered);
    }
    if (!keep) {
      boost::system::error_code ignored;
      stream.socket().close(ignored);
      buffer.clear();
      if (!co_await connect(stream, run.options.port)) co_return;
    }
    if (paced) {
      due += interval;
    } else {
      due = Steady::now();
    }
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
}

}  // namespace

LoadResult run_load(const LoadOptions& options, const RequestMaker& make) {
  asio::io_context io(options.threads);
  // A moment for every connection to connect before the clock starts.
  const Steady::time_point start = Steady::now() + std::chrono::milliseconds(200);
  Run run{options, make, start, start + options.duration, {}, {}, start};
  for (int i = 0; i < options.connections; ++i)
    asio::co_spawn(io, connection(run, i), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i)
    threads.emplace_back([&io] { io.run(); });
  io.run();
  for (std::thread& t : threads)
    t.join();
  LoadResult result = std::move(run.result);
  // Until the last answer: a server that cannot keep up with a fixed rate shows a lower one.
  result.seconds = std::chrono::duration<double>(run.last_answer - start).count();
  std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
  return result;
}

}  // namespace baton::bench
