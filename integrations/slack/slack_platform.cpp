#include "integrations/slack/slack_platform.hpp"

#include <boost/url/parse.hpp>

#include "bot/core/text/json_text.hpp"
#include "integrations/slack/block_kit.hpp"

namespace baton::slack {
namespace {

DeliveryResult from(const ApiResult& result) {
  DeliveryResult out;
  out.delivered = result.ok;
  out.retryable = result.retryable;
  out.retry_after = result.retry_after;
  out.error = result.error;
  return out;
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
  const std::string channel =
      opened.ok ? opened.body.value("/channel/id"_json_pointer, std::string()) : std::string();
  if (channel.empty()) {
    failure = from(opened);
    if (opened.ok) failure.error = "conversations.open gave no channel";
    co_return std::nullopt;
  }
  const std::lock_guard lock(mutex_);
  dm_channels_[user_id] = channel;
  co_return channel;
}

boost::asio::awaitable<DeliveryResult> SlackPlatform::deliver(const Destination& to, const Message& message) {
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
      body = with({{"channel", to.channel}});
      result = co_await api_.call_text("chat.postMessage", std::move(body));
      break;
    case Destination::Kind::member: {
      if (to.user_id.empty()) {
        DeliveryResult missing;
        missing.error = "member " + to.member + " has no Slack id in the config";
        co_return missing;
      }
      DeliveryResult failure;
      const auto channel = co_await direct_channel(to.user_id, failure);
      if (!channel) co_return failure;
      body = with({{"channel", *channel}});
      result = co_await api_.call_text("chat.postMessage", std::move(body));
      break;
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
  DeliveryResult out = from(result);
  if (result.ok && result.body.is_object()) {
    if (const auto ts = result.body.find("ts"); ts != result.body.end() && ts->is_string())
      out.message_id = *ts;
  }
  co_return out;
}

}  // namespace baton::slack
