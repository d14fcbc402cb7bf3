#include "integrations/slack/slack_platform.hpp"

#include <boost/url/parse.hpp>

#include "bot/core/http/json_field.hpp"
#include "bot/core/text/json_text.hpp"
#include "integrations/slack/block_kit.hpp"

namespace baton::slack {
namespace {

// Every message baton posts carries its outbox key as message metadata under this event type, so that a
// message cut off by a crash can be found in the channel's history instead of being posted twice. Other
// apps in the workspace can read it; a key names what the message is about, nothing secret.
constexpr std::string_view kMetadataEvent = "baton_outbox_message";
// A history read starts this long before the message was stored: baton's clock and Slack's may differ.
constexpr auto kClockSkew = std::chrono::minutes(5);
// Pages of history read at most when looking for a message in doubt: in a channel busier than that since
// the message was stored, it is not found, and is posted again.
constexpr int kHistoryPages = 5;
constexpr int kHistoryPageSize = 200;

DeliveryResult from(const ApiResult& result) {
  DeliveryResult out;
  out.delivered = result.ok;
  out.retryable = result.retryable;
  out.retry_after = result.retry_after;
  out.error = result.error;
  if (result.ok && result.body.is_object()) {
    if (const auto ts = result.body.find("ts"); ts != result.body.end() && ts->is_string())
      out.message_id = *ts;
  }
  return out;
}

// Slack's message timestamps: seconds since the epoch, with microseconds.
std::string slack_ts(SysTime at) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  if (micros <= 0) return "0";
  std::string fraction = std::to_string(micros % 1'000'000);
  return std::to_string(micros / 1'000'000) + "." + std::string(6 - fraction.size(), '0') + fraction;
}

std::string origin_of(std::string_view url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return {};
  return std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
}

}  // namespace

SlackPlatform::SlackPlatform(WebApi& api, const SlackConfig& config, Log log)
    : api_(api), pacing_{config.channel_interval, config.channel_burst}, log_(std::move(log)) {}

bool SlackPlatform::trusted_response_url(std::string_view url) const {
  const std::string origin = origin_of(url);
  return origin == "https://hooks.slack.com" || (!origin.empty() && origin == origin_of(api_.base_url()));
}

boost::asio::awaitable<std::optional<std::string>> SlackPlatform::direct_channel(const std::string& user_id,
                                                                                 DeliveryResult& failure) {
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = dm_channels_.find(user_id); it != dm_channels_.end()) co_return it->second;
  }
  // Named first: g++ 12 cannot compile a braced initializer inside a co_await expression.
  const nlohmann::json arguments{{"users", user_id}};
  const ApiResult opened = co_await api_.call("conversations.open", arguments);
  const std::string channel = opened.ok ? string_at(opened.body, "/channel/id"_json_pointer) : std::string();
  if (channel.empty()) {
    failure = from(opened);
    if (opened.ok) failure.error = "conversations.open gave no channel";
    co_return std::nullopt;
  }
  const std::lock_guard lock(mutex_);
  dm_channels_[user_id] = channel;
  co_return channel;
}

boost::asio::awaitable<SlackPlatform::Posted> SlackPlatform::find_posted(const std::string& channel,
                                                                         const DeliveryAttempt& attempt) {
  const std::string oldest = slack_ts(attempt.stored_at - kClockSkew);
  std::string cursor;
  for (int page = 0; page < kHistoryPages; ++page) {
    std::vector<std::pair<std::string, std::string>> fields{{"channel", channel},
                                                            {"oldest", oldest},
                                                            {"limit", std::to_string(kHistoryPageSize)},
                                                            {"include_all_metadata", "true"}};
    if (!cursor.empty()) fields.emplace_back("cursor", cursor);
    const ApiResult history = co_await api_.call_form("conversations.history", fields);
    if (!history.ok) co_return Posted{std::nullopt, history};
    const auto messages = history.body.find("messages");
    if (messages != history.body.end() && messages->is_array()) {
      for (const nlohmann::json& posted : *messages) {
        if (string_at(posted, "/metadata/event_type"_json_pointer) == kMetadataEvent &&
            string_at(posted, "/metadata/event_payload/key"_json_pointer) == attempt.key)
          co_return Posted{string_at(posted, "/ts"_json_pointer), std::nullopt};
      }
    }
    const auto more = history.body.find("has_more");
    if (more == history.body.end() || !more->is_boolean() || !more->get<bool>()) break;
    cursor = string_at(history.body, "/response_metadata/next_cursor"_json_pointer);
    if (cursor.empty()) break;
  }
  co_return Posted{};
}

boost::asio::awaitable<DeliveryResult> SlackPlatform::post(const std::string& channel, std::string arguments,
                                                           const DeliveryAttempt& attempt) {
  if (attempt.in_doubt && !attempt.key.empty()) {
    const Posted posted = co_await find_posted(channel, attempt);
    if (posted.ts) {
      DeliveryResult found;
      found.delivered = true;
      found.already_there = true;
      if (!posted.ts->empty()) found.message_id = posted.ts;
      co_return found;
    }
    if (posted.failure) {
      if (posted.failure->retryable) co_return from(*posted.failure);  // ask again later, still in doubt
      log_.warn(
          "cannot tell whether a message cut off by a restart reached Slack, so it is posted again; "
          "reading a channel's history needs the channels:history, groups:history and im:history scopes",
          {{"channel", channel}, {"error", posted.failure->error}});
    }
  }
  if (!attempt.key.empty()) {
    append_json_key(arguments, "metadata");
    arguments += R"({"event_type":")";
    arguments += kMetadataEvent;
    arguments += R"(","event_payload":{)";
    append_json_field(arguments, "key", attempt.key);
    arguments += "}}";
  }
  append_json_field(arguments, "channel", channel);
  arguments += '}';
  const ApiResult result = co_await api_.call_text("chat.postMessage", std::move(arguments));
  co_return from(result);
}

boost::asio::awaitable<DeliveryResult> SlackPlatform::deliver(const Destination& to, const Message& message,
                                                              const DeliveryAttempt& attempt) {
  const Rendered rendered = render(message);
  // The arguments as JSON text: the blocks are already text. Each kind of destination ends the object
  // with its own fields, once.
  std::string arguments = "{";
  append_json_field(arguments, "text", rendered.text);
  append_json_key(arguments, "blocks");
  arguments += rendered.blocks;
  const auto with =
      [&arguments](std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
        for (const auto& [name, value] : fields)
          append_json_field(arguments, name, value);
        arguments += '}';
        return std::move(arguments);
      };
  // Named before each co_await: g++ 12 cannot compile a braced initializer inside a co_await expression.
  std::string body;
  ApiResult result;
  switch (to.kind) {
    case Destination::Kind::channel:
      co_return co_await post(to.channel, std::move(arguments), attempt);
    case Destination::Kind::member: {
      if (to.user_id.empty()) {
        DeliveryResult missing;
        missing.error = "member " + to.member + " has no Slack id in the config";
        co_return missing;
      }
      DeliveryResult failure;
      const auto channel = co_await direct_channel(to.user_id, failure);
      if (!channel) co_return failure;
      co_return co_await post(*channel, std::move(arguments), attempt);
    }
    case Destination::Kind::member_in_channel:
      body = with({{"channel", to.channel}, {"user", to.user_id}});
      result = co_await api_.call_text("chat.postEphemeral", std::move(body));
      break;
    case Destination::Kind::update:
      body = with({{"channel", to.channel}, {"ts", to.message_id}});
      result = co_await api_.call_text("chat.update", std::move(body));
      break;
    case Destination::Kind::response: {
      if (!trusted_response_url(to.response_url)) {
        DeliveryResult refused;
        refused.error = "the response_url is not a Slack address";
        co_return refused;
      }
      append_json_key(arguments, "replace_original");
      arguments += to.replace_original ? "true" : "false";
      body = with({{"response_type", "ephemeral"}});
      result = co_await api_.respond_text(to.response_url, std::move(body));
      break;
    }
  }
  // Ephemeral messages, updates and responses are not looked for when in doubt: the first vanish and
  // cannot be read back, the others replace what they replace, twice or once alike.
  co_return from(result);
}

}  // namespace baton::slack
