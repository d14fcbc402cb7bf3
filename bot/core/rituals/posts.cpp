#include "bot/core/rituals/posts.hpp"

#include <cmath>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/kpis/format.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "rules/sparkline.hpp"

namespace baton {

RichText action_line(const RetroItem& action, const OrgMap& org, Locale locale) {
  const Member* owner = org.member(action.owner);
  std::string due;
  if (const auto day = parse_day(action.due_day))
    due = tr_plain(locale, Msg::retro_due, {{"day", day_name(locale, *day)}});
  return tr(locale, Msg::retro_action_line,
            {{"id", std::to_string(action.id)},
             {"text", action.text},
             {"owner", owner != nullptr ? owner->name : action.owner},
             {"due", due}});
}

Message meeting_post(const Ritual& ritual, const OrgMap& org, Locale locale, const std::string& prefix,
                     const std::vector<RetroItem>& open_actions) {
  Message m;
  m.locale = locale;
  const std::string name = ritual.name.in(locale);
  m.header(name);
  m.section(tr(locale, Msg::ritual_time_for, {{"ritual", name}}));
  if (!ritual.agenda.empty()) {
    RichText agenda;
    agenda.append(tr_plain(locale, Msg::agenda), SpanStyle::bold);
    for (std::size_t i = 0; i < ritual.agenda.size(); ++i)
      agenda.append("\n" + std::to_string(i + 1) + ". " + ritual.agenda[i].in(locale));
    m.section(std::move(agenda));
  }
  if (ritual.kind == RitualKind::retrospective) {
    RichText actions;
    actions.append(tr_plain(locale, Msg::retro_open_actions), SpanStyle::bold);
    if (open_actions.empty()) actions.append("\n").append_rich(tr(locale, Msg::retro_no_actions));
    for (const RetroItem& action : open_actions)
      actions.append("\n• ").append_rich(action_line(action, org, locale));
    m.section(std::move(actions));
    m.context(tr(locale, Msg::retro_how, {{"prefix", prefix}}));
  }
  return m;
}

Message reminder_post(const Ritual& ritual, Locale locale) {
  Message m;
  m.locale = locale;
  m.header(ritual.name.in(locale));
  m.section(RichText(ritual.message.in(locale)));
  return m;
}

namespace {

std::string alert_state_word(const std::string& state, Locale locale) {
  if (state == "firing") return tr_plain(locale, Msg::digest_alert_firing);
  if (state == "resolved" || state == "inactive") return tr_plain(locale, Msg::digest_alert_resolved);
  return tr_plain(locale, Msg::digest_alert_pending);
}

}  // namespace

Message digest(const Ritual& ritual, const OrgMap& org, Locale locale, date::sys_days week_start,
               const std::vector<DigestStandup>& standups, const std::vector<RetroItem>& open_actions,
               const std::vector<const Ritual*>& retrospectives, const DigestFigures& figures) {
  Message m;
  m.locale = locale;
  m.header(ritual.name.in(locale));
  m.context(tr(locale, Msg::digest_week, {{"day", day_name(locale, week_start)}}));

  // Each section one line an item, short enough for a phone, ending with the command that says more.
  if (!figures.kpis.empty()) {
    RichText kpis;
    kpis.append(tr_plain(locale, Msg::digest_kpis), SpanStyle::bold);
    for (const SnapshotRow& row : figures.kpis) {
      kpis.append("\n" + status_marker(row) + " " + row.kpi->name.in(locale) + " ");
      kpis.append(row.value ? format_kpi_value(*row.value, row.kpi->unit, locale)
                            : tr_plain(locale, Msg::kpi_no_value));
      if (row.value && row.previous && *row.previous != 0) {
        kpis.append(" (" +
                    format_change((*row.value - *row.previous) / std::fabs(*row.previous) * 100, locale) +
                    ")");
      }
      kpis.append(" ").append(rules::sparkline(row.history), SpanStyle::code);
    }
    kpis.append("\n").append_rich(tr(locale, Msg::digest_more, {{"command", "/baton kpi week"}}));
    m.section(std::move(kpis));
  }
  {
    RichText alerts;
    alerts.append(tr_plain(locale, Msg::digest_alerts), SpanStyle::bold);
    if (figures.alerts.empty()) alerts.append("\n").append_rich(tr(locale, Msg::digest_no_alerts));
    for (const auto& [rule, state] : figures.alerts) {
      alerts.append("\n• ").append(rule, SpanStyle::code).append(": " + alert_state_word(state, locale));
    }
    if (!figures.alerts.empty())
      alerts.append("\n").append_rich(tr(locale, Msg::digest_more, {{"command", "/baton silences"}}));
    m.section(std::move(alerts));
  }
  if (!figures.handoffs.empty()) {
    RichText handoffs;
    handoffs.append(tr_plain(locale, Msg::digest_handoffs), SpanStyle::bold);
    for (const auto& [department, week] : figures.handoffs) {
      handoffs.append("\n• ").append_rich(tr(
          locale, Msg::digest_handoff_line,
          {{"department",
            org.department(department) != nullptr ? org.department(department)->name.in(locale) : department},
           {"opened", std::to_string(week.opened)},
           {"closed", std::to_string(week.closed)},
           {"overdue", std::to_string(week.overdue)},
           {"sla",
            week.sla_percent ? format_kpi_value(*week.sla_percent, rules::Unit::percent(), locale) : "–"}}));
    }
    handoffs.append("\n").append_rich(tr(locale, Msg::digest_more, {{"command", "/baton handoffs stats"}}));
    m.section(std::move(handoffs));
  }

  RichText participation;
  participation.append(tr_plain(locale, Msg::digest_participation), SpanStyle::bold);
  bool any = false;
  for (const DigestStandup& standup : standups) {
    int prompted = 0, answered = 0;
    for (const auto& [member, p] : standup.by_member) {
      prompted += p.prompted;
      answered += p.on_time + p.late;
    }
    if (prompted == 0) continue;
    any = true;
    const int percent = answered * 100 / prompted;
    participation.append("\n• ").append_rich(tr(locale, Msg::standup_stats_ritual,
                                                {{"ritual", standup.ritual->name.in(locale)},
                                                 {"percent", std::to_string(percent)},
                                                 {"answered", std::to_string(answered)},
                                                 {"prompted", std::to_string(prompted)}}));
  }
  if (!any) participation.append("\n").append_rich(tr(locale, Msg::digest_no_standups));
  if (figures.blockers > 0) {
    participation.append("\n").append_rich(
        tr(locale, Msg::digest_blockers, {{"count", std::to_string(figures.blockers)}}));
  }
  participation.append("\n").append_rich(tr(locale, Msg::digest_more, {{"command", "/baton standup stats"}}));
  m.section(std::move(participation));

  if (!retrospectives.empty()) {
    RichText actions;
    actions.append(tr_plain(locale, Msg::retro_open_actions), SpanStyle::bold);
    if (open_actions.empty()) actions.append("\n").append_rich(tr(locale, Msg::retro_no_actions));
    for (const RetroItem& action : open_actions) {
      const Ritual* from = nullptr;
      for (const Ritual* r : retrospectives) {
        if (r->key == action.ritual) from = r;
      }
      actions.append("\n• ");
      if (from != nullptr) actions.append(from->name.in(locale) + ": ");
      actions.append_rich(action_line(action, org, locale));
    }
    m.section(std::move(actions));
  }
  return m;
}

}  // namespace baton
