// Every route verifies Slack's signature before reading the body. Work that touches the store runs with a
// budget: what finishes within it is answered directly; what does not is acknowledged, and finishes in
// the background, answering through the outbox. Replies are keyed by what Slack sent (trigger id, event
// id, action time), so handling something twice never sends two answers.
#include "integrations/slack/slack_inbound.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/commands/budget.hpp"
#include "bot/core/http/json_field.hpp"
#include "bot/core/text/json_text.hpp"
#include "integrations/slack/block_kit.hpp"
#include "integrations/slack/signature.hpp"

namespace baton::slack {
namespace {

namespace asio = boost::asio;
using nlohmann::json;

constexpr const char* kRejectedHelp = "Requests refused: a bad signature or another workspace, by reason";
// Slack takes answers at a command's response_url for 30 minutes.
constexpr std::chrono::minutes kResponseUrlLifetime{30};

HttpResponse foreign_workspace() {
  return HttpResponse::error(403, "forbidden", "this baton does not serve that Slack workspace");
}

// {"response_type":...,"text":...,"blocks":[...]} as text, the blocks as render() wrote them.
std::string command_answer(const Reply& reply) {
  const Rendered rendered = render(reply.message);
  std::string out = "{";
  append_json_field(out, "response_type",
                    reply.visibility == Visibility::in_channel ? "in_channel" : "ephemeral");
  append_json_field(out, "text", rendered.text);
  append_json_key(out, "blocks");
  out += rendered.blocks;
  out += '}';
  return out;
}

}  // namespace

std::string strip_leading_mentions(std::string_view text) {
  for (;;) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n'))
      text.remove_prefix(1);
    if (!text.starts_with("<@")) break;
    const auto close = text.find('>');
    if (close == std::string_view::npos) break;
    text.remove_prefix(close + 1);
  }
  return std::string(text);
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("&amp;")) {
      out += '&';
      i += 4;
    } else if (rest.starts_with("&lt;")) {
      out += '<';
      i += 3;
    } else if (rest.starts_with("&gt;")) {
      out += '>';
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

SlackInbound::SlackInbound(const SlackConfig& config, CommandLayer& commands, Outbox& outbox,
                           StoreExecutor& store, WebApi& api, const OrgMap& org, const Clock& clock,
                           Metrics& metrics, Log log)
    : config_(config),
      commands_(commands),
      outbox_(outbox),
      store_(store),
      api_(api),
      org_(org),
      clock_(clock),
      metrics_(metrics),
      log_(std::move(log)) {}

asio::awaitable<void> SlackInbound::enqueue(OutboxItem item) {
  item.platform = Platform::slack;
  try {
    co_await outbox_.enqueue(std::move(item));
  } catch (const std::exception& e) {
    log_.error("slack reply could not be stored", {{"error", e.what()}});
  }
}

asio::awaitable<void> SlackInbound::open_dialog(std::string trigger_id, Dialog dialog, std::string channel,
                                                OutboxItem instead) {
  const json arguments{{"trigger_id", trigger_id}, {"view", render_view(dialog, channel)}};
  const ApiResult opened = co_await api_.call("views.open", arguments);
  if (opened.ok) co_return;
  log_.warn("slack modal not opened; saying what to do instead", {{"error", opened.error}});
  if (!instead.message.blocks.empty()) co_await enqueue(std::move(instead));
}

// --- slash commands --------------------------------------------------------------------------------

SlashCommand SlashCommand::from(const Form& form) {
  return {form.first("user_id").value_or(""), form.first("channel_id").value_or(""),
          form.first("text").value_or(""), form.first("response_url").value_or(""),
          form.first("trigger_id").value_or("")};
}

SlashCommand SlashCommand::from(const json& payload) {
  return {text_at(payload, "/user_id"_json_pointer), text_at(payload, "/channel_id"_json_pointer),
          text_at(payload, "/text"_json_pointer), text_at(payload, "/response_url"_json_pointer),
          text_at(payload, "/trigger_id"_json_pointer)};
}

asio::awaitable<std::string> SlackInbound::slash_command(SlashCommand command) {
  if (command.user_id.empty() || command.channel_id.empty()) {
    co_return R"({"response_type":"ephemeral","text":"baton could not read this command (no user or channel)."})";
  }
  Inbound inbound;
  inbound.platform = Platform::slack;
  inbound.user_id = command.user_id;
  inbound.channel = command.channel_id;
  inbound.text = unescape(command.text);
  const Member* member = org_.member_on(Platform::slack, command.user_id);
  // What a late answer needs, and what tells the person it never came if baton dies first.
  const PendingCommand pending{
      "slack:command:" + (command.trigger_id.empty() ? command.response_url : command.trigger_id),
      Platform::slack,
      command.user_id,
      member != nullptr ? member->key : "",
      command.channel_id,
      inbound.text,
      command.response_url,
      clock_.now()};
  const auto answer_to = [pending](Message message) {
    OutboxItem item;
    item.key = pending.key;
    item.platform = Platform::slack;
    item.destination.kind = Destination::Kind::response;
    item.destination.response_url = pending.reply_to;
    item.destination.user_id = pending.user_id;
    item.message = std::move(message);
    return item;
  };
  const LateAnswer<Reply> late_answer = [this, answer_to,
                                         key = pending.key](Reply reply) -> asio::awaitable<void> {
    try {
      co_await outbox_.enqueue_answer(answer_to(std::move(reply.message)), key);
    } catch (const std::exception& e) {
      log_.error("slack reply could not be stored", {{"error", e.what()}});
    }
  };
  // Stored before "Working on it…" is said, as any write is before its acknowledgement.
  const OnLate note_pending = [this, pending]() { return outbox_.owe_answer(pending); };
  const std::function<asio::awaitable<Reply>()> work = [this, inbound] { return commands_.handle(inbound); };
  const std::optional<Reply> answered =
      co_await within_budget<Reply>(work, kCommandBudget, late_answer, note_pending);
  metrics_
      .counter("baton_slack_commands_total", "Slash commands, by how they were answered",
               {{"answer", answered ? "direct" : "later"}})
      .add();
  if (answered) {
    const Reply& reply = *answered;
    if (reply.dialog && !command.trigger_id.empty()) {
      // Acknowledged with nothing now, the modal opened right after: Slack's trigger lasts 3 seconds from
      // its sending, and its 3-second deadline for the answer runs meanwhile.
      OutboxItem instead = answer_to(reply.message);
      instead.key += ":instead-of-dialog";
      asio::co_spawn(co_await asio::this_coro::executor,
                     open_dialog(command.trigger_id, *reply.dialog, command.channel_id, std::move(instead)),
                     asio::detached);
      co_return std::string();
    }
    co_return command_answer(reply);
  }
  log_.warn("slack command slower than its budget; answering through response_url",
            {{"budget_ms", kCommandBudget.count()}});
  Reply working;
  working.message.section(tr(commands_.locale_known(Platform::slack, command.user_id), Msg::working_on_it));
  co_return command_answer(working);
}

// --- events ----------------------------------------------------------------------------------------

namespace {

// What baton reads of an event, read once: a person's message to it (a DM or a mention) or something else.
struct EventFacts {
  std::string type;
  std::string user;
  std::string channel;
  std::string text;
  bool from_a_person = false;
  bool mention = false;
  bool direct = false;
};

// Throws BadPayload when a field baton reads holds another type than Slack documents. Only the events
// baton answers are read past their type: another's fields (a user_change's user is an object) are
// not baton's to judge.
EventFacts facts_of(const json& event) {
  EventFacts out;
  out.type = text_at(event, "/type"_json_pointer);
  if (out.type != "message" && out.type != "app_mention") return out;
  out.user = text_at(event, "/user"_json_pointer);
  out.channel = text_at(event, "/channel"_json_pointer);
  out.text = text_at(event, "/text"_json_pointer);
  // Baton's own messages and edits, joins, bot posts... come as subtypes or with a bot_id: not for us.
  out.from_a_person = !event.contains("bot_id") && !event.contains("subtype") && !out.user.empty();
  out.mention = out.type == "app_mention";
  out.direct = out.type == "message" && text_at(event, "/channel_type"_json_pointer) == "im";
  return out;
}

}  // namespace

asio::awaitable<SlackInbound::EventAck> SlackInbound::event(json envelope) {
  EventAck ack;
  const std::string type = text_at(envelope, "/type"_json_pointer);
  if (type == "url_verification") {
    ack.body = {{"challenge", text_at(envelope, "/challenge"_json_pointer)}};
    co_return ack;
  }
  if (type != "event_callback") {
    log_.info("slack envelope ignored", {{"type", type}});
    co_return ack;
  }
  const std::string event_id = text_at(envelope, "/event_id"_json_pointer);
  const EventFacts facts = facts_of(object_at(envelope, "/event"_json_pointer));  // refused now if unreadable
  if (event_id.empty()) {
    log_.warn("slack event without event_id ignored", {{"event_type", facts.type}});
    co_return ack;
  }
  const InboundEvent stored{"slack", event_id, dump_json(envelope), clock_.now()};
  const auto accept = [stored](Store& store) { return store.accept_event(stored); };
  const bool fresh = co_await store_.run(accept);  // throws when it cannot be stored: no acknowledgement then
  metrics_
      .counter("baton_slack_events_total", "Events API callbacks, by type and whether they were new",
               {{"type", facts.type}, {"outcome", fresh ? "new" : "duplicate"}})
      .add();
  if (!fresh) {
    log_.info("slack event already received", {{"event_id", event_id}});
    ack.duplicate = true;
    co_return ack;
  }
  asio::co_spawn(co_await asio::this_coro::executor, handle_event(envelope), asio::detached);
  co_return ack;
}

Destination SlackInbound::reply_destination(const json& event) const {
  const EventFacts facts = facts_of(event);
  Destination to;
  to.channel = facts.channel;
  to.user_id = facts.user;
  if (const Member* member = org_.member_on(Platform::slack, facts.user)) to.member = member->key;
  // In a channel, only the person who asked sees the answer unless the command is meant to be seen.
  if (facts.mention) to.kind = Destination::Kind::member_in_channel;
  return to;
}

asio::awaitable<void> SlackInbound::answer_event(const json& event, const std::string& event_id) {
  const EventFacts facts = facts_of(event);
  if (!facts.from_a_person || !(facts.mention || facts.direct)) co_return;

  Inbound inbound;
  inbound.platform = Platform::slack;
  inbound.user_id = facts.user;
  inbound.channel = facts.channel;
  inbound.text = unescape(facts.mention ? strip_leading_mentions(facts.text) : facts.text);
  inbound.direct = facts.direct;
  const Reply reply = co_await commands_.handle(inbound);

  OutboxItem item;
  item.key = "slack:event:" + event_id;
  item.destination = reply_destination(event);
  if (reply.visibility == Visibility::in_channel) item.destination.kind = Destination::Kind::channel;
  item.message = reply.message;
  co_await enqueue(std::move(item));
}

asio::awaitable<void> SlackInbound::handle_event(json envelope) {
  const std::string event_id = string_at(envelope, "/event_id"_json_pointer);
  std::string failure;
  bool unreadable = false;
  const auto handled = [event_id, at = clock_.now()](Store& store) {
    store.mark_event_handled("slack", event_id, at);
    return true;
  };
  try {
    co_await answer_event(object_at(envelope, "/event"_json_pointer), event_id);
    co_await store_.run(handled);
  } catch (const BadPayload& e) {
    // Trying again would read the same payload: it is done with, and says why.
    log_.error("slack event cannot be read; given up", {{"event_id", event_id}, {"error", e.what()}});
    count_given_up(metrics_, Platform::slack);
    unreadable = true;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (unreadable) {
    try {
      co_await store_.run(handled);
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  // Left unhandled: it is tried again later (EventRetry), a few times.
  if (!failure.empty()) log_.error("slack event not handled", {{"event_id", event_id}, {"error", failure}});
}

asio::awaitable<void> SlackInbound::give_up(InboundEvent stored) {
  log_.error("slack event given up after failing every time",
             {{"event_id", stored.id}, {"retries", std::int64_t{stored.retries}}});
  count_given_up(metrics_, Platform::slack);
  const json envelope = json::parse(stored.payload, nullptr, false);
  const json event = envelope.is_object() ? envelope.value("event", json()) : json();
  if (!event.is_object()) co_return;
  try {
    const EventFacts facts = facts_of(event);
    if (!facts.from_a_person || !(facts.mention || facts.direct)) co_return;
    // The person who wrote it is told, rather than left waiting for an answer that will not come.
    OutboxItem notice;
    notice.key = "slack:event:" + stored.id + ":given-up";
    notice.destination = reply_destination(event);
    notice.message = commands_.given_up_notice(Platform::slack, facts.user);
    co_await enqueue(std::move(notice));
  } catch (const BadPayload&) {
    // Nobody to tell: the payload does not say who wrote it.
  }
}

asio::awaitable<void> SlackInbound::tell_interrupted(PendingCommand command) {
  log_.warn("slack command never answered; telling who typed it",
            {{"key", command.key}, {"received", iso8601(command.received_at)}});
  OutboxItem notice;
  notice.key = command.key + ":interrupted";
  notice.platform = Platform::slack;
  notice.destination.user_id = command.user_id;
  notice.destination.member = command.member;
  if (!command.reply_to.empty() && clock_.now() - command.received_at < kResponseUrlLifetime) {
    notice.destination.kind = Destination::Kind::response;
    notice.destination.response_url = command.reply_to;
  } else {
    notice.destination.kind = Destination::Kind::member;  // the response_url has expired: directly
  }
  notice.message = commands_.interrupted_notice(command);
  co_await outbox_.enqueue_answer(std::move(notice), command.key);
}

asio::awaitable<void> SlackInbound::resume_unhandled(RetryPass pass) {
  try {
    const auto read = [pass, now = clock_.now()](Store& store) {
      return store.unhandled_events("slack", pass.events_by, now, 500, pass.retries);
    };
    const UnhandledEvents events = co_await store_.run(read);
    if (!events.to_retry.empty())
      log_.info("handling slack events left unhandled", {{"count", events.to_retry.size()}});
    for (const InboundEvent& stored : events.to_retry) {
      const json envelope = json::parse(stored.payload, nullptr, false);
      if (envelope.is_discarded()) continue;
      co_await handle_event(envelope);
    }
    for (const InboundEvent& stored : events.given_up)
      co_await give_up(stored);
    const auto claim = [pass, now = clock_.now()](Store& store) {
      return store.claim_pending_commands(Platform::slack, pass.commands_by, now, 100);
    };
    for (PendingCommand& command : co_await store_.run(claim))
      co_await tell_interrupted(std::move(command));
  } catch (const std::exception& e) {
    log_.error("cannot read the slack events and commands left undone", {{"error", e.what()}});
  }
}

// --- interactions ----------------------------------------------------------------------------------

asio::awaitable<json> SlackInbound::interaction(json payload) {
  const std::string type = text_at(payload, "/type"_json_pointer);
  metrics_.counter("baton_slack_interactions_total", "Interactions, by type", {{"type", type}}).add();
  if (type == "view_submission") co_return co_await submit_view(payload);
  if (type != "block_actions") co_return json();
  const json actions = array_at(payload, "/actions"_json_pointer);
  if (actions.empty()) co_return json();
  const json& action = actions.at(0);
  if (!action.is_object()) throw BadPayload("/actions/0 is not an object");
  Click click;
  click.platform = Platform::slack;
  click.user_id = required_text_at(payload, "/user/id"_json_pointer);
  click.channel = text_at(payload, "/channel/id"_json_pointer);
  if (click.channel.empty()) click.channel = text_at(payload, "/container/channel_id"_json_pointer);
  const std::string action_id = required_text_at(action, "/action_id"_json_pointer);
  click.action_id = action_of(action_id);
  click.value = text_at(action, "/value"_json_pointer);
  // A link button: Slack opened the link and only tells baton it did.
  if (click.action_id.starts_with(kLinkAction)) co_return json();

  // The clicked message is replaced: through the response_url when there is one (it works for
  // ephemeral messages too), else by updating it in its channel.
  Destination to;
  const std::string response_url = text_at(payload, "/response_url"_json_pointer);
  if (!response_url.empty()) {
    to.kind = Destination::Kind::response;
    to.response_url = response_url;
    to.replace_original = true;
  } else {
    to.kind = Destination::Kind::update;
    to.channel = click.channel;
    to.message_id = text_at(payload, "/container/message_ts"_json_pointer);
  }
  to.user_id = click.user_id;
  // What is said to the clicker alone: in the channel clicked, or directly.
  Destination aside_to;
  aside_to.kind = click.channel.empty() ? Destination::Kind::member : Destination::Kind::member_in_channel;
  aside_to.channel = click.channel;
  aside_to.user_id = click.user_id;
  if (const Member* member = org_.member_on(Platform::slack, click.user_id)) aside_to.member = member->key;
  const std::string key =
      "slack:click:" + click.user_id + ":" + text_at(action, "/action_ts"_json_pointer) + ":" + action_id;
  const std::string trigger_id = text_at(payload, "/trigger_id"_json_pointer);
  // The click's messages go through the outbox whether they come in time or not: Slack's acknowledgement
  // of a block action carries no message.
  const LateAnswer<ClickReply> answer = [this, to, aside_to, key](ClickReply reply) -> asio::awaitable<void> {
    if (reply.replacement) {
      OutboxItem item;
      item.key = key;
      item.destination = to;
      item.message = std::move(*reply.replacement);
      co_await enqueue(std::move(item));
    }
    if (reply.aside) {
      OutboxItem item;
      item.key = key + ":aside";
      item.destination = aside_to;
      item.message = std::move(*reply.aside);
      co_await enqueue(std::move(item));
    }
  };
  const std::function<asio::awaitable<ClickReply>()> work = [this, click] { return commands_.click(click); };
  auto in_time = co_await within_budget<ClickReply>(work, kCommandBudget, answer);
  if (!in_time) {
    // Too late for a dialog too: the trigger has expired. The aside says what to type instead.
    log_.warn("slack click slower than its budget; acknowledged first");
    co_return json();
  }
  ClickReply reply = std::move(*in_time);
  if (reply.dialog && !trigger_id.empty()) {
    // Acknowledged now, the modal opened right after (Slack's trigger lasts 3 seconds): the modal says it
    // all; where Slack will not open it, the aside says what to type instead.
    OutboxItem instead;
    instead.key = key + ":aside";
    instead.platform = Platform::slack;
    instead.destination = aside_to;
    if (reply.aside) instead.message = std::move(*reply.aside);
    reply.aside.reset();
    asio::co_spawn(co_await asio::this_coro::executor,
                   open_dialog(trigger_id, std::move(*reply.dialog), click.channel, std::move(instead)),
                   asio::detached);
  }
  co_await answer(std::move(reply));
  co_return json();
}

asio::awaitable<json> SlackInbound::submit_view(json payload) {
  const json view = object_at(payload, "/view"_json_pointer);
  DialogSubmission submission;
  submission.platform = Platform::slack;
  submission.user_id = required_text_at(payload, "/user/id"_json_pointer);
  submission.dialog_id = text_at(view, "/callback_id"_json_pointer);
  submission.values = view_values(view);
  const ViewOrigin origin = view_origin(view);
  submission.context = origin.context;
  const DialogOutcome outcome = co_await commands_.submit(submission);
  if (!outcome.errors.empty()) {
    // Slack shows each error under its field and keeps the modal open.
    json errors = json::object();
    for (const auto& [field, error] : outcome.errors)
      errors[field] = error;
    co_return json{{"response_action", "errors"}, {"errors", errors}};
  }
  if (outcome.confirmation) {
    OutboxItem item;
    item.key = "slack:view:" + text_at(view, "/id"_json_pointer) + ":" + text_at(view, "/hash"_json_pointer);
    item.destination.user_id = submission.user_id;
    if (const Member* member = org_.member_on(Platform::slack, submission.user_id))
      item.destination.member = member->key;
    if (!origin.channel.empty()) {
      // Where the dialog was asked for, seen by the person who filled it in.
      item.destination.kind = Destination::Kind::member_in_channel;
      item.destination.channel = origin.channel;
    } else {
      item.destination.kind = Destination::Kind::member;
    }
    item.message = *outcome.confirmation;
    co_await enqueue(std::move(item));
  }
  co_return json();  // an empty answer closes the modal
}

// --- HTTP ------------------------------------------------------------------------------------------

asio::awaitable<HttpResponse> SlackInbound::verified(HttpRequest& request, const Log& log,
                                                     std::string_view route) {
  const Verdict verdict = verify(config_.signing_secret.reveal(), request.header("x-slack-request-timestamp"),
                                 request.header("x-slack-signature"), request.body, clock_.now());
  if (verdict == Verdict::ok) co_return HttpResponse::json(200, "");
  metrics_
      .counter("baton_slack_rejected_total", kRejectedHelp,
               {{"route", std::string(route)}, {"reason", std::string(to_string(verdict))}})
      .add();
  log.warn("slack request refused",
           {{"route", route}, {"reason", to_string(verdict)}, {"remote", request.remote_address}});
  // No detail for the caller: whoever forged it learns nothing.
  co_return HttpResponse::json(401, "{}");
}

bool SlackInbound::serves(std::string_view team_id) const {
  return config_.team_id.empty() || team_id == config_.team_id;
}

std::string SlackInbound::team_of(const json& payload) {
  for (const auto& pointer :
       {"/team_id"_json_pointer, "/team/id"_json_pointer, "/user/team_id"_json_pointer}) {
    if (std::string team = string_at(payload, pointer); !team.empty()) return team;
  }
  return {};
}

void SlackInbound::refuse_foreign(std::string_view route, std::string_view team_id, const Log& log) {
  metrics_
      .counter("baton_slack_rejected_total", kRejectedHelp,
               {{"route", std::string(route)}, {"reason", "foreign_workspace"}})
      .add();
  log.warn("slack request from a workspace baton does not serve",
           {{"route", route}, {"team_id", team_id}, {"serves", config_.team_id}});
}

namespace {

// A Slack payload baton cannot read (a field of another type than Slack documents) is the sender's
// error, never baton's: 400, saying which field.
HttpResponse unreadable(const std::exception& e, std::string_view route, const Log& log) {
  log.warn("slack payload refused", {{"route", route}, {"problem", e.what()}});
  return HttpResponse::error(400, "bad_request", std::string("the payload cannot be read: ") + e.what());
}

// Slack's certificate check (ssl_check=1, which it may send unsigned) is answered 200, and nothing done.
bool is_ssl_check(const HttpRequest& request) {
  const auto form = Form::parse(request.body);
  return form && form->first("ssl_check") == "1";
}

}  // namespace

void SlackInbound::add_routes(Router& router) {
  router.add("POST", "/slack/commands",
             [this](HttpRequest& request, const Log& log) -> asio::awaitable<HttpResponse> {
               if (is_ssl_check(request)) co_return HttpResponse::text(200, "");
               if (HttpResponse refusal = co_await verified(request, log, "/slack/commands");
                   refusal.status != 200)
                 co_return refusal;
               const auto form = Form::parse(request.body);
               if (!form) co_return HttpResponse::error(400, "bad_request", "the body is not a form");
               if (const std::string team = form->first("team_id").value_or(""); !serves(team)) {
                 refuse_foreign("/slack/commands", team, log);
                 co_return foreign_workspace();
               }
               std::string answer = co_await slash_command(SlashCommand::from(*form));
               co_return HttpResponse::json(200, std::move(answer));
             });

  router.add(
      "POST", "/slack/events", [this](HttpRequest& request, const Log& log) -> asio::awaitable<HttpResponse> {
        if (HttpResponse refusal = co_await verified(request, log, "/slack/events"); refusal.status != 200)
          co_return refusal;
        Payload read = read_payload(request.body);
        if (!read.problem.empty()) co_return HttpResponse::error(400, "bad_request", read.problem);
        const json envelope = std::move(read.json);
        // The URL check Slack makes when the app is set up names no workspace, and changes nothing.
        if (const std::string team = team_of(envelope);
            string_at(envelope, "/type"_json_pointer) != "url_verification" && !serves(team)) {
          refuse_foreign("/slack/events", team, log);
          co_return foreign_workspace();
        }
        if (const auto retry = request.header("x-slack-retry-num")) {
          log.info("slack retry",
                   {{"attempt", std::string(*retry)},
                    {"reason", std::string(request.header("x-slack-retry-reason").value_or(""))}});
        }
        std::optional<EventAck> ack;
        try {
          ack = co_await event(envelope);
        } catch (const BadPayload& e) {
          co_return unreadable(e, "/slack/events", log);
        } catch (const std::exception& e) {
          log.error("slack event could not be stored; Slack will retry", {{"error", e.what()}});
        }
        // Not stored, not acknowledged: Slack retries later.
        if (!ack) co_return HttpResponse::error(503, "unavailable", "try again later");
        co_return HttpResponse::json(200, ack->body.is_null() ? "" : dump_json(ack->body));
      });

  router.add("POST", "/slack/interactivity",
             [this](HttpRequest& request, const Log& log) -> asio::awaitable<HttpResponse> {
               if (is_ssl_check(request)) co_return HttpResponse::text(200, "");
               if (HttpResponse refusal = co_await verified(request, log, "/slack/interactivity");
                   refusal.status != 200) {
                 co_return refusal;
               }
               const auto form = Form::parse(request.body);
               const auto field = form ? form->first("payload") : std::nullopt;
               if (!field) co_return HttpResponse::error(400, "bad_request", "no interaction payload");
               Payload read = read_payload(*field, "the payload field");
               if (!read.problem.empty()) co_return HttpResponse::error(400, "bad_request", read.problem);
               if (const std::string team = team_of(read.json); !serves(team)) {
                 refuse_foreign("/slack/interactivity", team, log);
                 co_return foreign_workspace();
               }
               json answer;
               try {
                 answer = co_await interaction(std::move(read.json));
               } catch (const BadPayload& e) {
                 co_return unreadable(e, "/slack/interactivity", log);
               }
               co_return HttpResponse::json(200, answer.is_null() ? "" : dump_json(answer));
             });
}

}  // namespace baton::slack
