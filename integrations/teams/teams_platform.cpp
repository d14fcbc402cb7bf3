#include "integrations/teams/teams_platform.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/http/json_field.hpp"
#include "bot/core/text/json_text.hpp"
#include "integrations/teams/adaptive_card.hpp"

namespace baton::teams {
namespace {

using nlohmann::json;
namespace asio = boost::asio;

DeliveryResult failure(std::string error, bool retryable) {
  DeliveryResult out;
  out.error = std::move(error);
  out.retryable = retryable;
  return out;
}

DeliveryResult from_connector(const ConnectorResult& result) {
  DeliveryResult out;
  out.delivered = result.ok;
  out.retryable = result.retryable;
  out.retry_after = result.retry_after;
  out.error = result.error;
  if (result.ok && result.body.is_object() && result.body.contains("id") && result.body["id"].is_string())
    out.message_id = result.body["id"].get<std::string>();
  return out;
}

}  // namespace

std::optional<std::string> unreachable_reason(int status, const std::string& code) {
  if (code == "MessageWritesBlocked") return "they blocked baton in Teams";
  if (status == 403 || status == 404 || code == "BotNotInConversationRoster" ||
      code == "ConversationNotFound")
    return "the baton app is not installed for them in Teams (" + code + ")";
  return std::nullopt;
}

TeamsPlatform::TeamsPlatform(HttpClient& http, Connector* connector, StoreExecutor& store,
                             const TeamsConfig& config, const Clock& clock, Log log)
    : http_(http),
      connector_(connector),
      store_(store),
      config_(config),
      clock_(clock),
      log_(std::move(log)) {}

Pacing TeamsPlatform::pacing(const Destination& to) const {
  // A channel with a Workflows webhook may be posted to either way: the slower pace suits both.
  if (to.kind == Destination::Kind::channel && config_.workflow_urls.count(to.channel) != 0)
    return kWorkflowPacing;
  return kConversationPacing;
}

asio::awaitable<void> TeamsPlatform::tenant_pace() {
  constexpr auto kGap = std::chrono::microseconds(1'000'000 / kTenantPerSecond);
  SteadyTime at{};
  {
    const std::lock_guard lock(mutex_);
    const SteadyTime now = clock_.monotonic();
    at = std::max(now, next_bot_call_);
    next_bot_call_ = at + kGap;
  }
  const auto wait = at - clock_.monotonic();
  if (wait <= SteadyTime::duration::zero()) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor, wait);
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<DeliveryResult> TeamsPlatform::post_workflow(std::string url, const Message& message) {
  ClientRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = dump_json(card_activity(message, {Buttons::as_text, "@baton"}));
  const ClientResult result = co_await http_.send(std::move(request));
  if (!result.answered()) co_return failure("Workflows webhook unreachable: " + result.error, true);
  const int status = result.response->status;
  if (status >= 200 && status < 300) {  // Workflows answers 202 Accepted
    DeliveryResult out;
    out.delivered = true;
    co_return out;
  }
  DeliveryResult out = failure("Workflows webhook answered HTTP " + std::to_string(status),
                               status == 429 || status == 408 || status >= 500);
  if (status == 429)
    out.retry_after = parse_retry_after(result.response->header("retry-after")).value_or(kDefaultRetryAfter);
  if (status == 404 || status == 401 || status == 403)
    out.error += ": the URL is no longer valid; create the workflow again and update its secret";
  co_return out;
}

asio::awaitable<DeliveryResult> TeamsPlatform::bot_call(std::string method, std::string url,
                                                        const Message& message) {
  co_await tenant_pace();
  // Every argument named first: g++ 12 mishandles temporaries inside a co_await expression.
  json activity = card_activity(message, {Buttons::submit, "@baton"});
  const ConnectorResult result =
      co_await connector_->call(std::move(method), std::move(url), std::move(activity));
  co_return from_connector(result);
}

asio::awaitable<DeliveryResult> TeamsPlatform::to_channel(const Destination& to, const Message& message) {
  if (connector_ != nullptr) {
    const auto read = [key = "channel:" + to.channel](Store& store) {
      return store.conversation(Platform::teams, key);
    };
    const std::optional<ConversationRef> ref = co_await store_.run(read);
    if (ref) {
      std::string url = activities_url(ref->service_url, ref->conversation_id);
      std::string method = "POST";
      co_return co_await bot_call(std::move(method), std::move(url), message);
    }
  }
  const auto workflow = config_.workflow_urls.find(to.channel);
  if (workflow != config_.workflow_urls.end()) {
    std::string url(workflow->second.reveal());
    co_return co_await post_workflow(std::move(url), message);
  }
  co_return failure("baton cannot post in Teams channel " + to.channel +
                        ": add the baton app to its team (the bot), or give the channel a workflow_url",
                    false);
}

asio::awaitable<DeliveryResult> TeamsPlatform::to_member(const Destination& to, const Message& message) {
  if (connector_ == nullptr)
    co_return failure("direct messages on Teams need the bot: set teams.app_id and teams.app_password_env",
                      false);
  struct Known {
    std::optional<std::string> unreachable;
    std::optional<ConversationRef> conversation;
    std::optional<ConversationRef> latest;  // read only when there is no conversation yet
  };
  const auto read = [member = to.member](Store& store) {
    Known known{store.unreachable(Platform::teams, member),
                store.conversation(Platform::teams, "member:" + member), std::nullopt};
    if (!known.conversation) known.latest = store.latest_conversation(Platform::teams);
    return known;
  };
  const Known known = co_await store_.run(read);
  if (known.unreachable) co_return failure("not reachable on Teams: " + *known.unreachable, false);

  std::optional<ConversationRef> ref = known.conversation;
  if (!ref) {
    const std::string service_url =
        !config_.service_url.empty() ? config_.service_url : (known.latest ? known.latest->service_url : "");
    const std::string tenant =
        !config_.tenant_id.empty() ? config_.tenant_id : (known.latest ? known.latest->tenant_id : "");
    if (service_url.empty()) {
      // Learnt from the first activity Teams sends; until then, waiting is all there is to do.
      co_return failure(
          "no Teams service URL known yet: set teams.service_url, or install the app so Teams calls baton "
          "once",
          true);
    }
    co_await tenant_pace();
    const ConnectorResult created = co_await connector_->create_conversation(service_url, tenant, to.user_id);
    if (!created.ok) {
      DeliveryResult out = from_connector(created);
      if (const auto reason = unreachable_reason(created.status, created.error)) {
        out.error = *reason;
        out.retryable = false;
        out.unreachable = true;
      }
      co_return out;
    }
    const std::string id = string_at(created.body, "/id"_json_pointer);
    if (id.empty()) co_return failure("Teams created a conversation but gave no id", true);
    ref = ConversationRef{Platform::teams, "member:" + to.member, id, service_url, tenant,
                          to.user_id,      clock_.now()};
    const auto save = [r = *ref](Store& store) {
      store.save_conversation(r);
      return true;
    };
    co_await store_.run(save);
  }
  co_await tenant_pace();
  std::string url = activities_url(ref->service_url, ref->conversation_id);
  json activity = card_activity(message, {Buttons::submit, "@baton"});
  std::string method = "POST";
  const ConnectorResult posted =
      co_await connector_->call(std::move(method), std::move(url), std::move(activity));
  DeliveryResult out = from_connector(posted);
  if (!posted.ok && posted.status == 403) {
    if (const auto reason = unreachable_reason(posted.status, posted.error)) {
      out.error = *reason;
      out.retryable = false;
      out.unreachable = true;
    }
  }
  co_return out;
}

asio::awaitable<DeliveryResult> TeamsPlatform::deliver(const Destination& to, const Message& message,
                                                       const DeliveryAttempt& /*attempt*/) {
  // The Bot Connector and Workflows keep no history baton can read back: a message in doubt is sent
  // again (SECURITY.md, what is not promised).
  switch (to.kind) {
    case Destination::Kind::channel:
      co_return co_await to_channel(to, message);
    case Destination::Kind::member:
    case Destination::Kind::member_in_channel:  // Teams has no message seen by one person in a channel
      co_return co_await to_member(to, message);
    case Destination::Kind::response:
      // A reply to, or the replacement of, an activity Teams sent: its address came with the verified
      // request (the service URL the token vouched for).
      if (connector_ == nullptr) co_return failure("Teams replies need the bot", false);
      {
        std::string method = to.replace_original ? "PUT" : "POST";
        std::string url = to.response_url;
        co_return co_await bot_call(std::move(method), std::move(url), message);
      }
    case Destination::Kind::update:
      co_return co_await update_in_channel(to, message);
  }
  co_return failure("unknown destination", false);
}

asio::awaitable<DeliveryResult> TeamsPlatform::update_in_channel(const Destination& to,
                                                                 const Message& message) {
  // Only what the bot posted has an activity to replace. A Workflows post cannot be changed: what changed
  // is posted after it, in one line, so the channel still learns it.
  if (connector_ == nullptr || to.message_id.empty()) {
    const auto workflow = config_.workflow_urls.find(to.channel);
    if (workflow == config_.workflow_urls.end())
      co_return failure("this Teams message was not posted by the bot, so it cannot be updated", false);
    Message line;
    line.locale = message.locale;
    line.section(message.change.empty() ? message.summary() : message.change);
    std::string url(workflow->second.reveal());
    co_return co_await post_workflow(std::move(url), line);
  }
  const auto read = [key = "channel:" + to.channel](Store& store) {
    return store.conversation(Platform::teams, key);
  };
  const std::optional<ConversationRef> ref = co_await store_.run(read);
  if (!ref) co_return failure("baton does not know Teams channel " + to.channel + " any more", false);
  std::string url = activities_url(ref->service_url, ref->conversation_id, to.message_id);
  std::string method = "PUT";
  co_return co_await bot_call(std::move(method), std::move(url), message);
}

}  // namespace baton::teams
