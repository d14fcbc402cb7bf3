#include "integrations/teams/teams_inbound.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/core/commands/budget.hpp"
#include "bot/core/crypto/hmac.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/http/url.hpp"
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

Locale TeamsInbound::locale_of(const std::string& user_key) const {
  const Member* member = org_.member_on(Platform::teams, user_key);
  return member != nullptr ? member->locale : Locale::en;
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
  const json from = activity.value("from", json::object());
  Inbound inbound;
  inbound.platform = Platform::teams;
  inbound.user_id = user_key(from);
  inbound.channel = channel_of(activity);
  inbound.text = command_text(string_at(activity, "/text"_json_pointer));
  const CardOptions as_text{Buttons::as_text, "@baton"};
  if (inbound.user_id.empty())
    co_return json{{"type", "message"}, {"text", "baton could not tell who asked."}};

  const std::string key = "teams:webhook:" + (string_at(activity, "/id"_json_pointer).empty()
                                                  ? inbound.user_id + ":" + inbound.text
                                                  : string_at(activity, "/id"_json_pointer));
  const LateAnswer<Reply> late = [this, key,
                                  channel = inbound.channel](Reply reply) -> asio::awaitable<void> {
    if (channel.empty()) co_return;
    // An outgoing webhook's answer cannot come later: the reply goes to the channel instead.
    OutboxItem item;
    item.key = key;
    item.destination.kind = Destination::Kind::channel;
    item.destination.channel = channel;
    item.message = std::move(reply.message);
    co_await enqueue(std::move(item));
  };
  const std::function<asio::awaitable<Reply>()> work = [this, inbound] { return commands_.handle(inbound); };
  const std::optional<Reply> answered = co_await within_budget<Reply>(work, kWebhookBudget, late);
  metrics_
      .counter("baton_teams_commands_total", "Commands from Teams, by door and how they were answered",
               {{"door", "webhook"}, {"answer", answered ? "direct" : "later"}})
      .add();
  if (answered) co_return card_activity(answered->message, as_text);
  log_.warn("teams webhook command slower than its budget; the reply goes to the channel");
  Message working;
  working.section(tr(locale_of(inbound.user_id), Msg::working_on_it));
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
  if (string_at(activity, "/type"_json_pointer) != "message")
    co_return HttpResponse::json(200, json{{"type", "message"}, {"text", ""}}.dump());
  const json answer = co_await webhook_message(activity);
  co_return HttpResponse::json(200, answer.dump());
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
    const std::string user = user_key(activity.value("from", json::object()));
    // In a personal chat, the person is whoever is not the bot: the sender of a message, or the member
    // added when the app was installed.
    std::vector<std::string> people{user};
    for (const json& added : activity.value("membersAdded", json::array())) {
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
  const std::string user = user_key(activity.value("from", json::object()));
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
  try {
    co_await remember(activity);
    if (type == "message") co_await answer_message(activity);
    const auto handled = [id, at = clock_.now()](Store& store) {
      store.mark_event_handled("teams", id, at);
      return true;
    };
    co_await store_.run(handled);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  // Left unhandled: it is tried again a lease later (EventRetry).
  if (!failure.empty()) log_.error("teams activity not handled", {{"activity_id", id}, {"error", failure}});
}

asio::awaitable<HttpResponse> TeamsInbound::messages(HttpRequest& request, const Log& log) {
  const BotAuth::Checked token = co_await auth_->check_token(request.header("authorization"));
  if (!token.outcome.ok()) co_return refuse(401, "/teams/messages", token.outcome.reason, request, log);
  Payload read = read_payload(request.body);
  if (!read.problem.empty()) co_return HttpResponse::error(400, "bad_request", read.problem);
  const json activity = std::move(read.json);
  if (!serves(activity)) co_return refuse(403, "/teams/messages", "another tenant", request, log);
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

asio::awaitable<void> TeamsInbound::resume_unhandled(SysTime received_by) {
  try {
    const auto read = [received_by, now = clock_.now()](Store& store) {
      return store.unhandled_events("teams", received_by, now, 500);
    };
    const std::vector<InboundEvent> activities = co_await store_.run(read);
    if (!activities.empty())
      log_.info("handling teams activities left unhandled", {{"count", activities.size()}});
    for (const InboundEvent& stored : activities) {
      const json activity = json::parse(stored.payload, nullptr, false);
      if (activity.is_object()) co_await handle_activity(activity);
    }
  } catch (const std::exception& e) {
    log_.error("cannot read the teams activities left unhandled", {{"error", e.what()}});
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
