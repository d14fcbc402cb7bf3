#include "integrations/teams/teams_inbound.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/core/commands/budget.hpp"
#include "bot/core/crypto/hmac.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/http/url.hpp"
#include "bot/core/text/json_text.hpp"
#include "integrations/teams/activity_text.hpp"
#include "integrations/teams/adaptive_card.hpp"
#include "integrations/teams/connector.hpp"
#include "integrations/teams/webhook_auth.hpp"

namespace baton::teams {
namespace {

namespace asio = boost::asio;
using nlohmann::json;


// Where to answer an activity: a reply in its conversation.
std::string reply_url(const json& activity, const std::string& activity_id) {
  return activities_url(string_at(activity, "/serviceUrl"_json_pointer),
                        string_at(activity, "/conversation/id"_json_pointer), activity_id);
}

// Reads every field baton reads of an activity, so that one it cannot use is refused (400) before it is
// stored or acknowledged, rather than failing later: throws BadPayload naming the field.
void check_readable(const json& activity) {
  for (const auto& pointer :
       {"/id"_json_pointer, "/type"_json_pointer, "/text"_json_pointer, "/replyToId"_json_pointer,
        "/serviceUrl"_json_pointer, "/conversation/id"_json_pointer,
        "/conversation/conversationType"_json_pointer, "/from/id"_json_pointer,
        "/from/aadObjectId"_json_pointer, "/recipient/id"_json_pointer,
        "/channelData/teamsChannelId"_json_pointer, "/channelData/channel/id"_json_pointer}) {
    (void)text_at(activity, pointer);
  }
  (void)object_at(activity, "/from"_json_pointer);
  (void)object_at(activity, "/conversation"_json_pointer);
  for (const json& added : array_at(activity, "/membersAdded"_json_pointer)) {
    if (added.is_object()) (void)text_at(added, "/id"_json_pointer);
  }
  const json value = activity.value("value", json());
  if (value.is_object()) {
    for (const auto& pointer : {"/baton_action"_json_pointer, "/baton_value"_json_pointer,
                                "/baton_dialog"_json_pointer, "/baton_context"_json_pointer})
      (void)text_at(value, pointer);
  }
}

HttpResponse unreadable(const std::exception& e, std::string_view route, const Log& log) {
  log.warn("teams activity refused", {{"route", route}, {"problem", e.what()}});
  return HttpResponse::error(400, "bad_request", std::string("the activity cannot be read: ") + e.what());
}

}  // namespace

std::string channel_of(const json& activity) {
  std::string channel = string_at(activity, "/channelData/teamsChannelId"_json_pointer);
  if (channel.empty()) channel = string_at(activity, "/channelData/channel/id"_json_pointer);
  if (channel.empty() && string_at(activity, "/conversation/conversationType"_json_pointer) == "channel") {
    channel = string_at(activity, "/conversation/id"_json_pointer);
    channel = channel.substr(0, channel.find(';'));  // "19:...@thread.tacv2;messageid=..."
  }
  return channel;
}

TeamsInbound::TeamsInbound(const TeamsConfig& config, CommandLayer& commands, Outbox& outbox,
                           StoreExecutor& store, BotAuth* auth, const OrgMap& org, const Clock& clock,
                           Metrics& metrics, Log log)
    : config_(config),
      commands_(commands),
      outbox_(outbox),
      store_(store),
      auth_(auth),
      org_(org),
      clock_(clock),
      metrics_(metrics),
      log_(std::move(log)),
      webhook_key_(base64_decode(config.webhook_token.reveal()).value_or("")) {}

std::string TeamsInbound::user_key(const json& from) const {
  std::string aad = string_at(from, "/aadObjectId"_json_pointer);
  if (!aad.empty() && org_.member_on(Platform::teams, aad) != nullptr) return aad;
  return string_at(from, "/id"_json_pointer);
}

asio::awaitable<void> TeamsInbound::enqueue(OutboxItem item) {
  item.platform = Platform::teams;
  try {
    co_await outbox_.enqueue(std::move(item));
  } catch (const std::exception& e) {
    log_.error("teams reply could not be stored", {{"error", e.what()}});
  }
}

HttpResponse TeamsInbound::refuse(int status, std::string_view route, std::string_view reason,
                                  const HttpRequest& request, const Log& log) {
  metrics_
      .counter("baton_teams_rejected_total", "Requests refused for failed Teams authentication, by reason",
               {{"route", std::string(route)}, {"status", std::to_string(status)}})
      .add();
  log.warn("teams request refused",
           {{"route", route}, {"reason", reason}, {"remote", request.remote_address}});
  return HttpResponse::json(status, "{}");  // no detail for the caller
}

// --- outgoing webhook ------------------------------------------------------------------------------

asio::awaitable<json> TeamsInbound::webhook_message(json activity) {
  Inbound inbound;
  inbound.platform = Platform::teams;
  inbound.user_id = user_key(object_at(activity, "/from"_json_pointer));
  inbound.channel = channel_of(activity);
  inbound.text = command_text(text_at(activity, "/text"_json_pointer));
  const CardOptions as_text{Buttons::as_text, "@baton"};
  if (inbound.user_id.empty())
    co_return json{{"type", "message"}, {"text", "baton could not tell who asked."}};

  const std::string id = text_at(activity, "/id"_json_pointer);
  const Member* member = org_.member_on(Platform::teams, inbound.user_id);
  // An outgoing webhook's answer cannot come later: a late reply goes to the channel, and so does the
  // notice that it never came, if baton dies first.
  const PendingCommand pending{"teams:webhook:" + (id.empty() ? inbound.user_id + ":" + inbound.text : id),
                               Platform::teams,
                               inbound.user_id,
                               member != nullptr ? member->key : "",
                               inbound.channel,
                               inbound.text,
                               "",
                               clock_.now()};
  const LateAnswer<Reply> late = [this, pending](Reply reply) -> asio::awaitable<void> {
    if (pending.channel.empty()) co_return;
    OutboxItem item;
    item.key = pending.key;
    item.platform = Platform::teams;
    item.destination.kind = Destination::Kind::channel;
    item.destination.channel = pending.channel;
    item.message = std::move(reply.message);
    try {
      co_await outbox_.enqueue_answer(std::move(item), pending.key);
    } catch (const std::exception& e) {
      log_.error("teams reply could not be stored", {{"error", e.what()}});
    }
  };
  const OnLate note_pending = [this, pending]() -> asio::awaitable<void> {
    if (!pending.channel.empty()) co_await outbox_.owe_answer(pending);
  };
  const std::function<asio::awaitable<Reply>()> work = [this, inbound] { return commands_.handle(inbound); };
  const std::optional<Reply> answered =
      co_await within_budget<Reply>(work, kWebhookBudget, late, note_pending);
  metrics_
      .counter("baton_teams_commands_total", "Commands from Teams, by door and how they were answered",
               {{"door", "webhook"}, {"answer", answered ? "direct" : "later"}})
      .add();
  if (answered) co_return card_activity(answered->message, as_text);
  log_.warn("teams webhook command slower than its budget; the reply goes to the channel");
  Message working;
  working.section(tr(commands_.locale_known(Platform::teams, inbound.user_id), Msg::working_on_it));
  co_return card_activity(working, as_text);
}

std::string tenant_of(const json& activity) {
  std::string tenant = string_at(activity, "/channelData/tenant/id"_json_pointer);
  if (tenant.empty()) tenant = string_at(activity, "/conversation/tenantId"_json_pointer);
  return tenant;
}

bool TeamsInbound::serves(const json& activity) const {
  return config_.tenant_id.empty() || tenant_of(activity) == config_.tenant_id;
}

asio::awaitable<HttpResponse> TeamsInbound::webhook(HttpRequest& request, const Log& log) {
  const WebhookCheck check =
      verify_outgoing_webhook(webhook_key_, request.header("authorization"), request.body);
  if (check != WebhookCheck::ok) co_return refuse(401, "/teams/webhook", to_string(check), request, log);
  Payload read = read_payload(request.body);
  if (!read.problem.empty()) co_return HttpResponse::error(400, "bad_request", read.problem);
  const json activity = std::move(read.json);
  if (!serves(activity)) co_return refuse(403, "/teams/webhook", "another tenant", request, log);
  try {
    check_readable(activity);
  } catch (const BadPayload& e) {
    co_return unreadable(e, "/teams/webhook", log);
  }
  if (string_at(activity, "/type"_json_pointer) != "message")
    co_return HttpResponse::json(200, dump_json({{"type", "message"}, {"text", ""}}));
  const json answer = co_await webhook_message(activity);
  co_return HttpResponse::json(200, dump_json(answer));
}

// --- Bot Framework ---------------------------------------------------------------------------------

asio::awaitable<void> TeamsInbound::remember(const json& activity) {
  const std::string service_url = without_trailing_slash(string_at(activity, "/serviceUrl"_json_pointer));
  const std::string conversation = string_at(activity, "/conversation/id"_json_pointer);
  if (service_url.empty() || conversation.empty()) co_return;
  const std::string tenant = tenant_of(activity);
  const std::string type = string_at(activity, "/conversation/conversationType"_json_pointer);
  std::vector<ConversationRef> refs;
  std::vector<std::string> reinstalled;
  const SysTime now = clock_.now();
  if (type == "personal") {
    const std::string user = user_key(object_at(activity, "/from"_json_pointer));
    // In a personal chat, the person is whoever is not the bot: the sender of a message, or the member
    // added when the app was installed.
    std::vector<std::string> people{user};
    for (const json& added : array_at(activity, "/membersAdded"_json_pointer)) {
      if (added.is_object() &&
          string_at(added, "/id"_json_pointer) != string_at(activity, "/recipient/id"_json_pointer))
        people.push_back(user_key(added));
    }
    for (const std::string& person : people) {
      const Member* member = org_.member_on(Platform::teams, person);
      if (member == nullptr) continue;
      refs.push_back(
          {Platform::teams, "member:" + member->key, conversation, service_url, tenant, person, now});
      reinstalled.push_back(member->key);
    }
  } else if (const std::string channel = channel_of(activity); !channel.empty()) {
    // Replies go to the channel's conversation, not to the thread of one message.
    refs.push_back({Platform::teams, "channel:" + channel, channel, service_url, tenant, "", now});
  }
  if (refs.empty()) co_return;
  const auto save = [refs, reinstalled](Store& store) {
    for (const ConversationRef& ref : refs)
      store.save_conversation(ref);
    for (const std::string& member : reinstalled)
      store.clear_unreachable(Platform::teams, member);  // they have the app (again)
    return true;
  };
  co_await store_.run(save);
}

asio::awaitable<void> TeamsInbound::answer_message(const json& activity) {
  const std::string user = user_key(object_at(activity, "/from"_json_pointer));
  const std::string channel = channel_of(activity);
  const std::string id = string_at(activity, "/id"_json_pointer);
  OutboxItem item;
  item.destination.kind = Destination::Kind::response;
  item.destination.user_id = user;
  if (const Member* member = org_.member_on(Platform::teams, user)) item.destination.member = member->key;

  // A press on one of baton's card buttons (Action.Submit) comes as a message carrying the button's data.
  const json value = activity.value("value", json());
  if (value.is_object() && value.contains("baton_action")) {
    Click click;
    click.platform = Platform::teams;
    click.user_id = user;
    click.channel = channel;
    click.action_id = string_at(value, "/baton_action"_json_pointer);
    click.value = string_at(value, "/baton_value"_json_pointer);
    ClickReply reply = co_await commands_.click(click);
    if (reply.aside) {
      // To the clicker alone: in their chat with the bot (Teams shows nobody one message of a channel),
      // with the dialog's inputs on the card; its submission comes back as a form's.
      OutboxItem aside = item;
      aside.key = "teams:click:" + id + ":aside";
      if (channel.empty()) {
        aside.destination.response_url = reply_url(activity, id);
      } else {
        aside.destination.kind = Destination::Kind::member_in_channel;
        aside.destination.channel = channel;
      }
      aside.message = std::move(*reply.aside);
      if (reply.dialog) aside.message.form = std::move(reply.dialog);
      co_await enqueue(std::move(aside));
    }
    if (!reply.replacement) co_return;
    // The card pressed is replaced, so its buttons cannot be pressed twice.
    const std::string reply_to = string_at(activity, "/replyToId"_json_pointer);
    item.key = "teams:click:" + id;
    item.destination.response_url = reply_url(activity, reply_to.empty() ? id : reply_to);
    item.destination.replace_original = !reply_to.empty();
    item.message = std::move(*reply.replacement);
    co_await enqueue(std::move(item));
    co_return;
  }

  // A form filled in on one of baton's cards (Message::form): its inputs come with the submit's data.
  if (value.is_object() && value.contains("baton_dialog")) {
    DialogSubmission submission;
    submission.platform = Platform::teams;
    submission.user_id = user;
    submission.dialog_id = string_at(value, "/baton_dialog"_json_pointer);
    submission.context = string_at(value, "/baton_context"_json_pointer);
    for (const auto& [field, entered] : value.items()) {
      if (!field.starts_with("baton_") && entered.is_string())
        submission.values[field] = entered.get<std::string>();
    }
    const DialogOutcome outcome = co_await commands_.submit(submission);
    const std::string reply_to = string_at(activity, "/replyToId"_json_pointer);
    item.key = "teams:submit:" + id;
    if (outcome.errors.empty()) {
      // The form is replaced by the confirmation, so it cannot be sent twice.
      item.destination.response_url = reply_url(activity, reply_to.empty() ? id : reply_to);
      item.destination.replace_original = !reply_to.empty();
      item.message = outcome.confirmation.value_or(Message{});
    } else {
      // The card keeps what was typed; a reply says what to correct.
      item.destination.response_url = reply_url(activity, id);
      for (const auto& [field, error] : outcome.errors)
        item.message.section(RichText(error));
    }
    co_await enqueue(std::move(item));
    co_return;
  }

  Inbound inbound;
  inbound.platform = Platform::teams;
  inbound.user_id = user;
  inbound.channel = channel;
  inbound.direct = channel.empty();
  inbound.text = command_text(string_at(activity, "/text"_json_pointer));
  if (inbound.text.empty()) co_return;
  const Reply reply = co_await commands_.handle(inbound);
  metrics_
      .counter("baton_teams_commands_total", "Commands from Teams, by door and how they were answered",
               {{"door", "bot"}, {"answer", "reply"}})
      .add();
  item.key = "teams:activity:" + id;
  item.destination.response_url = reply_url(activity, id);
  item.message = reply.message;
  if (reply.dialog) item.message.form = reply.dialog;  // the bot's cards take inputs
  co_await enqueue(std::move(item));
}

asio::awaitable<void> TeamsInbound::handle_activity(json activity) {
  const std::string id = string_at(activity, "/id"_json_pointer);
  const std::string type = string_at(activity, "/type"_json_pointer);
  std::string failure;
  bool unreadable = false;
  try {
    co_await remember(activity);
    if (type == "message") co_await answer_message(activity);
    const auto handled = [id, at = clock_.now()](Store& store) {
      store.mark_event_handled("teams", id, at);
      return true;
    };
    co_await store_.run(handled);
  } catch (const BadPayload& e) {
    // Trying again would read the same activity: it is done with, and says why.
    log_.error("teams activity cannot be read; given up", {{"activity_id", id}, {"error", e.what()}});
    count_given_up(metrics_, Platform::teams);
    unreadable = true;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (unreadable) {
    const auto done = [id, at = clock_.now()](Store& store) {
      store.mark_event_handled("teams", id, at);
      return true;
    };
    try {
      co_await store_.run(done);
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  // Left unhandled: it is tried again later (EventRetry), a few times.
  if (!failure.empty()) log_.error("teams activity not handled", {{"activity_id", id}, {"error", failure}});
}

asio::awaitable<void> TeamsInbound::give_up(InboundEvent stored) {
  log_.error("teams activity given up after failing every time",
             {{"activity_id", stored.id}, {"retries", std::int64_t{stored.retries}}});
  count_given_up(metrics_, Platform::teams);
  const json activity = json::parse(stored.payload, nullptr, false);
  if (!activity.is_object() || string_at(activity, "/type"_json_pointer) != "message") co_return;
  // The person who wrote it is told, in the conversation they wrote in.
  const std::string user = user_key(activity.value("from", json::object()));
  if (user.empty() || string_at(activity, "/serviceUrl"_json_pointer).empty()) co_return;
  OutboxItem notice;
  notice.key = "teams:activity:" + stored.id + ":given-up";
  notice.platform = Platform::teams;
  notice.destination.kind = Destination::Kind::response;
  notice.destination.user_id = user;
  notice.destination.response_url = reply_url(activity, stored.id);
  notice.message = commands_.given_up_notice(Platform::teams, user);
  co_await enqueue(std::move(notice));
}

asio::awaitable<void> TeamsInbound::tell_interrupted(PendingCommand command) {
  log_.warn("teams command never answered; telling its channel", {{"key", command.key}});
  OutboxItem notice;
  notice.key = command.key + ":interrupted";
  notice.platform = Platform::teams;
  notice.destination.kind = Destination::Kind::channel;
  notice.destination.channel = command.channel;
  notice.message = commands_.interrupted_notice(command);
  co_await outbox_.enqueue_answer(std::move(notice), command.key);
}

asio::awaitable<HttpResponse> TeamsInbound::messages(HttpRequest& request, const Log& log) {
  const BotAuth::Checked token = co_await auth_->check_token(request.header("authorization"));
  if (!token.outcome.ok()) co_return refuse(401, "/teams/messages", token.outcome.reason, request, log);
  Payload read = read_payload(request.body);
  if (!read.problem.empty()) co_return HttpResponse::error(400, "bad_request", read.problem);
  const json activity = std::move(read.json);
  if (!serves(activity)) co_return refuse(403, "/teams/messages", "another tenant", request, log);
  try {
    check_readable(activity);
  } catch (const BadPayload& e) {
    co_return unreadable(e, "/teams/messages", log);
  }
  const AuthOutcome outcome = BotAuth::check_activity(token, activity);
  if (!outcome.ok()) {
    co_return refuse(outcome.verdict == AuthOutcome::Verdict::forbidden ? 403 : 401, "/teams/messages",
                     outcome.reason, request, log);
  }
  const std::string id = string_at(activity, "/id"_json_pointer);
  const std::string type = string_at(activity, "/type"_json_pointer);
  if (type == "invoke") co_return HttpResponse::json(200, "{}");  // nothing baton uses yet
  if (id.empty()) co_return HttpResponse::error(400, "bad_request", "the activity has no id");

  const InboundEvent stored{"teams", id, request.body, clock_.now()};
  const auto accept = [stored](Store& store) { return store.accept_event(stored); };
  bool fresh = false;
  try {
    fresh = co_await store_.run(accept);
  } catch (const std::exception& e) {
    // Not stored: the Bot Framework must not be told it was received.
    log.error("teams activity not stored", {{"error", e.what()}});
    co_return HttpResponse::error(503, "unavailable", "baton cannot store this activity now; try again");
  }
  metrics_
      .counter("baton_teams_activities_total", "Bot Framework activities, by type and whether they were new",
               {{"type", type}, {"outcome", fresh ? "new" : "duplicate"}})
      .add();
  if (fresh) {
    auto executor = co_await asio::this_coro::executor;
    asio::co_spawn(executor, handle_activity(activity), asio::detached);
  }
  co_return HttpResponse::json(200, "{}");
}

asio::awaitable<void> TeamsInbound::resume_unhandled(RetryPass pass) {
  try {
    const auto read = [pass, now = clock_.now()](Store& store) {
      return store.unhandled_events("teams", pass.events_by, now, 500, pass.retries);
    };
    const UnhandledEvents activities = co_await store_.run(read);
    if (!activities.to_retry.empty())
      log_.info("handling teams activities left unhandled", {{"count", activities.to_retry.size()}});
    for (const InboundEvent& stored : activities.to_retry) {
      const json activity = json::parse(stored.payload, nullptr, false);
      if (activity.is_object()) co_await handle_activity(activity);
    }
    for (const InboundEvent& stored : activities.given_up)
      co_await give_up(stored);
    const auto claim = [pass, now = clock_.now()](Store& store) {
      return store.claim_pending_commands(Platform::teams, pass.commands_by, now, 100);
    };
    for (PendingCommand& command : co_await store_.run(claim))
      co_await tell_interrupted(std::move(command));
  } catch (const std::exception& e) {
    log_.error("cannot read the teams activities and commands left undone", {{"error", e.what()}});
  }
}

void TeamsInbound::add_routes(Router& router) {
  if (!webhook_key_.empty()) {
    router.add("POST", "/teams/webhook",
               [this](HttpRequest& request, const Log& log) { return webhook(request, log); });
  }
  if (auth_ != nullptr) {
    router.add("POST", "/teams/messages",
               [this](HttpRequest& request, const Log& log) { return messages(request, log); });
  }
}

}  // namespace baton::teams
