// One coroutine (run) keeps a current connection: it waits until the current link reports a refresh
// request or its end, then opens the next. Each link has its own reader (serve), which hands every
// envelope to a coroutine of its own so a slow command does not hold up an event behind it.
#include "integrations/slack/socket_mode.hpp"

#include <cmath>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/http/json_field.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton::slack {
namespace {

namespace asio = boost::asio;
using nlohmann::json;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kFirstRetry{1'000};
constexpr std::chrono::milliseconds kLongestRetry{60'000};
constexpr std::chrono::seconds kHealthyConnection{30};

}  // namespace

struct SocketMode::Link {
  int id = 0;
  std::chrono::steady_clock::time_point opened;
  std::unique_ptr<WebSocketClient> ws;
  bool refresh_requested = false;
  bool disabled = false;  // link_disabled: Socket Mode was turned off for the app
  bool closed = false;
  std::string error;  // why it ended
};

SocketMode::SocketMode(const asio::any_io_executor& executor, HttpClient& http, asio::ssl::context& tls,
                       const SlackConfig& config, SlackInbound& inbound, Metrics& metrics, Log log)
    : strand_(asio::make_strand(executor)),
      tls_(tls),
      app_api_(http, config.api_base_url, config.app_token, log),
      inbound_(inbound),
      metrics_(metrics),
      log_(std::move(log)),
      connect_timeout_(10'000),
      changed_(strand_, asio::steady_timer::time_point::max()) {}

SocketMode::~SocketMode() = default;

void SocketMode::start() {
  running_ = true;
  asio::co_spawn(strand_, run(), [this](const std::exception_ptr& error) {
    running_ = false;
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log_.error("socket mode stopped", {{"error", e.what()}});
    }
  });
}

asio::awaitable<bool> SocketMode::begin_stop() {
  stopping_ = true;
  changed_.cancel();
  for (const auto& link : links_)
    link->ws->close();
  co_return links_.empty() && !running_;
}

asio::awaitable<void> SocketMode::stop() {
  asio::steady_timer poll(co_await asio::this_coro::executor);
  for (int i = 0; i < 500; ++i) {
    if (co_await asio::co_spawn(strand_, begin_stop(), asio::use_awaitable)) break;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(kUseTuple);
  }
}

std::chrono::milliseconds SocketMode::backoff(int failures) {
  const double base = static_cast<double>(kFirstRetry.count()) * std::pow(2.0, std::min(failures - 1, 10));
  const double capped = std::min(base, static_cast<double>(kLongestRetry.count()));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(capped * jitter(random_)));
}

asio::awaitable<std::shared_ptr<SocketMode::Link>> SocketMode::open_link() {
  const ApiResult opened = co_await app_api_.call("apps.connections.open", json::object());
  const std::string url = opened.ok ? string_at(opened.body, "/url"_json_pointer) : std::string();
  if (url.empty()) {
    log_.error("slack socket mode: apps.connections.open failed",
               {{"error", opened.ok ? std::string("no url in the answer") : opened.error}});
    co_return nullptr;
  }
  std::string error;
  auto ws = co_await WebSocketClient::connect(strand_, tls_, url, connect_timeout_, error);
  if (!ws) {
    log_.error("slack socket mode: cannot connect", {{"error", error}});
    co_return nullptr;
  }
  auto link = std::make_shared<Link>();
  link->id = ++next_link_id_;
  link->opened = std::chrono::steady_clock::now();
  link->ws = std::move(ws);
  links_.insert(link);
  metrics_.counter("baton_slack_socket_connections_total", "Socket Mode connections opened").add();
  log_.info("slack socket mode connected", {{"connection", link->id}});
  asio::co_spawn(strand_, serve(link), asio::detached);
  co_return link;
}

asio::awaitable<void> SocketMode::run() {
  int failures = 0;
  while (!stopping_) {
    if (!current_) {
      current_ = co_await open_link();
      if (stopping_) break;
      if (!current_) {
        ++failures;
        asio::steady_timer wait(strand_, backoff(failures));
        co_await wait.async_wait(kUseTuple);
        continue;
      }
      failures = 0;
    }
    changed_.expires_at(asio::steady_timer::time_point::max());
    if (!current_->refresh_requested && !current_->closed) co_await changed_.async_wait(kUseTuple);
    if (stopping_) break;

    if (current_->refresh_requested && !current_->closed) {
      // Slack will drop this connection soon: open the next first, and let the old one finish what it
      // is delivering; it is closed after a grace period if Slack has not closed it by then.
      auto old = current_;
      current_ = co_await open_link();
      asio::co_spawn(strand_, retire(old), asio::detached);
      continue;
    }
    if (current_->closed) {
      if (current_->disabled) {
        log_.error(
            "slack socket mode is disabled for this app (link_disabled); turn it on in the app's settings");
        ++failures;
        asio::steady_timer wait(strand_, kLongestRetry);
        co_await wait.async_wait(kUseTuple);
      } else {
        log_.warn("slack socket mode connection lost; reconnecting",
                  {{"connection", current_->id}, {"error", current_->error}});
        // A connection that dies young is a failure: back off rather than hammer Slack.
        const bool young = std::chrono::steady_clock::now() - current_->opened < kHealthyConnection;
        failures = young ? failures + 1 : 0;
        if (failures > 0) {
          asio::steady_timer wait(strand_, backoff(failures));
          co_await wait.async_wait(kUseTuple);
        }
      }
      current_ = nullptr;
    }
  }
  for (const auto& link : links_)
    link->ws->close();
}

asio::awaitable<void> SocketMode::retire(std::shared_ptr<Link> link) {
  asio::steady_timer grace(strand_, kRefreshGrace);
  co_await grace.async_wait(kUseTuple);
  if (!link->closed) link->ws->close();
}

asio::awaitable<void> SocketMode::serve(std::shared_ptr<Link> link) {
  while (auto text = co_await link->ws->read()) {
    Payload read = read_payload(*text, "the message");
    if (!read.problem.empty()) {
      log_.warn("slack socket mode message ignored", {{"connection", link->id}, {"problem", read.problem}});
      continue;
    }
    const json message = std::move(read.json);
    const std::string type = string_at(message, "/type"_json_pointer);
    if (type == "hello") {
      const json connections = message.value("num_connections", json());
      log_.info("slack socket mode ready",
                {{"connection", link->id},
                 {"connections", connections.is_number_integer() ? connections.get<std::int64_t>() : 0}});
    } else if (type == "disconnect") {
      const std::string reason = string_at(message, "/reason"_json_pointer);
      log_.info("slack socket mode: disconnect announced", {{"connection", link->id}, {"reason", reason}});
      if (reason == "link_disabled") {
        link->disabled = true;
      } else {
        link->refresh_requested = true;
      }
      if (link == current_) changed_.cancel();
    } else if (!string_at(message, "/envelope_id"_json_pointer).empty()) {
      asio::co_spawn(strand_, handle(link, message), asio::detached);
    }
  }
  link->closed = true;
  link->error = link->ws->error();
  // Destroyed now, not when baton exits: the WebSocket's keep-alive timer would hold the io_context.
  link->ws.reset();
  links_.erase(link);
  if (link == current_) changed_.cancel();
}

asio::awaitable<void> SocketMode::handle(std::shared_ptr<Link> link, json envelope) {
  const std::string envelope_id = string_at(envelope, "/envelope_id"_json_pointer);
  const std::string type = string_at(envelope, "/type"_json_pointer);
  const json payload = envelope.value("payload", json::object());
  const bool accepts_payload = envelope.value("accepts_response_payload", json(false)) == json(true);
  std::string answer;  // what the user is shown, as JSON text; empty: nothing
  metrics_.counter("baton_slack_envelopes_total", "Socket Mode envelopes, by type", {{"type", type}}).add();
  try {
    if (const std::string team = SlackInbound::team_of(payload);
        (type == "slash_commands" || type == "events_api" || type == "interactive") &&
        !inbound_.serves(team)) {
      // Acknowledged, so Slack does not send it again, and nothing done.
      inbound_.refuse_foreign("socket_mode", team, log_);
    } else if (type == "slash_commands") {
      answer = co_await inbound_.slash_command(SlashCommand::from(payload));
    } else if (type == "events_api") {
      // Stored before the acknowledgement; when the store fails, no acknowledgement: Slack sends it again.
      co_await inbound_.event(payload);
    } else if (type == "interactive") {
      const json shown = co_await inbound_.interaction(payload);
      if (!shown.is_null()) answer = dump_json(shown);
    } else {
      log_.info("slack socket mode envelope of an unknown type acknowledged", {{"type", type}});
    }
  } catch (const BadPayload& e) {
    // Sent again, it would be read the same way: acknowledged, so that Slack does not, and nothing done.
    log_.error("slack socket mode envelope cannot be read; acknowledged and dropped",
               {{"type", type}, {"error", e.what()}});
  } catch (const std::exception& e) {
    log_.error("slack socket mode envelope not handled; not acknowledged, so Slack will resend it",
               {{"type", type}, {"error", e.what()}});
    co_return;
  }
  std::string ack = "{";
  append_json_field(ack, "envelope_id", envelope_id);
  if (accepts_payload && !answer.empty()) {
    append_json_key(ack, "payload");
    ack += answer;
  }
  ack += '}';
  // On the connection it came from; if that one is gone, Slack resends it on the next.
  if (!link->closed) link->ws->send(std::move(ack));
}

}  // namespace baton::slack
