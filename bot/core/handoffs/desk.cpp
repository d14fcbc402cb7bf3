#include "bot/core/handoffs/desk.hpp"

#include <algorithm>

#include "bot/core/rituals/addressing.hpp"

namespace baton {
namespace {

std::string label_of(const Handoff& h) {
  return handoff_label(h.number);
}

std::string ms_text(SysTime at) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
}

bool in_department(const OrgMap& org, const std::string& member, const std::string& department) {
  const Department* d = org.department(department);
  return d != nullptr && std::find(d->members.begin(), d->members.end(), member) != d->members.end();
}

// The latest instant from which `amount` of working time remains before `due`, if that is after `now`.
std::optional<SysTime> working_time_before(const BusinessCalendar& calendar, SysTime now, SysTime due,
                                           std::chrono::minutes amount) {
  if (calendar.working_time_between(now, due) <= amount) return std::nullopt;
  SysTime low = now;  // more than `amount` remains from here
  SysTime high = due;
  while (high - low > std::chrono::seconds(30)) {
    const SysTime mid = low + (high - low) / 2;
    if (calendar.working_time_between(mid, due) > amount) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return std::chrono::floor<std::chrono::minutes>(high);
}

Msg timer_notice(HandoffTimerKind kind) {
  switch (kind) {
    case HandoffTimerKind::accept_breach:
      return Msg::handoff_notice_accept_breach;
    case HandoffTimerKind::accept_managers:
      return Msg::handoff_notice_accept_managers;
    case HandoffTimerKind::due_reminder:
      return Msg::handoff_notice_due_reminder;
    case HandoffTimerKind::due_breach:
      return Msg::handoff_notice_due_breach;
    case HandoffTimerKind::due_managers:
      return Msg::handoff_notice_due_managers;
  }
  return Msg::handoff_notice_due_reminder;
}

// A notice with the handoff's card under it, so whoever reads it can act on it there.
Message notice_with_card(Message notice, const Message& card) {
  notice.blocks.insert(notice.blocks.end(), card.blocks.begin(), card.blocks.end());
  return notice;
}

}  // namespace

std::string_view to_string(HandoffAction action) {
  switch (action) {
    case HandoffAction::accept:
      return "accepted";
    case HandoffAction::done:
      return "done";
    case HandoffAction::reject:
      return "rejected";
    case HandoffAction::cancel:
      return "cancelled";
  }
  return "accepted";
}

bool may_act(const Member& member, HandoffAction action, const Handoff& handoff, const OrgMap& org) {
  if (role_at_least(member.role, Role::manager)) return true;
  if (action == HandoffAction::cancel) return member.key == handoff.requester;
  return in_department(org, member.key, handoff.to_department);
}

bool may_edit(const Member& member, const Handoff& handoff) {
  return role_at_least(member.role, Role::manager) || member.key == handoff.requester;
}

HandoffDesk::HandoffDesk(const OrgMap& org, const Profiles& profiles, std::shared_ptr<const Config> config,
                         std::vector<Platform> platforms, SysTime now)
    : org_(org),
      profiles_(profiles),
      config_(std::move(config)),
      platforms_(std::move(platforms)),
      now_(now) {}

Reader HandoffDesk::reader_of(Store& store, const Member& member, Platform platform) const {
  const Profiles::Settings settings = profiles_.settings_of(member);
  Reader reader;
  reader.locale = store.member_locale(member.key).value_or(settings.locale);
  reader.zone = settings.zone;
  reader.prefix = std::string(command_prefix(platform));
  return reader;
}

Reader HandoffDesk::channel_reader(Store& store, const Department& department, Platform platform) const {
  Reader reader;
  if (const Member* referent = org_.member(department.referent))
    reader = reader_of(store, *referent, platform);
  reader.zone = config_->department_calendar(department.key).zone;
  reader.prefix = std::string(command_prefix(platform));
  return reader;
}

std::vector<const Member*> HandoffDesk::managers() const {
  std::vector<const Member*> out;
  for (const std::string& key : config_->handoff_managers) {
    if (const Member* m = org_.member(key)) out.push_back(m);
  }
  return out;
}

std::vector<HandoffTimer> HandoffDesk::timers_for(const Handoff& h) const {
  std::vector<HandoffTimer> out;
  if (is_closed(h.state)) return out;
  const HandoffSla& sla = config_->sla_of(h.to_department);
  const BusinessCalendar& calendar = config_->department_calendar(h.to_department);
  const auto add = [&](HandoffTimerKind kind, SysTime at) {
    // What is already past has fired, or was decided on before this change.
    if (at > now_) out.push_back({0, h.number, kind, at});
  };
  if (h.state == HandoffState::open) {
    add(HandoffTimerKind::accept_breach, h.accept_by);
    add(HandoffTimerKind::accept_managers, calendar.add_working_time(h.accept_by, sla.escalate_after));
  }
  if (const auto remind = working_time_before(calendar, now_, h.due_at, sla.remind_before))
    add(HandoffTimerKind::due_reminder, *remind);
  add(HandoffTimerKind::due_breach, h.due_at);
  add(HandoffTimerKind::due_managers, calendar.add_working_time(h.due_at, sla.escalate_after));
  return out;
}

void HandoffDesk::announce(HandoffWriter& writer, Store& store, const Handoff& h, Msg notice,
                           const Member* to, const std::string& who, const std::string& note) const {
  if (to == nullptr) return;
  const auto address = member_address(*to, platforms_);
  if (!address) return;
  const Reader reader = reader_of(store, *to, address->platform);
  OutboxItem item;
  // Queued in the same transaction as the change it tells of, so it is never queued again; the key only
  // has to tell apart the notices of one change (the requester may also be who started its workflow).
  item.key = "handoff/" + label_of(h) + "/v" + std::to_string(h.version) + "/" +
             std::to_string(static_cast<int>(notice)) + "/" + to->key;
  item.platform = address->platform;
  item.destination = address->destination;
  item.message = handoff_notice(notice, h, org_, reader, who, note);
  item.created_at = now_;
  writer.enqueue(item);
}

void HandoffDesk::update_posts(HandoffWriter& writer, Store& store, const Handoff& h) const {
  const Department* department = org_.department(h.to_department);
  if (department == nullptr) return;
  for (const HandoffPost& post : writer.posts(h.number)) {
    OutboxItem item;
    item.key = "handoff/" + label_of(h) + "/v" + std::to_string(h.version) + "/update/" + post.outbox_key;
    item.platform = post.platform;
    item.destination.kind = Destination::Kind::update;
    item.destination.channel = post.destination.channel;
    item.destination.original_key = post.outbox_key;
    const Reader reader = channel_reader(store, *department, post.platform);
    item.message = handoff_card(h, org_, reader);
    item.message.change = label_of(h) + " · " + state_text(h, org_, reader.locale).plain();
    item.created_at = now_;
    writer.enqueue(item);
  }
}

Handoff HandoffDesk::open(HandoffWriter& writer, Store& store, Handoff draft, const std::string& note) const {
  Handoff h = writer.insert(std::move(draft));
  writer.record({h.number, label_of(h) + "/created", "created", h.requester,
                 std::string(to_string(h.platform)), now_, note});
  writer.set_timers(h.number, timers_for(h));
  const Department* department = org_.department(h.to_department);
  if (department == nullptr) return h;
  // The card in the department's channel on every platform it has one: the one kept up to date.
  for (const Address& address : channel_addresses(*department, platforms_)) {
    OutboxItem item;
    item.key = "handoff/" + label_of(h) + "/post/" + std::string(to_string(address.platform)) + "/" +
               address.destination.channel;
    item.platform = address.platform;
    item.destination = address.destination;
    item.message = handoff_card(h, org_, channel_reader(store, *department, address.platform));
    item.created_at = now_;
    writer.enqueue(item);
    writer.add_post({h.number, item.key, item.platform, item.destination});
  }
  // The named member, or else the referent, hears of it directly, with the buttons.
  const Member* to = org_.member(h.assignee.empty() ? department->referent : h.assignee);
  if (to != nullptr && to->key != h.requester) {
    if (const auto address = member_address(*to, platforms_)) {
      const Reader reader = reader_of(store, *to, address->platform);
      OutboxItem item;
      item.key = "handoff/" + label_of(h) + "/notify/" + to->key;
      item.platform = address->platform;
      item.destination = address->destination;
      item.message = notice_with_card(
          handoff_notice(h.assignee.empty() ? Msg::handoff_notice_new : Msg::handoff_notice_new_for_you, h,
                         org_, reader, member_name(org_, h.requester)),
          handoff_card(h, org_, reader));
      item.created_at = now_;
      writer.enqueue(item);
    }
  }
  return h;
}

Handoff HandoffDesk::create(Store& store, const Member& requester, const std::string& from_department,
                            Platform platform, const HandoffRequest& request) const {
  Handoff out;
  store.handoff_transaction([&](HandoffWriter& writer) {
    out = create_in(writer, store, requester, from_department, platform, request);
  });
  return out;
}

Handoff HandoffDesk::create_in(HandoffWriter& writer, Store& store, const Member& requester,
                               const std::string& from_department, Platform platform,
                               const HandoffRequest& request) const {
  Handoff h;
  h.from_department = from_department;
  h.to_department = request.to_department;
  h.title = request.title;
  h.requester = requester.key;
  h.assignee = request.assignee;
  h.priority = request.priority;
  h.platform = platform;
  h.created_at = now_;
  const BusinessCalendar& calendar = config_->department_calendar(request.to_department);
  const SlaTargets& targets = config_->sla_of(request.to_department).of(request.priority);
  h.accept_by = calendar.add_working_time(now_, targets.accept);
  h.due_given = request.due.has_value();
  h.due_at = request.due.value_or(calendar.add_working_time(now_, targets.resolve));
  return open(writer, store, h, request.note);
}

ActResult HandoffDesk::act(Store& store, const Member& actor, Platform platform, std::int64_t number,
                           HandoffAction action, const std::string& note) const {
  ActResult result;
  store.handoff_transaction([&](HandoffWriter& writer) {
    std::optional<Handoff> found = writer.handoff(number);
    result.handoff = found;
    if (!found) {
      result.outcome = ActResult::Outcome::not_found;
      return;
    }
    Handoff h = *found;
    if (!may_act(actor, action, h, org_)) {
      result.outcome = ActResult::Outcome::refused;
      return;
    }
    if (is_closed(h.state)) {
      result.outcome = ActResult::Outcome::closed;
      return;
    }
    if (action == HandoffAction::accept && h.state == HandoffState::accepted) {
      result.outcome = ActResult::Outcome::taken;
      return;
    }
    if ((action == HandoffAction::reject || action == HandoffAction::cancel) && note.empty()) {
      result.outcome = ActResult::Outcome::needs_note;
      return;
    }
    switch (action) {
      case HandoffAction::accept:
        h.state = HandoffState::accepted;
        h.assignee = actor.key;
        h.accepted_at = now_;
        break;
      case HandoffAction::done:
        if (!h.accepted_at) h.accepted_at = now_;
        h.assignee = actor.key;  // who finished it; the audit trail keeps who accepted it
        h.state = HandoffState::done;
        h.closed_at = now_;
        h.close_note = note;
        break;
      case HandoffAction::reject:
        h.state = HandoffState::rejected;
        h.assignee = actor.key;
        h.closed_at = now_;
        h.close_note = note;
        break;
      case HandoffAction::cancel:
        h.state = HandoffState::cancelled;
        h.closed_at = now_;
        h.close_note = note;
        break;
    }
    if (!writer.update(h)) {
      // Another change came first (another instance, with a store that lets two writers in).
      result.outcome = ActResult::Outcome::taken;
      result.handoff = writer.handoff(number);
      return;
    }
    writer.record({h.number,
                   label_of(h) + "/" + std::string(to_string(action)) + "/v" + std::to_string(h.version),
                   std::string(to_string(action)), actor.key, std::string(to_string(platform)), now_, note});
    writer.set_timers(h.number, timers_for(h));
    update_posts(writer, store, h);

    const Member* requester = org_.member(h.requester);
    const Member* notify = actor.key != h.requester ? requester : nullptr;
    switch (action) {
      case HandoffAction::accept:
        announce(writer, store, h, Msg::handoff_notice_accepted, notify, actor.name, note);
        break;
      case HandoffAction::done:
        announce(writer, store, h, Msg::handoff_notice_done, notify, actor.name, note);
        break;
      case HandoffAction::reject:
        announce(writer, store, h, Msg::handoff_notice_rejected, notify, actor.name, note);
        break;
      case HandoffAction::cancel: {
        const Department* department = org_.department(h.to_department);
        const std::string& holder =
            !found->assignee.empty() ? found->assignee : (department != nullptr ? department->referent : "");
        const Member* to = holder != actor.key ? org_.member(holder) : nullptr;
        announce(writer, store, h, Msg::handoff_notice_cancelled, to, actor.name, note);
        break;
      }
    }
    if (h.workflow_run != 0) {
      if (action == HandoffAction::done) {
        advance_workflow(writer, store, h);
      } else if (action != HandoffAction::accept) {
        if (auto run = writer.run(h.workflow_run); run && run->state == WorkflowState::running) {
          run->state = WorkflowState::stopped;
          run->closed_at = now_;
          run->note = label_of(h) + " " + std::string(to_string(action)) + ": " + note;
          writer.update_run(*run);
          announce(writer, store, h, Msg::workflow_notice_stopped, org_.member(run->started_by), actor.name,
                   note);
        }
      }
    }
    result.outcome = ActResult::Outcome::applied;
    result.handoff = h;
  });
  return result;
}

ActResult HandoffDesk::edit(Store& store, const Member& actor, Platform platform, std::int64_t number,
                            const HandoffEdit& edit) const {
  ActResult result;
  store.handoff_transaction([&](HandoffWriter& writer) {
    const std::optional<Handoff> found = writer.handoff(number);
    result.handoff = found;
    if (!found) {
      result.outcome = ActResult::Outcome::not_found;
      return;
    }
    if (!may_edit(actor, *found)) {
      result.outcome = ActResult::Outcome::refused;
      return;
    }
    if (is_closed(found->state)) {
      result.outcome = ActResult::Outcome::closed;
      return;
    }
    Handoff h = *found;
    std::vector<std::string> changes;
    const Reader reader = reader_of(store, actor, platform);
    if (edit.title && *edit.title != h.title) {
      h.title = *edit.title;
      changes.push_back("title:\"" + h.title + "\"");
    }
    if (edit.priority && *edit.priority != h.priority) {
      h.priority = *edit.priority;
      changes.push_back("prio:" + std::string(to_string(h.priority)));
      const BusinessCalendar& calendar = config_->department_calendar(h.to_department);
      const SlaTargets& targets = config_->sla_of(h.to_department).of(h.priority);
      h.accept_by = calendar.add_working_time(h.created_at, targets.accept);
      if (!h.due_given) h.due_at = calendar.add_working_time(h.created_at, targets.resolve);
    }
    if (edit.due && *edit.due != h.due_at) {
      h.due_at = *edit.due;
      h.due_given = true;
      changes.push_back("due:" + when_text(h.due_at, reader));
    }
    std::string new_assignee;
    if (edit.assignee && *edit.assignee != h.assignee) {
      h.assignee = *edit.assignee;
      new_assignee = h.assignee;
      changes.push_back("to:@" + h.assignee);
    }
    if (changes.empty() || !writer.update(h)) {
      result.outcome = changes.empty() ? ActResult::Outcome::applied : ActResult::Outcome::taken;
      return;
    }
    std::string note;
    for (const std::string& change : changes)
      note += (note.empty() ? "" : " ") + change;
    writer.record({h.number, label_of(h) + "/edited/v" + std::to_string(h.version), "edited", actor.key,
                   std::string(to_string(platform)), now_, note});
    writer.set_timers(h.number, timers_for(h));
    update_posts(writer, store, h);
    if (!new_assignee.empty() && new_assignee != actor.key)
      announce(writer, store, h, Msg::handoff_notice_new_for_you, org_.member(new_assignee),
               member_name(org_, h.requester), {});
    result.outcome = ActResult::Outcome::applied;
    result.handoff = h;
  });
  return result;
}

int HandoffDesk::fire_due_timers(Store& store, int limit) const {
  int fired = 0;
  for (const HandoffTimer& timer : store.due_handoff_timers(now_, limit)) {
    store.handoff_transaction([&](HandoffWriter& writer) {
      if (!writer.claim_timer(timer.id, now_)) return;
      ++fired;
      const std::optional<Handoff> h = writer.handoff(timer.handoff);
      if (!h || is_closed(h->state)) return;
      const bool about_accepting =
          timer.kind == HandoffTimerKind::accept_breach || timer.kind == HandoffTimerKind::accept_managers;
      if (about_accepting && h->state != HandoffState::open) return;
      const std::string kind(to_string(timer.kind));
      // The audit line's key makes the escalation happen once, whatever fires it.
      if (!writer.record(
              {h->number, label_of(*h) + "/" + kind + "/" + ms_text(timer.at), kind, {}, {}, now_, {}}))
        return;
      const Department* department = org_.department(h->to_department);
      std::vector<const Member*> recipients;
      switch (timer.kind) {
        case HandoffTimerKind::accept_breach:
        case HandoffTimerKind::due_breach:
          if (department != nullptr) recipients.push_back(org_.member(department->referent));
          break;
        case HandoffTimerKind::accept_managers:
        case HandoffTimerKind::due_managers:
          recipients = managers();
          break;
        case HandoffTimerKind::due_reminder:
          recipients.push_back(org_.member(
              !h->assignee.empty() ? h->assignee : (department != nullptr ? department->referent : "")));
          break;
      }
      for (const Member* to : recipients) {
        if (to == nullptr) continue;
        const auto address = member_address(*to, platforms_);
        if (!address) continue;
        const Reader reader = reader_of(store, *to, address->platform);
        OutboxItem item;
        item.key = "handoff/" + label_of(*h) + "/" + kind + "/" + ms_text(timer.at) + "/" + to->key;
        item.platform = address->platform;
        item.destination = address->destination;
        item.message = notice_with_card(
            handoff_notice(timer_notice(timer.kind), *h, org_, reader, member_name(org_, h->assignee)),
            handoff_card(*h, org_, reader));
        item.created_at = now_;
        writer.enqueue(item);
      }
    });
  }
  return fired;
}

void HandoffDesk::advance_workflow(HandoffWriter& writer, Store& store, const Handoff& done) const {
  std::optional<WorkflowRun> run = writer.run(done.workflow_run);
  if (!run || run->state != WorkflowState::running) return;
  const std::vector<Handoff> all = writer.handoffs_of_run(run->id);
  // A parallel stage moves on when the last of its handoffs is done.
  for (const Handoff& other : all) {
    if (other.stage == done.stage && other.number != done.number && other.state != HandoffState::done) return;
  }
  const Workflow* workflow = config_->workflow(run->workflow);
  const Member* starter = org_.member(run->started_by);
  if (workflow == nullptr || static_cast<std::size_t>(done.stage) + 1 >= workflow->stages.size()) {
    run->state = WorkflowState::done;
    run->closed_at = now_;
    writer.update_run(*run);
    announce(writer, store, done, Msg::workflow_notice_done, starter, run->title, {});
    return;
  }
  // What the stage just finished said is carried to the next one.
  std::string context;
  for (const Handoff& other : all) {
    if (other.stage == done.stage && !other.close_note.empty()) {
      context += (context.empty() ? "" : "\n") + label_of(other) + ": " + other.close_note;
    }
  }
  if (done.close_note.empty() == false && context.find(label_of(done)) == std::string::npos)
    context += (context.empty() ? "" : "\n") + label_of(done) + ": " + done.close_note;
  run->stage = done.stage + 1;
  writer.update_run(*run);
  const Reader reader = starter != nullptr ? reader_of(store, *starter, done.platform) : Reader{};
  for (const WorkflowTask& task : workflow->stages[static_cast<std::size_t>(run->stage)].tasks) {
    Handoff h;
    h.from_department = done.to_department;
    h.to_department = task.department;
    h.title = task.title.in(reader.locale) + " — " + run->title;
    h.requester = run->started_by;
    h.platform = done.platform;
    h.created_at = now_;
    h.workflow_run = run->id;
    h.stage = run->stage;
    h.step = task.key;
    h.context = context;
    const BusinessCalendar& calendar = config_->department_calendar(task.department);
    const SlaTargets& targets = config_->sla_of(task.department).of(Priority::normal);
    h.accept_by = calendar.add_working_time(now_, targets.accept);
    h.due_at = calendar.add_working_time(now_, task.within.count() > 0 ? task.within : targets.resolve);
    open(writer, store, h, context);
  }
}

WorkflowStart HandoffDesk::start_workflow(Store& store, const Member& starter, const Workflow& workflow,
                                          const std::string& title, Platform platform) const {
  WorkflowStart out;
  store.handoff_transaction([&](HandoffWriter& writer) {
    WorkflowRun run;
    run.workflow = workflow.key;
    run.title = title;
    run.started_by = starter.key;
    run.started_at = now_;
    out.run = writer.insert_run(run);
    const Reader reader = reader_of(store, starter, platform);
    const std::vector<const Department*> own = org_.departments_of(starter.key);
    for (const WorkflowTask& task : workflow.stages.front().tasks) {
      Handoff h;
      h.from_department = own.empty() ? std::string() : own.front()->key;
      h.to_department = task.department;
      h.title = task.title.in(reader.locale) + " — " + title;
      h.requester = starter.key;
      h.platform = platform;
      h.created_at = now_;
      h.workflow_run = out.run.id;
      h.stage = 0;
      h.step = task.key;
      const BusinessCalendar& calendar = config_->department_calendar(task.department);
      const SlaTargets& targets = config_->sla_of(task.department).of(Priority::normal);
      h.accept_by = calendar.add_working_time(now_, targets.accept);
      h.due_at = calendar.add_working_time(now_, task.within.count() > 0 ? task.within : targets.resolve);
      out.opened.push_back(open(writer, store, h, {}));
    }
  });
  return out;
}

}  // namespace baton
