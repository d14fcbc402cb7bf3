#include "bot/core/handoffs/cards.hpp"

#include "bot/core/clock/zone.hpp"
#include "bot/core/i18n/dates.hpp"

namespace baton {
namespace {

Msg priority_label(Priority priority) {
  switch (priority) {
    case Priority::low:
      return Msg::handoff_priority_low;
    case Priority::normal:
      return Msg::handoff_priority_normal;
    case Priority::high:
      return Msg::handoff_priority_high;
  }
  return Msg::handoff_priority_normal;
}

// What an audit line's action reads as.
std::string action_text(const std::string& action, Locale locale) {
  static const std::pair<std::string_view, Msg> kActions[] = {
      {"created", Msg::handoff_did_create},
      {"accepted", Msg::handoff_did_accept},
      {"done", Msg::handoff_did_done},
      {"rejected", Msg::handoff_did_reject},
      {"cancelled", Msg::handoff_did_cancel},
      {"edited", Msg::handoff_did_edit},
      {"accept-breach", Msg::handoff_did_accept_breach},
      {"accept-managers", Msg::handoff_did_accept_managers},
      {"due-reminder", Msg::handoff_did_due_reminder},
      {"due-breach", Msg::handoff_did_due_breach},
      {"due-managers", Msg::handoff_did_due_managers},
  };
  for (const auto& [name, id] : kActions) {
    if (name == action) return tr_plain(locale, id);
  }
  return action;
}

std::string label_of(const Handoff& h) {
  return handoff_label(h.number);
}

// The buttons a handoff offers in its state; none once it is closed.
std::vector<Button> buttons_for(const Handoff& h, Locale locale) {
  const std::string label = label_of(h);
  std::vector<Button> out;
  if (h.state == HandoffState::open) {
    out.push_back({tr_plain(locale, Msg::handoff_button_accept), "handoff.accept", label,
                   ButtonStyle::primary, "handoff accept " + label});
  }
  if (h.state == HandoffState::open || h.state == HandoffState::accepted) {
    out.push_back({tr_plain(locale, Msg::handoff_button_done), "handoff.done", label,
                   h.state == HandoffState::accepted ? ButtonStyle::primary : ButtonStyle::normal,
                   "handoff done " + label});
    out.push_back({tr_plain(locale, Msg::handoff_button_reject), "handoff.reject", label, ButtonStyle::danger,
                   "handoff reject " + label + " <reason>"});
  }
  return out;
}

// The asking side: "Marketing (Hugo Lefèvre)", or the person alone when they are in no department.
std::string asked_by(const Handoff& h, const OrgMap& org, Locale locale) {
  if (h.from_department.empty()) return member_name(org, h.requester);
  return department_name(org, h.from_department, locale) + " (" + member_name(org, h.requester) + ")";
}

// Where the requester stands: their department, else their title ("E-commerce director").
std::string requester_side(const Handoff& h, const OrgMap& org, Locale locale) {
  if (!h.from_department.empty()) return department_name(org, h.from_department, locale);
  const Member* m = org.member(h.requester);
  return m != nullptr ? m->title.in(locale) : std::string();
}

}  // namespace

std::string when_text(SysTime at, const Reader& reader) {
  const date::time_zone& zone = reader.zone != nullptr ? *reader.zone : *date::locate_zone("UTC");
  const date::local_seconds local = to_local(zone, at);
  const auto day = std::chrono::floor<date::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  return short_day_name(reader.locale, date::sys_days(day.time_since_epoch())) + " " +
         clock_time(static_cast<unsigned>(minutes));
}

std::string member_name(const OrgMap& org, const std::string& key) {
  const Member* m = org.member(key);
  return m != nullptr ? m->name : key;
}

std::string department_name(const OrgMap& org, const std::string& key, Locale locale) {
  const Department* d = org.department(key);
  return d != nullptr ? d->name.in(locale) : key;
}

RichText state_text(const Handoff& h, const OrgMap& org, Locale locale) {
  const std::string assignee = member_name(org, h.assignee);
  switch (h.state) {
    case HandoffState::open:
      return h.assignee.empty() ? tr(locale, Msg::handoff_state_open)
                                : tr(locale, Msg::handoff_state_open_for, {{"who", assignee}});
    case HandoffState::accepted:
      return tr(locale, Msg::handoff_state_accepted, {{"who", assignee}});
    case HandoffState::done:
      return tr(locale, Msg::handoff_state_done, {{"who", assignee}});
    case HandoffState::rejected:
      return tr(locale, Msg::handoff_state_rejected, {{"who", assignee}, {"note", h.close_note}});
    case HandoffState::cancelled:
      return tr(locale, Msg::handoff_state_cancelled,
                {{"who", member_name(org, h.requester)}, {"note", h.close_note}});
  }
  return tr(locale, Msg::handoff_state_open);
}

Message handoff_card(const Handoff& h, const OrgMap& org, const Reader& reader) {
  const Locale locale = reader.locale;
  Message m;
  m.locale = locale;
  m.header(label_of(h) + " · " + h.title);
  std::vector<Field> fields;
  fields.push_back({tr_plain(locale, Msg::handoff_field_from), asked_by(h, org, locale)});
  fields.push_back({tr_plain(locale, Msg::handoff_field_to), department_name(org, h.to_department, locale)});
  fields.push_back({tr_plain(locale, Msg::handoff_field_due), when_text(h.due_at, reader)});
  fields.push_back({tr_plain(locale, Msg::handoff_field_priority), tr(locale, priority_label(h.priority))});
  fields.push_back({tr_plain(locale, Msg::handoff_field_state), state_text(h, org, locale)});
  m.fields(std::move(fields));
  if (h.state == HandoffState::open) {
    m.context(
        tr(locale, Msg::handoff_accept_by,
           {{"when", when_text(h.accept_by, reader)}, {"prefix", reader.prefix}, {"label", label_of(h)}}));
  } else if (h.state == HandoffState::done && !h.close_note.empty()) {
    m.context(h.close_note);
  }
  if (!h.context.empty()) m.section(tr(locale, Msg::handoff_earlier_steps, {{"context", h.context}}));
  if (h.workflow_run != 0) {
    m.context(tr(locale, Msg::handoff_in_workflow,
                 {{"run", "W-" + std::to_string(h.workflow_run)}, {"step", h.step}}));
  }
  if (auto buttons = buttons_for(h, locale); !buttons.empty()) m.actions(std::move(buttons));
  return m;
}

Message handoff_notice(Msg id, const Handoff& h, const OrgMap& org, const Reader& reader,
                       const std::string& who, const std::string& note) {
  Message m;
  m.locale = reader.locale;
  m.section(tr(reader.locale, id,
               {{"label", label_of(h)},
                {"title", h.title},
                {"who", who},
                {"note", note},
                {"department", department_name(org, h.to_department, reader.locale)},
                {"from", requester_side(h, org, reader.locale)},
                {"due", when_text(h.due_at, reader)},
                {"accept_by", when_text(h.accept_by, reader)},
                {"prefix", reader.prefix}}));
  return m;
}

Message handoff_details(const Handoff& h, const std::vector<HandoffEvent>& events, const OrgMap& org,
                        const Reader& reader) {
  Message m = handoff_card(h, org, reader);
  m.divider();
  RichText history;
  for (const HandoffEvent& e : events) {
    if (!history.empty()) history.append("\n");
    const std::string by = e.by.empty() ? "baton" : member_name(org, e.by);
    history.append(when_text(e.at, reader) + "  ");
    history.append(by, SpanStyle::bold);
    history.append(" " + action_text(e.action, reader.locale));
    if (!e.platform.empty() && e.platform != "baton") history.append(" (" + e.platform + ")");
    if (!e.note.empty()) history.append(": " + e.note);
  }
  m.section(tr(reader.locale, Msg::handoff_history));
  if (!history.empty()) m.section(history);
  return m;
}

RichText handoff_line(const Handoff& h, const OrgMap& org, const Reader& reader, SysTime now) {
  RichText line;
  line.append(label_of(h), SpanStyle::bold);
  line.append(" " + h.title + " · " + requester_side(h, org, reader.locale) + " → " +
              department_name(org, h.to_department, reader.locale) + " · ");
  line.append_rich(tr(reader.locale, Msg::handoff_line_due, {{"due", when_text(h.due_at, reader)}}));
  line.append(" · ");
  line.append_rich(state_text(h, org, reader.locale));
  if (!is_closed(h.state) && h.due_at < now) {
    line.append(" · ");
    line.append_rich(tr(reader.locale, Msg::handoff_overdue));
  }
  return line;
}

}  // namespace baton
