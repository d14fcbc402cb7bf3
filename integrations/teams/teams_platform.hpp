// Teams as a ChatPlatform. A channel post goes through the bot when baton has been added to the team
// (its card's buttons then work), else through the channel's Workflows webhook (links only; buttons
// shown as commands to type). A direct message needs the bot: the conversation stored when the person
// installed the app, or one created for them. Someone who blocked baton or never installed it is
// reported unreachable, not retried.
#pragma once

#include <mutex>

#include "bot/core/config/config.hpp"
#include "bot/core/platform/chat_platform.hpp"
#include "bot/core/store/store_executor.hpp"
#include "integrations/teams/connector.hpp"

namespace baton::teams {

class TeamsPlatform final : public ChatPlatform {
 public:
  // `connector` is null when no bot is configured (outgoing webhook and Workflows only).
  TeamsPlatform(HttpClient& http, Connector* connector, StoreExecutor& store, const TeamsConfig& config,
                const Clock& clock, Log log);

  Platform platform() const override { return Platform::teams; }
  Pacing pacing(const Destination& to) const override;
  boost::asio::awaitable<DeliveryResult> deliver(const Destination& to, const Message& message,
                                                 const DeliveryAttempt& attempt) override;

  // Documented throttling: a Workflows webhook takes at most 4 requests a second; a bot about 7 a second
  // and 60 in 30 s in one conversation (this pace stays under both), and ~50 a second across a tenant.
  static constexpr Pacing kWorkflowPacing{std::chrono::milliseconds(250), 1};
  static constexpr Pacing kConversationPacing{std::chrono::milliseconds(550), 5};
  static constexpr int kTenantPerSecond = 50;

 private:
  boost::asio::awaitable<DeliveryResult> post_workflow(std::string url, const Message& message);
  boost::asio::awaitable<DeliveryResult> to_channel(const Destination& to, const Message& message);
  boost::asio::awaitable<DeliveryResult> to_member(const Destination& to, const Message& message);
  // Replaces a card the bot posted in a channel (a handoff whose state changed).
  boost::asio::awaitable<DeliveryResult> update_in_channel(const Destination& to, const Message& message);
  boost::asio::awaitable<DeliveryResult> bot_call(std::string method, std::string url,
                                                  const Message& message);
  boost::asio::awaitable<void> tenant_pace();

  HttpClient& http_;
  Connector* connector_;
  StoreExecutor& store_;
  const TeamsConfig& config_;
  const Clock& clock_;
  Log log_;
  std::mutex mutex_;
  SteadyTime next_bot_call_{};
};

// Teams' refusals that mean the person cannot be reached by the bot, with a reason people understand.
std::optional<std::string> unreachable_reason(int status, const std::string& code);

}  // namespace baton::teams
