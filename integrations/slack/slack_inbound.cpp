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

Locale SlackInbound::locale_of(const std::string& user_id) const {
  const Member* member = org_.member_on(Platform::slack, user_id);
  return member != nullptr ? member->locale : Locale::en;
}

asio::awaitable<void> SlackInbound::enqueue(OutboxItem item) {
  item.platform = Platform::slack;
  try {
    co_await outbox_.enqueue(std::move(item));
  } catch (const std::exception& e) {
    log_.error("slack reply could not be stored", {{"error", e.what()}});
  }
}

// --- slash commands --------------------------------------------------------------------------------

SlashCommand SlashCommand::from(const Form& form) {
  return {form.first("user_id").value_or(""), form.first("channel_id").value_or(""),
          form.first("text").value_or(""), form.first("response_url").value_or(""),
          form.first("trigger_id").value_or("")};
}

SlashCommand SlashCommand::from(const json& payload) {
  const auto field = [&](const char* name) {
    const auto it = payload.find(name);
    return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return {field("user_id"), field("channel_id"), field("text"), field("response_url"), field("trigger_id")};
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
  const std::string response_url = command.response_url;
  const std::string key = "slack:command:" + (command.trigger_id.empty() ? response_url : command.trigger_id);

  const LateAnswer<Reply> late_answer = [this, response_url, key,
                                         user = command.user_id](Reply reply) -> asio::awaitable<void> {
    OutboxItem item;
    item.key = key;
    item.destination.kind = Destination::Kind::response;
    item.destination.response_url = response_url;
    item.destination.user_id = user;
    item.message = std::move(reply.message);
    co_await enqueue(std::move(item));
  };
  const std::function<asio::awaitable<Reply>()> work = [this, inbound] { return commands_.handle(inbound); };
  const std::optional<Reply> answered = co_await within_budget<Reply>(work, kCommandBudget, late_answer);
  metrics_
      .counter("baton_slack_commands_total", "Slash commands, by how they were answered",
               {{"answer", answered ? "direct" : "later"}})
      .add();
  if (answered) {
    const Reply& reply = *answered;
    if (reply.dialog && !command.trigger_id.empty()) {
      // Opened now, not through the outbox: Slack's trigger is valid for three seconds.
      const json arguments{{"trigger_id", command.trigger_id},
                           {"view", render_view(*reply.dialog, command.channel_id)}};
      const ApiResult opened = co_await api_.call("views.open", arguments);
      if (opened.ok) co_return std::string();  // the modal is the answer; nothing is posted
      log_.warn("slack modal not opened; answering with text", {{"error", opened.error}});
    }
    co_return command_answer(reply);
  }
  log_.warn("slack command slower than its budget; answering through response_url",
            {{"budget_ms", kCommandBudget.count()}});
  Reply working;
  working.message.section(tr(locale_of(command.user_id), Msg::working_on_it));
  co_return command_answer(working);
}

// --- events ----------------------------------------------------------------------------------------

asio::awaitable<SlackInbound::EventAck> SlackInbound::event(json envelope) {
  EventAck ack;
  const std::string type = envelope.value("type", "");
  if (type == "url_verification") {
    ack.body = {{"challenge", envelope.value("challenge", "")}};
    co_return ack;
  }
  if (type != "event_callback") {
    log_.info("slack envelope ignored", {{"type", type}});
    co_return ack;
  }
  const std::string event_id = envelope.value("event_id", "");
  const std::string event_type = string_at(envelope, "/event/type"_json_pointer);
  if (event_id.empty()) {
    log_.warn("slack event without event_id ignored", {{"event_type", event_type}});
    co_return ack;
  }
  const InboundEvent stored{"slack", event_id, envelope.dump(), clock_.now()};
  const auto accept = [stored](Store& store) { return store.accept_event(stored); };
  const bool fresh = co_await store_.run(accept);  // throws when it cannot be stored: no acknowledgement then
  metrics_
      .counter("baton_slack_events_total", "Events API callbacks, by type and whether they were new",
               {{"type", event_type}, {"outcome", fresh ? "new" : "duplicate"}})
      .add();
  if (!fresh) {
    log_.info("slack event already received", {{"event_id", event_id}});
    ack.duplicate = true;
    co_return ack;
  }
  asio::co_spawn(co_await asio::this_coro::executor, handle_event(envelope), asio::detached);
  co_return ack;
}

asio::awaitable<void> SlackInbound::answer_event(const json& event, const std::string& event_id) {
  // Baton's own messages and edits, joins, bot posts... come as subtypes or with a bot_id: not for us.
  const std::string type = event.value("type", "");
  const bool from_a_person =
      !event.contains("bot_id") && !event.contains("subtype") && event.contains("user");
  const bool mention = type == "app_mention";
  const bool direct = type == "message" && event.value("channel_type", "") == "im";
  if (!from_a_person || !(mention || direct)) co_return;

  Inbound inbound;
  inbound.platform = Platform::slack;
  inbound.user_id = event.value("user", "");
  inbound.channel = event.value("channel", "");
  inbound.text =
      unescape(mention ? strip_leading_mentions(event.value("text", "")) : event.value("text", ""));
  inbound.direct = direct;
  const Reply reply = co_await commands_.handle(inbound);

  OutboxItem item;
  item.key = "slack:event:" + event_id;
  item.destination.channel = inbound.channel;
  item.destination.user_id = inbound.user_id;
  if (const Member* member = org_.member_on(Platform::slack, inbound.user_id))
    item.destination.member = member->key;
  // In a channel, only the person who asked sees the answer unless the command is meant to be seen.
  if (mention && reply.visibility == Visibility::ephemeral)
    item.destination.kind = Destination::Kind::member_in_channel;
  item.message = reply.message;
  co_await enqueue(std::move(item));
}

asio::awaitable<void> SlackInbound::handle_event(json envelope) {
  const std::string event_id = envelope.value("event_id", "");
  const json event = envelope.value("event", json::object());
  std::string failure;
  try {
    co_await answer_event(event, event_id);
    const auto handled = [event_id, at = clock_.now()](Store& store) {
      store.mark_event_handled("slack", event_id, at);
      return true;
    };
    co_await store_.run(handled);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  // Left unhandled: it is tried again a lease later (EventRetry).
  if (!failure.empty()) log_.error("slack event not handled", {{"event_id", event_id}, {"error", failure}});
}

asio::awaitable<void> SlackInbound::resume_unhandled(SysTime received_by) {
  try {
    const auto read = [received_by, now = clock_.now()](Store& store) {
      return store.unhandled_events("slack", received_by, now, 500);
    };
    const std::vector<InboundEvent> events = co_await store_.run(read);
    if (!events.empty()) log_.info("handling slack events left unhandled", {{"count", events.size()}});
    for (const InboundEvent& stored : events) {
      const json envelope = json::parse(stored.payload, nullptr, false);
      if (envelope.is_discarded()) continue;
      co_await handle_event(envelope);
    }
  } catch (const std::exception& e) {
    log_.error("cannot read the slack events left unhandled", {{"error", e.what()}});
  }
}

// --- interactions ----------------------------------------------------------------------------------

asio::awaitable<json> SlackInbound::interaction(json payload) {
  const std::string type = payload.value("type", "");
  metrics_.counter("baton_slack_interactions_total", "Interactions, by type", {{"type", type}}).add();
  if (type == "view_submission") co_return co_await submit_view(payload);
  if (type != "block_actions") co_return json();
  const json actions = payload.value("actions", json::array());
  if (!actions.is_array() || actions.empty()) co_return json();
  const json& action = actions.at(0);
  Click click;
  click.platform = Platform::slack;
  click.user_id = string_at(payload, "/user/id"_json_pointer);
  click.channel = string_at(payload, "/channel/id"_json_pointer);
  if (click.channel.empty()) click.channel = string_at(payload, "/container/channel_id"_json_pointer);
  click.action_id = action.value("action_id", "");
  click.value = action.value("value", "");
  // A link button: Slack opened the link and only tells baton it did.
  if (click.action_id.starts_with(kLinkAction)) co_return json();

  // The clicked message is replaced: through the response_url when there is one (it works for
  // ephemeral messages too), else by updating it in its channel.
  Destination to;
  const std::string response_url = payload.value("response_url", "");
  if (!response_url.empty()) {
    to.kind = Destination::Kind::response;
    to.response_url = response_url;
    to.replace_original = true;
  } else {
    to.kind = Destination::Kind::update;
    to.channel = click.channel;
    to.message_id = string_at(payload, "/container/message_ts"_json_pointer);
  }
  to.user_id = click.user_id;
  // What is said to the clicker alone: in the channel clicked, or directly.
  Destination aside_to;
  aside_to.kind = click.channel.empty() ? Destination::Kind::member : Destination::Kind::member_in_channel;
  aside_to.channel = click.channel;
  aside_to.user_id = click.user_id;
  if (const Member* member = org_.member_on(Platform::slack, click.user_id)) aside_to.member = member->key;
  const std::string key =
      "slack:click:" + click.user_id + ":" + action.value("action_ts", std::string()) + ":" + click.action_id;
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
  const std::string trigger_id = payload.value("trigger_id", "");
  if (reply.dialog && !trigger_id.empty()) {
    // Opened now, not through the outbox: Slack's trigger is valid for three seconds.
    const json arguments{{"trigger_id", trigger_id}, {"view", render_view(*reply.dialog, click.channel)}};
    const ApiResult opened = co_await api_.call("views.open", arguments);
    if (opened.ok) {
      reply.aside.reset();  // the modal says it all
    } else {
      log_.warn("slack modal not opened; saying what to type instead", {{"error", opened.error}});
    }
  }
  co_await answer(std::move(reply));
  co_return json();
}

asio::awaitable<json> SlackInbound::submit_view(json payload) {
  const json view = payload.value("view", json::object());
  DialogSubmission submission;
  submission.platform = Platform::slack;
  submission.user_id = string_at(payload, "/user/id"_json_pointer);
  submission.dialog_id = view.value("callback_id", "");
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
    item.key = "slack:view:" + view.value("id", std::string()) + ":" + view.value("hash", std::string());
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

void SlackInbound::add_routes(Router& router) {
  router.add("POST", "/slack/commands",
             [this](HttpRequest& request, const Log& log) -> asio::awaitable<HttpResponse> {
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
        bool stored = true;
        EventAck ack;
        try {
          ack = co_await event(envelope);
        } catch (const std::exception& e) {
          stored = false;
          log.error("slack event could not be stored; Slack will retry", {{"error", e.what()}});
        }
        // Not stored, not acknowledged: Slack retries later.
        if (!stored) co_return HttpResponse::error(503, "unavailable", "try again later");
        co_return HttpResponse::json(200, ack.body.is_null() ? "" : ack.body.dump());
      });

  router.add("POST", "/slack/interactivity",
             [this](HttpRequest& request, const Log& log) -> asio::awaitable<HttpResponse> {
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
               const json answer = co_await interaction(std::move(read.json));
               co_return HttpResponse::json(200, answer.is_null() ? "" : answer.dump());
             });
}

}  // namespace baton::slack
