// What Slack sends baton: slash commands, Events API callbacks and interactions (button clicks, modal
// submissions). The same functions serve requests over HTTP (each verified by its signature first) and
// envelopes over Socket Mode, so both modes behave alike.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/http/form.hpp"
#include "bot/core/http/http.hpp"
#include "bot/core/metrics/metrics.hpp"
#include "bot/core/outbox/outbox.hpp"
#include "integrations/slack/web_api.hpp"

namespace baton::slack {

// The coroutines below take their arguments by value: a coroutine keeps its parameters, and a reference
// to a caller's temporary would not outlive the call that started it.

// A slash command as Slack describes it, whether it came as a form (HTTP) or JSON (Socket Mode).
struct SlashCommand {
  std::string user_id;
  std::string channel_id;
  std::string text;
  std::string response_url;
  std::string trigger_id;

  static SlashCommand from(const Form& form);
  // Throws BadPayload when a field holds another type than Slack documents.
  static SlashCommand from(const nlohmann::json& payload);
};

class SlackInbound {
 public:
  // `api` opens modals (views.open), which cannot wait in the outbox: a trigger is valid for 3 seconds.
  SlackInbound(const SlackConfig& config, CommandLayer& commands, Outbox& outbox, StoreExecutor& store,
               WebApi& api, const OrgMap& org, const Clock& clock, Metrics& metrics, Log log);

  // Whether a request from this workspace is served (slack.team_id, when set, is the only one).
  bool serves(std::string_view team_id) const;
  // The workspace a payload names: a command's or an event envelope's team_id, an interaction's team.
  static std::string team_of(const nlohmann::json& payload);
  // Counts and logs a request refused because it comes from another workspace.
  void refuse_foreign(std::string_view route, std::string_view team_id, const Log& log);

  // /slack/commands, /slack/events, /slack/interactivity.
  void add_routes(Router& router);

  // A slash command's answer: what Slack shows the user, as JSON text (empty when a modal opened is the
  // answer). A command that answers within the budget is answered here; a slower one is acknowledged
  // here and answered later through its response_url.
  boost::asio::awaitable<std::string> slash_command(SlashCommand command);

  // An Events API envelope. Stored before it is acknowledged and handled after; a retry of an event
  // already stored is acknowledged and not handled again. Throws StoreUnavailable when it cannot be
  // stored: then Slack must not be told it was received; BadPayload when it cannot be read.
  struct EventAck {
    nlohmann::json body;  // {"challenge": ...} for url_verification, else empty
    bool duplicate = false;
  };
  boost::asio::awaitable<EventAck> event(nlohmann::json envelope);

  // An interaction payload (the "payload" form field, or a Socket Mode envelope's payload). Throws
  // BadPayload when a field baton reads holds another type than Slack documents.
  boost::asio::awaitable<nlohmann::json> interaction(nlohmann::json payload);

  // Handles again the events received by `pass.events_by` and not handled yet (their handler failed, or its
  // process died: this one before a restart, or another instance), each claimed first so that one
  // instance does it; gives up those tried too often, telling the person whose message it was. Tells
  // whoever typed a command received by `pass.commands_by` and never answered that it was interrupted.
  boost::asio::awaitable<void> resume_unhandled(RetryPass pass);

  // Slack waits 3 seconds for an answer; past this, baton acknowledges and answers later, after at
  // most 400 ms more recording that it owes an answer (within_budget's note_budget).
  static constexpr std::chrono::milliseconds kCommandBudget{2'400};

 private:
  boost::asio::awaitable<void> handle_event(nlohmann::json envelope);
  boost::asio::awaitable<void> answer_event(const nlohmann::json& event, const std::string& event_id);
  boost::asio::awaitable<void> give_up(InboundEvent stored);
  boost::asio::awaitable<void> tell_interrupted(PendingCommand command);
  // Right after the acknowledgement, while Slack's trigger is valid: opens the dialog; when Slack will
  // not, `instead` (what the person sees without it) goes out through the outbox.
  boost::asio::awaitable<void> open_dialog(std::string trigger_id, Dialog dialog, std::string channel,
                                           OutboxItem instead);
  boost::asio::awaitable<HttpResponse> verified(HttpRequest& request, const Log& log, std::string_view route);
  boost::asio::awaitable<void> enqueue(OutboxItem item);
  boost::asio::awaitable<nlohmann::json> submit_view(nlohmann::json payload);
  // Where the answer to a person's event goes: their DM, or (a mention) seen by them in the channel.
  Destination reply_destination(const nlohmann::json& event) const;

  const SlackConfig& config_;
  CommandLayer& commands_;
  Outbox& outbox_;
  StoreExecutor& store_;
  WebApi& api_;
  const OrgMap& org_;
  const Clock& clock_;
  Metrics& metrics_;
  Log log_;
};

// "<@U012AB3CD> team" -> "team": the mentions that address baton, at the start of a message.
std::string strip_leading_mentions(std::string_view text);
// Slack escapes &, < and > in text it sends; commands see them as typed.
std::string unescape(std::string_view text);

}  // namespace baton::slack
