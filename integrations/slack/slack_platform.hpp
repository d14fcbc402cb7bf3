// Slack as a ChatPlatform: renders the neutral message as Block Kit and sends it with the Web API method
// that fits the destination. The outbox calls deliver(); it never knows it is talking to Slack.
#pragma once

#include <map>
#include <mutex>

#include "bot/core/config/config.hpp"
#include "bot/core/platform/chat_platform.hpp"
#include "integrations/slack/web_api.hpp"

namespace baton::slack {

class SlackPlatform final : public ChatPlatform {
 public:
  SlackPlatform(WebApi& api, const SlackConfig& config, Log log);

  Platform platform() const override { return Platform::slack; }
  Pacing pacing(const Destination& /*to*/) const override { return pacing_; }
  boost::asio::awaitable<DeliveryResult> deliver(const Destination& to, const Message& message,
                                                 const DeliveryAttempt& attempt) override;

  // A response_url must point at Slack (or, in tests, at the same host as the API): anything else would
  // let a crafted request make baton post wherever it is told.
  bool trusted_response_url(std::string_view url) const;

 private:
  boost::asio::awaitable<std::optional<std::string>> direct_channel(const std::string& user_id,
                                                                    DeliveryResult& failure);
  // What the channel's history says of a message in doubt: posted (its ts), not there, or Slack could
  // not say (the failure).
  struct Posted {
    std::optional<std::string> ts;
    std::optional<ApiResult> failure;
  };
  boost::asio::awaitable<Posted> find_posted(const std::string& channel, const DeliveryAttempt& attempt);
  // Posts to a channel (or a DM), tagged with the outbox key, unless a message in doubt is already there.
  boost::asio::awaitable<DeliveryResult> post(const std::string& channel, std::string arguments,
                                              const DeliveryAttempt& attempt);

  WebApi& api_;
  Pacing pacing_;
  Log log_;
  std::mutex mutex_;
  std::map<std::string, std::string> dm_channels_;  // Slack user id -> the DM channel with baton
};

}  // namespace baton::slack
