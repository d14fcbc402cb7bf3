// `handoff <department> <title> [due:<when>] [to:@member] [prio:low|normal|high]` asks another department
// for something; `handoff show|accept|done|reject|cancel|edit H-12 ...` acts on one; the card's buttons
// do the same. `handoffs [mine|<department>|overdue|waiting-on-us]` lists them.
#include <algorithm>
#include <cmath>

#include "bot/core/clock/zone.hpp"
#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/handoff_args.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/handoffs/desk.hpp"
#include "bot/core/handoffs/stats.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/words.hpp"

namespace baton {
namespace {

constexpr int kMaxListed = 25;

std::optional<HandoffAction> action_named(const std::string& word) {
  if (word == "accept" || word == "accepter" || word == "take" || word == "prendre")
    return HandoffAction::accept;
  if (word == "done" || word == "fait" || word == "terminer" || word == "termine") return HandoffAction::done;
  if (word == "reject" || word == "refuser" || word == "decline") return HandoffAction::reject;
  if (word == "cancel" || word == "annuler") return HandoffAction::cancel;
  return std::nullopt;
}

Msg verb_of(HandoffAction action) {
  switch (action) {
    case HandoffAction::accept:
      return Msg::handoff_verb_accept;
    case HandoffAction::done:
      return Msg::handoff_verb_done;
    case HandoffAction::reject:
      return Msg::handoff_verb_reject;
    case HandoffAction::cancel:
      return Msg::handoff_verb_cancel;
  }
  return Msg::handoff_verb_accept;
}

// "members of Logistics (Karim Benali, Inès Moreau, João Silva)" or "Hugo Lefèvre, who asked", and managers.
RichText who_can(const OrgMap& org, const Handoff& h, HandoffAction action, bool edit, Locale locale) {
  std::string people;
  if (edit || action == HandoffAction::cancel) {
    people = tr_plain(locale, Msg::handoff_who_requester, {{"name", member_name(org, h.requester)}});
  } else if (const Department* d = org.department(h.to_department)) {
    std::vector<std::string> names;
    for (const std::string& key : d->members)
      names.push_back(member_name(org, key));
    people = tr_plain(locale, Msg::handoff_who_department,
                      {{"department", d->name.in(locale)}, {"names", join_list(locale, names)}});
  }
  return tr(locale, Msg::handoff_refused,
            {{"label", handoff_label(h.number)},
             {"verb", tr_plain(locale, edit ? Msg::handoff_verb_edit : verb_of(action))},
             {"people", people},
             {"managers", people_who_can(org, Role::manager, locale)}});
}

// The answer to an act or an edit that did not apply, or nullopt when it did.
std::optional<RichText> act_problem(const ActResult& result, const OrgMap& org, HandoffAction action,
                                    bool edit, std::int64_t number, const Caller& caller) {
  const Locale locale = caller.locale;
  const std::string label = handoff_label(number);
  switch (result.outcome) {
    case ActResult::Outcome::applied:
      return std::nullopt;
    case ActResult::Outcome::not_found:
      return tr(locale, Msg::handoff_not_found, {{"label", label}, {"prefix", caller.prefix}});
    case ActResult::Outcome::refused:
      return who_can(org, *result.handoff, action, edit, locale);
    case ActResult::Outcome::taken: {
      const Handoff& h = *result.handoff;
      if (caller.member != nullptr && h.assignee == caller.member->key)
        return tr(locale, Msg::handoff_already_yours, {{"label", label}});
      return tr(locale, Msg::handoff_taken, {{"label", label}, {"who", member_name(org, h.assignee)}});
    }
    case ActResult::Outcome::closed:
      return tr(locale, Msg::handoff_closed,
                {{"label", label}, {"state", state_text(*result.handoff, org, locale).plain()}});
    case ActResult::Outcome::needs_note:
      return tr(locale, Msg::handoff_needs_reason,
                {{"label", label},
                 {"prefix", caller.prefix},
                 {"verb", action == HandoffAction::reject ? "reject" : "cancel"}});
  }
  return std::nullopt;
}

HandoffDesk desk_for(const Services& services, std::shared_ptr<const Config> config) {
  return HandoffDesk(services.org, services.profiles, std::move(config), services.runtime.platforms,
                     services.clock.now());
}

// After a change: its messages go out, its timers are watched.
void wake(const Services& services) {
  if (services.wake_outbox) services.wake_outbox();
  if (services.wake_handoffs) services.wake_handoffs();
}

boost::asio::awaitable<Reply> create(Services& services, const Caller& caller,
                                     std::shared_ptr<const Config> config,
                                     const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const Department* to = services.org.department(args[0]);
  if (to == nullptr) {
    std::vector<std::string> keys;
    for (const Department& d : services.org.departments())
      keys.push_back(d.key);
    const auto suggestion = closest(args[0], keys);
    co_return error_reply(
        tr(locale, suggestion ? Msg::handoff_unknown_department_suggest : Msg::handoff_unknown_department,
           {{"typed", args[0]},
            {"suggestion", suggestion.value_or("")},
            {"departments", join_list(locale, keys)}}));
  }
  const std::vector<const Department*> own = services.org.departments_of(caller.member->key);
  const BusinessCalendar& calendar =
      own.empty() ? config->calendar({}) : config->department_calendar(own.front()->key);
  HandoffArgs parsed = parse_handoff_args({args.begin() + 1, args.end()}, caller, services.org, calendar,
                                          services.clock.now());
  if (parsed.error) co_return error_reply(std::move(*parsed.error));
  if (parsed.text.empty()) co_return error_reply(tr(locale, Msg::handoff_usage, {{"prefix", caller.prefix}}));
  const std::string from = own.empty() ? std::string() : own.front()->key;
  co_return co_await open_handoff(services, caller, config, *to, from, std::move(parsed), {});
}

boost::asio::awaitable<Reply> show(Services& services, const Caller& caller, std::int64_t number) {
  const auto read = [number](Store& store) {
    return std::make_pair(store.handoff(number), store.handoff_events(number));
  };
  const auto [h, events] = co_await services.store.read(read);
  if (!h) {
    co_return error_reply(tr(caller.locale, Msg::handoff_not_found,
                             {{"label", handoff_label(number)}, {"prefix", caller.prefix}}));
  }
  Reply reply;
  reply.message = handoff_details(*h, events, services.org, reader_for(caller));
  co_return reply;
}

boost::asio::awaitable<Reply> act(Services& services, const Caller& caller,
                                  std::shared_ptr<const Config> config, HandoffAction action,
                                  std::int64_t number, std::string note) {
  if (auto too_long = over_length(caller.locale, Msg::note_too_long, note, kMaxHandoffNote)) {
    co_return error_reply(std::move(*too_long));
  }
  const HandoffDesk desk = desk_for(services, config);
  const Member actor = *caller.member;
  const Platform platform = caller.platform;
  const auto change = [desk, actor, platform, number, action, note](Store& store) {
    return desk.act(store, actor, platform, number, action, note);
  };
  const ActResult result = co_await services.store.run(change);
  if (auto problem = act_problem(result, services.org, action, false, number, caller))
    co_return error_reply(std::move(*problem));
  wake(services);
  services.log.info(
      "handoff changed",
      {{"handoff", handoff_label(number)}, {"action", std::string(to_string(action))}, {"by", actor.key}});
  Reply reply;
  reply.message.section(tr(caller.locale, Msg::handoff_acted,
                           {{"label", handoff_label(number)},
                            {"state", state_text(*result.handoff, services.org, caller.locale).plain()}}));
  co_return reply;
}

boost::asio::awaitable<Reply> edit(Services& services, const Caller& caller,
                                   std::shared_ptr<const Config> config, std::int64_t number,
                                   const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const auto read = [number](Store& store) { return store.handoff(number); };
  const auto current = co_await services.store.read(read);
  if (!current) {
    co_return error_reply(
        tr(locale, Msg::handoff_not_found, {{"label", handoff_label(number)}, {"prefix", caller.prefix}}));
  }
  const std::vector<const Department*> own = services.org.departments_of(caller.member->key);
  const BusinessCalendar& calendar =
      own.empty() ? config->calendar({}) : config->department_calendar(own.front()->key);
  HandoffArgs parsed = parse_handoff_args(args, caller, services.org, calendar, services.clock.now());
  if (parsed.error) co_return error_reply(std::move(*parsed.error));
  HandoffEdit change;
  if (!parsed.text.empty()) {
    if (auto too_long = over_length(locale, Msg::title_too_long, parsed.text, kMaxHandoffTitle)) {
      co_return error_reply(std::move(*too_long));
    }
    change.title = parsed.text;
  }
  change.due = parsed.due;
  change.priority = parsed.priority;
  if (parsed.assignee) {
    const Department* to = services.org.department(current->to_department);
    if (to == nullptr ||
        std::find(to->members.begin(), to->members.end(), *parsed.assignee) == to->members.end()) {
      co_return error_reply(
          tr(locale, Msg::handoff_assignee_outside,
             {{"name", member_name(services.org, *parsed.assignee)},
              {"department", department_name(services.org, current->to_department, locale)}}));
    }
    change.assignee = parsed.assignee;
  }
  if (!change.title && !change.due && !change.priority && !change.assignee)
    co_return error_reply(tr(locale, Msg::handoff_edit_usage, {{"prefix", caller.prefix}}));
  const HandoffDesk desk = desk_for(services, config);
  const Member actor = *caller.member;
  const Platform platform = caller.platform;
  const auto apply = [desk, actor, platform, number, change](Store& store) {
    return desk.edit(store, actor, platform, number, change);
  };
  const ActResult result = co_await services.store.run(apply);
  if (auto problem = act_problem(result, services.org, HandoffAction::cancel, true, number, caller))
    co_return error_reply(std::move(*problem));
  wake(services);
  Reply reply;
  reply.message = handoff_card(*result.handoff, services.org, reader_for(caller));
  co_return reply;
}

boost::asio::awaitable<Reply> run_handoff(Services& services, const Caller& caller,
                                          const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const auto config = services.current_config();
  const auto usage = [&] { return error_reply(tr(locale, Msg::handoff_usage, {{"prefix", caller.prefix}})); };
  if (!config || args.empty()) co_return usage();
  const std::string verb = fold(args[0]);
  const auto number_at = [&](std::size_t index) -> std::optional<std::int64_t> {
    return index < args.size() ? parse_handoff_label(args[index]) : std::nullopt;
  };
  const auto rest_from = [&](std::size_t index) {
    std::string note;
    for (std::size_t i = index; i < args.size(); ++i)
      note += (note.empty() ? "" : " ") + args[i];
    return note;
  };
  if (verb == "show" || verb == "voir" || verb == "afficher") {
    const auto number = number_at(1);
    if (!number || args.size() != 2) co_return usage();
    co_return co_await show(services, caller, *number);
  }
  // Arguments named before co_await: g++ 12 mishandles temporaries inside a co_await expression.
  if (const auto action = action_named(verb); action && number_at(1)) {
    const std::int64_t number = *number_at(1);
    std::string note = rest_from(2);
    co_return co_await act(services, caller, config, *action, number, std::move(note));
  }
  if (verb == "edit" || verb == "modifier") {
    const auto number = number_at(1);
    if (!number) co_return error_reply(tr(locale, Msg::handoff_edit_usage, {{"prefix", caller.prefix}}));
    const std::vector<std::string> changes(args.begin() + 2, args.end());
    co_return co_await edit(services, caller, config, *number, changes);
  }
  if (args.size() < 2) co_return usage();
  co_return co_await create(services, caller, config, args);
}

// The dialog asking why a handoff is rejected or cancelled: a button cannot carry a reason.
Dialog reason_dialog(HandoffAction action, std::int64_t number, Locale locale) {
  const std::string label = handoff_label(number);
  const bool reject = action == HandoffAction::reject;
  Dialog dialog;
  dialog.id = "handoff.reason";
  dialog.title =
      tr_plain(locale, reject ? Msg::handoff_reason_title_reject : Msg::handoff_reason_title_cancel,
               {{"label", label}});
  dialog.submit =
      tr_plain(locale, reject ? Msg::handoff_reason_submit_reject : Msg::handoff_reason_submit_cancel);
  DialogField reason;
  reason.id = "reason";
  reason.label = tr_plain(locale, Msg::handoff_reason_field);
  reason.hint = tr_plain(locale, Msg::handoff_reason_hint);
  reason.max_length = kMaxHandoffNote;
  dialog.fields.push_back(std::move(reason));
  dialog.context = std::string(reject ? "reject" : "cancel") + "/" + label;
  return dialog;
}

boost::asio::awaitable<ClickReply> click_handoff(Services& services, const Caller& caller, Click click) {
  ClickReply reply;
  const auto config = services.current_config();
  const auto number = parse_handoff_label(click.value);
  const std::string what = click.action_id.substr(click.action_id.find('.') + 1);
  const auto action = action_named(what);
  if (!config || !number || !action || caller.member == nullptr) co_return reply;

  ActResult result;
  if (*action == HandoffAction::reject || *action == HandoffAction::cancel) {
    // A reason is needed: asked for in a dialog, acted on when it is submitted.
    result.outcome = ActResult::Outcome::needs_note;
    const auto read = [n = *number](Store& store) { return store.handoff(n); };
    result.handoff = co_await services.store.read(read);
    if (!result.handoff) {
      result.outcome = ActResult::Outcome::not_found;
    } else if (!may_act(*caller.member, *action, *result.handoff, services.org)) {
      result.outcome = ActResult::Outcome::refused;
    } else if (is_closed(result.handoff->state)) {
      result.outcome = ActResult::Outcome::closed;
    }
  } else {
    const HandoffDesk desk = desk_for(services, config);
    const Member actor = *caller.member;
    const Platform platform = caller.platform;
    const auto change = [desk, actor, platform, n = *number, a = *action](Store& store) {
      return desk.act(store, actor, platform, n, a, {});
    };
    result = co_await services.store.run(change);
  }
  if (result.outcome == ActResult::Outcome::needs_note) {
    // Nothing changed yet: the card stays as it is until the reason comes.
    reply.dialog = reason_dialog(*action, *number, caller.locale);
    reply.aside =
        aside_message(*act_problem(result, services.org, *action, false, *number, caller), caller.locale);
    co_return reply;
  }
  if (auto problem = act_problem(result, services.org, *action, false, *number, caller)) {
    // Told to the clicker alone; the card everyone sees stays, refreshed to the handoff's state.
    reply.aside = aside_message(std::move(*problem), caller.locale);
  } else {
    services.log.info(
        "handoff changed",
        {{"handoff", click.value}, {"action", std::string(to_string(*action))}, {"by", caller.member->key}});
    wake(services);
  }
  if (!result.handoff) co_return reply;
  // The clicked card, as the desk writes it for the department's channel.
  const Department* department = services.org.department(result.handoff->to_department);
  if (department == nullptr) {
    reply.replacement = handoff_card(*result.handoff, services.org, reader_for(caller));
    co_return reply;
  }
  const HandoffDesk desk = desk_for(services, config);
  const auto card = [desk, department, handoff = *result.handoff, platform = click.platform,
                     &org = services.org](Store& store) {
    return handoff_card(handoff, org, desk.channel_reader(store, *department, platform));
  };
  reply.replacement = co_await services.store.run(card);
  co_return reply;
}

// The reason dialog submitted: the same as typing `handoff reject H-12 <reason>`.
boost::asio::awaitable<DialogOutcome> submit_handoff(Services& services, const Caller& caller,
                                                     const DialogSubmission& submission) {
  DialogOutcome outcome;
  const std::size_t slash = submission.context.find('/');
  const auto action =
      slash == std::string::npos ? std::nullopt : action_named(submission.context.substr(0, slash));
  const auto number =
      slash == std::string::npos ? std::nullopt : parse_handoff_label(submission.context.substr(slash + 1));
  const auto config = services.current_config();
  const auto typed = submission.values.find("reason");
  std::string reason = typed == submission.values.end() ? "" : trimmed(typed->second);
  if (submission.dialog_id != "handoff.reason" || !action || !number || !config) {
    outcome.errors["reason"] = tr_plain(caller.locale, Msg::unknown_action);
    co_return outcome;
  }
  if (reason.empty()) {
    outcome.errors["reason"] = tr_plain(caller.locale, Msg::handoff_reason_empty);
    co_return outcome;
  }
  if (auto too_long = over_length(caller.locale, Msg::note_too_long, reason, kMaxHandoffNote)) {
    outcome.errors["reason"] = too_long->plain();
    co_return outcome;
  }
  // Refusals (taken meanwhile, closed by someone else) close the dialog and are said to the person.
  const Reply done = co_await act(services, caller, config, *action, *number, std::move(reason));
  outcome.confirmation = done.message;
  co_return outcome;
}

// Figures -----------------------------------------------------------------------------------------

constexpr int kDefaultStatsWeeks = 4;
constexpr int kMaxStatsWeeks = 26;

// "1h30", "45m", "3h": working time as people say it.
std::string duration_text(std::chrono::minutes d) {
  const auto hours = d.count() / 60;
  const auto minutes = d.count() % 60;
  if (hours == 0) return std::to_string(minutes) + "m";
  if (minutes == 0) return std::to_string(hours) + "h";
  return std::to_string(hours) + "h" + (minutes < 10 ? "0" : "") + std::to_string(minutes);
}

boost::asio::awaitable<Reply> stats(Services& services, const Caller& caller,
                                    const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const auto config = services.current_config();
  const auto usage = [&] {
    return error_reply(tr(locale, Msg::handoffs_usage, {{"prefix", caller.prefix}}));
  };
  if (!config || args.size() > 3) co_return usage();
  std::vector<const Department*> departments;
  int weeks = kDefaultStatsWeeks;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (const Department* d = services.org.department(args[i])) {
      departments.push_back(d);
    } else if (!args[i].empty() && args[i].size() <= 3 &&
               std::all_of(args[i].begin(), args[i].end(), [](char c) { return c >= '0' && c <= '9'; })) {
      weeks = std::stoi(args[i]);
      if (weeks < 1 || weeks > kMaxStatsWeeks) {
        co_return error_reply(
            tr(locale, Msg::handoff_stats_weeks, {{"max", std::to_string(kMaxStatsWeeks)}}));
      }
    } else {
      co_return usage();
    }
  }
  if (departments.empty()) departments = services.org.departments_of(caller.member->key);
  if (departments.empty()) {
    for (const Department& d : services.org.departments())
      departments.push_back(&d);
  }
  const SysTime now = services.clock.now();
  Reply reply;
  for (const Department* d : departments) {
    const BusinessCalendar& calendar = config->department_calendar(d->key);
    const date::time_zone& zone = calendar.zone != nullptr ? *calendar.zone : *date::locate_zone("UTC");
    const date::sys_days today{std::chrono::floor<date::days>(to_local(zone, now)).time_since_epoch()};
    const date::sys_days monday = today - (date::weekday(today) - date::Monday);
    const date::sys_days first = monday - date::weeks(weeks - 1);
    const auto read = [config, key = d->key, first, weeks, now](Store& store) {
      return handoff_stats(store, *config, key, first, weeks, now);
    };
    const std::vector<HandoffWeekStats> figures = co_await services.store.read(read);
    reply.message.header(tr_plain(locale, Msg::handoff_stats_header,
                                  {{"department", d->name.in(locale)}, {"weeks", std::to_string(weeks)}}));
    RichText lines;
    for (const HandoffWeekStats& week : figures) {
      if (!lines.empty()) lines.append("\n");
      lines.append_rich(tr(locale, Msg::handoff_stats_week,
                           {{"week", short_day_name(locale, week.week)},
                            {"opened", std::to_string(week.opened)},
                            {"closed", std::to_string(week.closed)},
                            {"overdue", std::to_string(week.overdue)}}));
      if (week.median_accept) {
        lines.append(" · ");
        lines.append_rich(
            tr(locale, Msg::handoff_stats_accept, {{"duration", duration_text(*week.median_accept)}}));
      }
      if (week.median_close) {
        lines.append(" · ");
        lines.append_rich(
            tr(locale, Msg::handoff_stats_close, {{"duration", duration_text(*week.median_close)}}));
      }
      if (week.sla_percent) {
        lines.append(" · ");
        lines.append_rich(tr(locale, Msg::handoff_stats_sla,
                             {{"percent", std::to_string(std::lround(*week.sla_percent))}}));
      }
    }
    reply.message.section(lines);
  }
  reply.message.context(tr(locale, Msg::handoff_stats_footer));
  co_return reply;
}

// Lists -------------------------------------------------------------------------------------------

boost::asio::awaitable<Reply> run_handoffs(Services& services, const Caller& caller,
                                           const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  if (!args.empty() && (fold(args[0]) == "stats" || fold(args[0]) == "chiffres"))
    co_return co_await stats(services, caller, args);
  if (args.size() > 1) co_return error_reply(tr(locale, Msg::handoffs_usage, {{"prefix", caller.prefix}}));
  const std::string filter = args.empty() ? "mine" : fold(args[0]);
  const SysTime now = services.clock.now();
  HandoffQuery query;
  query.states = {HandoffState::open, HandoffState::accepted};
  query.limit = kMaxListed + 1;
  Msg title = Msg::handoffs_mine;
  std::string department_shown;
  std::vector<HandoffQuery> queries;
  const std::vector<const Department*> own = services.org.departments_of(caller.member->key);
  if (filter == "mine" || filter == "moi" || filter == "miens") {
    query.member = caller.member->key;
    queries.push_back(query);
  } else if (filter == "overdue" || filter == "retard" || filter == "en-retard") {
    title = Msg::handoffs_overdue;
    query.due_before = now;
    queries.push_back(query);
  } else if (filter == "waiting-on-us" || filter == "pour-nous" || filter == "chez-nous") {
    title = Msg::handoffs_waiting;
    if (own.empty()) co_return error_reply(tr(locale, Msg::handoffs_no_department));
    for (const Department* d : own) {
      query.to_department = d->key;
      queries.push_back(query);
      department_shown += (department_shown.empty() ? "" : ", ") + d->name.in(locale);
    }
  } else if (const Department* d = services.org.department(args[0])) {
    title = Msg::handoffs_department;
    query.to_department = d->key;
    department_shown = d->name.in(locale);
    queries.push_back(query);
  } else {
    co_return error_reply(tr(locale, Msg::handoffs_usage, {{"prefix", caller.prefix}}));
  }
  const auto read = [queries](Store& store) {
    std::vector<Handoff> out;
    for (const HandoffQuery& q : queries) {
      for (Handoff& h : store.handoffs(q))
        out.push_back(std::move(h));
    }
    std::sort(out.begin(), out.end(), [](const Handoff& a, const Handoff& b) { return a.due_at < b.due_at; });
    return out;
  };
  const std::vector<Handoff> found = co_await services.store.read(read);
  Reply reply;
  reply.message.header(tr_plain(locale, title, {{"department", department_shown}}));
  if (found.empty()) reply.message.section(tr(locale, Msg::handoffs_none));
  const Reader reader = reader_for(caller);
  RichText lines;
  for (std::size_t i = 0; i < found.size() && i < static_cast<std::size_t>(kMaxListed); ++i) {
    if (!lines.empty()) lines.append("\n");
    lines.append_rich(handoff_line(found[i], services.org, reader, now));
  }
  if (!lines.empty()) reply.message.section(lines);
  if (found.size() > static_cast<std::size_t>(kMaxListed))
    reply.message.context(tr(locale, Msg::handoffs_more, {{"count", std::to_string(kMaxListed)}}));
  // The way to see one in full, shown with the first listed.
  if (!found.empty()) {
    reply.message.context(tr(locale, Msg::handoffs_footer,
                             {{"prefix", caller.prefix}, {"label", handoff_label(found.front().number)}}));
  }
  co_return reply;
}

}  // namespace

boost::asio::awaitable<Reply> open_handoff(Services& services, const Caller& caller,
                                           std::shared_ptr<const Config> config, const Department& to,
                                           std::string from, HandoffArgs parsed, std::string note) {
  const Locale locale = caller.locale;
  if (auto too_long = over_length(locale, Msg::title_too_long, parsed.text, kMaxHandoffTitle)) {
    co_return error_reply(std::move(*too_long));
  }
  HandoffRequest request;
  request.to_department = to.key;
  request.title = parsed.text;
  request.due = parsed.due;
  request.priority = parsed.priority.value_or(Priority::normal);
  request.note = std::move(note);
  if (parsed.assignee) {
    if (std::find(to.members.begin(), to.members.end(), *parsed.assignee) == to.members.end()) {
      co_return error_reply(
          tr(locale, Msg::handoff_assignee_outside,
             {{"name", member_name(services.org, *parsed.assignee)}, {"department", to.name.in(locale)}}));
    }
    request.assignee = *parsed.assignee;
  }
  const HandoffDesk desk = desk_for(services, config);
  const Member requester = *caller.member;
  const Platform platform = caller.platform;
  const auto make = [desk, requester, from, platform, request](Store& store) {
    return desk.create(store, requester, from, platform, request);
  };
  const Handoff h = co_await services.store.run(make);
  wake(services);
  services.log.info("handoff created", {{"handoff", handoff_label(h.number)},
                                        {"from", h.from_department},
                                        {"to", h.to_department},
                                        {"by", h.requester}});
  const Reader reader = reader_for(caller);
  Reply reply;
  reply.message.section(tr(locale, Msg::handoff_created,
                           {{"label", handoff_label(h.number)},
                            {"department", to.name.in(locale)},
                            {"due", when_text(h.due_at, reader)},
                            {"accept_by", when_text(h.accept_by, reader)}}));
  co_return reply;
}

CommandSpec handoff_command() {
  return {"handoff",
          {"relais", "demande"},
          Role::staff,
          {{"handoff <department> <title> [due:<when>] [to:@member] [prio:low|normal|high]",
            "handoff <service> <titre> [due:<quand>] [to:@membre] [prio:low|normal|high]", Msg::cmd_handoff},
           {"handoff show|accept|done|reject|cancel H-12 [note]",
            "handoff show|accept|done|reject|cancel H-12 [note]", Msg::cmd_handoff_act},
           {"handoff edit H-12 [title] [due:<when>] [to:@member] [prio:...]",
            "handoff edit H-12 [titre] [due:<quand>] [to:@membre] [prio:...]", Msg::cmd_handoff_edit}},
          run_handoff,
          click_handoff,
          submit_handoff};
}

CommandSpec handoffs_command() {
  return {"handoffs",
          {"relais-liste", "demandes"},
          Role::staff,
          {{"handoffs [mine|<department>|overdue|waiting-on-us]",
            "handoffs [mine|<service>|overdue|waiting-on-us]", Msg::cmd_handoffs},
           {"handoffs stats [department] [weeks]", "handoffs stats [service] [semaines]",
            Msg::cmd_handoffs_stats}},
          run_handoffs,
          {},
          {}};
}

}  // namespace baton
