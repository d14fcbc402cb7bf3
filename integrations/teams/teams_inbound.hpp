// What Teams sends baton. /teams/webhook: an outgoing webhook's message (a command typed with
// @baton in a channel), verified by its HMAC and answered in the response. /teams/messages: the Bot
// Framework's activities, verified by their JWT: messages (commands, direct messages, card button
// presses), and conversationUpdate / installationUpdate, whose conversation references are kept so baton
// can write to that person or channel later. Activities are stored before they are acknowledged and
// handled after, once each, even across a restart.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/http/http.hpp"
#include "bot/core/metrics/metrics.hpp"
#include "bot/core/outbox/outbox.hpp"
#include "integrations/teams/bot_auth.hpp"

namespace baton::teams {

class TeamsInbound {
 public:
  // `auth` is null when no bot is configured: then /teams/messages is not served.
  TeamsInbound(const TeamsConfig& config, CommandLayer& commands, Outbox& outbox, StoreExecutor& store,
               BotAuth* auth, const OrgMap& org, const Clock& clock, Metrics& metrics, Log log);

  void add_routes(Router& router);

  // The outgoing webhook's answer: a message activity, within the budget.
  boost::asio::awaitable<nlohmann::json> webhook_message(nlohmann::json activity);
  // Handles a Bot Framework activity already verified and stored.
  boost::asio::awaitable<void> handle_activity(nlohmann::json activity);
  // Handles again the activities received by `pass.events_by` and not handled yet (their handler failed,
  // or its process died: this one before a restart, or another instance), each claimed first so that one
  // instance does it; gives up those tried too often, telling the person whose message it was. Tells the
  // channel of a webhook command received by `pass.commands_by` and never answered that it was interrupted.
  boost::asio::awaitable<void> resume_unhandled(RetryPass pass);

  // Teams waits 5 seconds for an outgoing webhook's answer; past this, baton answers that it is on it
  // and posts the reply in the channel when it comes.
  static constexpr std::chrono::milliseconds kWebhookBudget{4'000};

 private:
  boost::asio::awaitable<HttpResponse> webhook(HttpRequest& request, const Log& log);
  boost::asio::awaitable<HttpResponse> messages(HttpRequest& request, const Log& log);
  boost::asio::awaitable<void> remember(const nlohmann::json& activity);
  boost::asio::awaitable<void> answer_message(const nlohmann::json& activity);
  boost::asio::awaitable<void> give_up(InboundEvent stored);
  boost::asio::awaitable<void> tell_interrupted(PendingCommand command);
  boost::asio::awaitable<void> enqueue(OutboxItem item);
  // Whether an activity's tenant is served (teams.tenant_id, when set, is the only one).
  bool serves(const nlohmann::json& activity) const;
  HttpResponse refuse(int status, std::string_view route, std::string_view reason, const HttpRequest& request,
                      const Log& log);
  // The id config knows a Teams person by: their Entra object id or their Bot Framework id.
  std::string user_key(const nlohmann::json& from) const;

  const TeamsConfig& config_;
  CommandLayer& commands_;
  Outbox& outbox_;
  StoreExecutor& store_;
  BotAuth* auth_;
  const OrgMap& org_;
  const Clock& clock_;
  Metrics& metrics_;
  Log log_;
  std::string webhook_key_;  // the security token, decoded
};

// The channel a Teams activity came from ("19:...@thread.tacv2"), or "" in a personal chat.
std::string channel_of(const nlohmann::json& activity);
// The tenant (Entra directory) an activity came from, or "" when it names none.
std::string tenant_of(const nlohmann::json& activity);

}  // namespace baton::teams
