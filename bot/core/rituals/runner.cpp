#include "bot/core/rituals/runner.hpp"

#include <algorithm>

#include "bot/core/clock/zone.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/kpis/snapshot.hpp"
#include "bot/core/rituals/addressing.hpp"
#include "bot/core/rituals/posts.hpp"
#include "bot/core/rituals/standup.hpp"

namespace baton {

namespace {

// The digest's KPIs, alerts, handoffs and blockers for the departments a manager follows (all of them for
// someone in none), over the week before the digest's day.
DigestFigures digest_figures(Store& store, const Config& config,
                             const std::vector<const Department*>& departments, const Occurrence& occurrence,
                             SysTime now) {
  const auto follows = [&](const std::string& department) {
    return departments.empty() || std::any_of(departments.begin(), departments.end(),
                                              [&](const Department* d) { return d->key == department; });
  };
  DigestFigures figures;
  const SnapshotPeriod week = last_complete_period(rules::Period::week, occurrence.day);
  std::vector<const KpiDefinition*> kpis;
  std::vector<std::string> keys;
  for (const KpiDefinition& k : config.kpis) {
    if (!follows(k.department)) continue;
    kpis.push_back(&k);
    keys.push_back(k.key);
  }
  figures.kpis = snapshot_rows(kpis, snapshot_series(store, keys, week.end), week);

  std::map<std::string, std::string> latest;  // rule -> its last state in the week
  for (const AlertEvent& e : store.alert_events(occurrence.at - std::chrono::days(7), occurrence.at)) {
    const KpiRule* rule = config.rule(e.rule);
    if (rule != nullptr && std::any_of(rule->routes.begin(), rule->routes.end(), follows))
      latest[e.rule] = e.state;
  }
  figures.alerts.assign(latest.begin(), latest.end());

  for (const Department& d : config.org.departments()) {
    if (!follows(d.key)) continue;
    HandoffWeekStats stats = handoff_stats(store, config, d.key, week.start, 1, now).front();
    figures.handoffs.emplace_back(d.key, stats);
  }
  for (const Ritual& r : config.rituals) {
    if (r.kind != RitualKind::standup || !follows(r.department)) continue;
    for (const StandupAnswer& a : store.standup_answers(r.key, day_text(week.start), day_text(week.end))) {
      if (blocker_of(r, a)) ++figures.blockers;
    }
  }
  return figures;
}

}  // namespace
namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// The digest covers the seven days before the day it goes out.
constexpr date::days kDigestWeek{7};

}  // namespace

SysTime after_quiet_hours(const Member& member, const date::time_zone& zone, SysTime at) {
  if (!member.quiet_hours || member.quiet_hours->start == member.quiet_hours->end) return at;
  const QuietHours quiet = *member.quiet_hours;
  const auto local = to_local(zone, at);
  const auto day = std::chrono::floor<date::days>(local);
  const auto minute =
      static_cast<unsigned>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  if (!quiet.contains(minute)) return at;
  // The quiet hours end today if their end is still ahead, else tomorrow.
  const auto end_day = minute < quiet.end ? day : day + date::days{1};
  return std::max(at, to_instant(zone, end_day + std::chrono::minutes(quiet.end)));
}

bool is_off(Store& store, const std::string& member, const std::string& day) {
  for (const DaysOff& off : store.days_off(member, day)) {
    if (off.first_day <= day && day <= off.last_day) return true;
  }
  return false;
}

RitualRunner::RitualRunner(Services& services) : services_(services) {}

boost::asio::awaitable<std::vector<bool>> RitualRunner::run(std::shared_ptr<const Config> config,
                                                            std::vector<DueOccurrence> batch, SysTime now) {
  const auto work = [this, config, batch = std::move(batch), now](Store& store) {
    Lookups lookups;
    std::vector<bool> recorded;
    recorded.reserve(batch.size());
    for (const DueOccurrence& due : batch)
      recorded.push_back(run_in(store, *config, due, now, lookups));
    return recorded;
  };
  std::vector<bool> recorded = co_await services_.store.run(work);
  if (services_.wake_outbox && std::find(recorded.begin(), recorded.end(), true) != recorded.end())
    services_.wake_outbox();
  co_return recorded;
}

// An occurrence recorded before (a run again after a crash) is not looked up first: recording it claims
// nothing, so its messages are not queued again, and the lookup would cost every other occurrence.
bool RitualRunner::run_in(Store& store, const Config& config, const DueOccurrence& due, SysTime now,
                          Lookups& lookups) const {
  const Occurrence& occurrence = due.occurrence;
  OccurrenceRecord record;
  record.key = occurrence.key();
  record.ritual = occurrence.ritual->key;
  record.step = std::string(to_string(occurrence.step));
  record.day = day_text(occurrence.day);
  record.member = occurrence.member;
  record.due = occurrence.at;
  record.recorded_at = now;
  if (due.missed) {
    record.outcome = OccurrenceOutcome::missed;
    record.reason = "baton was not running at the time";
    return store.record_occurrence(record, {});
  }
  if (auto reason = skip_reason(store, config, occurrence, now, lookups)) {
    record.outcome = OccurrenceOutcome::skipped;
    record.reason = std::move(*reason);
    return store.record_occurrence(record, {});
  }
  std::vector<OutboxItem> outgoing = messages(store, config, occurrence, now);
  if (outgoing.empty()) {
    record.outcome = OccurrenceOutcome::skipped;
    record.reason = "nowhere to send it on the platforms this baton serves";
    services_.log.warn("ritual occurrence has no destination", {{"occurrence", record.key}});
    return store.record_occurrence(record, {});
  }
  const bool claimed = store.record_occurrence(record, outgoing);
  if (claimed && occurrence.step == Step::prompt) {
    // Replies to the prompt answer its questions one by one; a member already answering another
    // stand-up today finishes that one first.
    const auto draft = store.standup_draft(occurrence.member);
    if (!draft || draft->day < record.day) {
      store.save_standup_draft({occurrence.member, record.ritual, record.day, {}, now});
    }
  }
  return claimed;
}

std::optional<std::string> RitualRunner::skip_reason(Store& store, const Config& config,
                                                     const Occurrence& occurrence, SysTime now,
                                                     Lookups& lookups) const {
  const Ritual& ritual = *occurrence.ritual;
  const std::string day = day_text(occurrence.day);
  if (!lookups.paused) lookups.paused = store.paused_rituals();
  if (contains(*lookups.paused, ritual.key)) return "paused";
  const auto [skipped, unread] = lookups.skipped.try_emplace({ritual.key, day}, false);
  if (unread) skipped->second = contains(store.skipped_days(ritual.key, day), day);
  if (skipped->second) return "skipped for the day";

  const Member* member = occurrence.member.empty() ? nullptr : config.org.member(occurrence.member);
  const BusinessCalendar& calendar =
      member != nullptr ? config.calendar_of(*member, ritual.calendar) : config.calendar(ritual.calendar);
  if (const auto holiday = calendar.holiday(occurrence.day)) {
    return holiday->empty() ? "holiday" : "holiday: " + *holiday;
  }
  const bool personal = occurrence.step == Step::prompt || occurrence.step == Step::reminder ||
                        (occurrence.step == Step::post && member != nullptr);
  if (personal && is_off(store, occurrence.member, day)) return "off";

  if (occurrence.step == Step::reminder) {
    const auto prompt = store.occurrence(ritual.key + "/prompt/" + day + "/" + occurrence.member);
    if (!prompt || prompt->outcome != OccurrenceOutcome::sent) return "not prompted";
    for (const StandupAnswer& answer : store.standup_answers(ritual.key, day, day)) {
      if (answer.member == occurrence.member) return "answered";
    }
    // A reminder held back past the quiet hours would arrive after the point.
    if (member != nullptr && occurrence.zone != nullptr &&
        after_quiet_hours(*member, *occurrence.zone, now) > now) {
      return "quiet hours";
    }
  }
  return std::nullopt;
}

Locale RitualRunner::member_locale(Store& store, const Member& member) const {
  if (const auto chosen = store.member_locale(member.key)) return *chosen;
  return services_.profiles.locale_of(member);
}

std::vector<OutboxItem> RitualRunner::to_member(
    Store& store, const Config& config, const Occurrence& occurrence, const std::string& member_key,
    const std::function<Message(Locale, const std::string&)>& build, SysTime now) const {
  const Member* member = config.org.member(member_key);
  if (member == nullptr) return {};
  const auto address = member_address(*member, services_.runtime.platforms);
  if (!address) return {};
  OutboxItem item;
  item.key = occurrence.key() + "@" + std::string(to_string(address->platform));
  item.platform = address->platform;
  item.destination = address->destination;
  item.message = build(member_locale(store, *member), std::string(command_prefix(address->platform)));
  item.created_at = now;
  const date::time_zone* zone = services_.profiles.zone_of(*member);
  item.next_attempt_at = zone != nullptr ? after_quiet_hours(*member, *zone, now) : now;
  return {std::move(item)};
}

std::vector<OutboxItem> RitualRunner::to_channel(
    Store& store, const Config& config, const Occurrence& occurrence,
    const std::function<Message(Locale, const std::string&)>& build, SysTime now) const {
  const Department* department = config.org.department(occurrence.ritual->department);
  if (department == nullptr) return {};
  // A channel reads the language of its department's referent.
  const Member* referent = config.org.member(department->referent);
  const Locale locale = referent != nullptr ? member_locale(store, *referent) : Locale::en;
  std::vector<OutboxItem> out;
  for (const Address& address : channel_addresses(*department, services_.runtime.platforms)) {
    OutboxItem item;
    item.key = occurrence.key() + "@" + std::string(to_string(address.platform));
    item.platform = address.platform;
    item.destination = address.destination;
    item.message = build(locale, std::string(command_prefix(address.platform)));
    item.created_at = now;
    item.next_attempt_at = now;
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<OutboxItem> RitualRunner::messages(Store& store, const Config& config,
                                               const Occurrence& occurrence, SysTime now) const {
  const Ritual& ritual = *occurrence.ritual;
  const OrgMap& org = config.org;
  const std::string day = day_text(occurrence.day);
  switch (occurrence.step) {
    case Step::prompt: {
      const Member* member = org.member(occurrence.member);
      return to_member(
          store, config, occurrence, occurrence.member,
          [&](Locale locale, const std::string& prefix) {
            return standup_prompt(ritual, *member, locale, prefix);
          },
          now);
    }
    case Step::reminder: {
      const ZoneOf zone_of = [this](const Member& m) { return services_.profiles.zone_of(m); };
      const SysTime report_at =
          standup_report_at(ritual, participant_zones(ritual, org, zone_of), occurrence.day);
      const auto local = to_local(*occurrence.zone, report_at);
      const auto minute = static_cast<unsigned>(
          std::chrono::duration_cast<std::chrono::minutes>(local - std::chrono::floor<date::days>(local))
              .count());
      return to_member(
          store, config, occurrence, occurrence.member,
          [&](Locale locale, const std::string&) { return standup_reminder(ritual, locale, minute); }, now);
    }
    case Step::report: {
      StandupDay report;
      report.day = occurrence.day;
      report.report_at = occurrence.at;
      for (StandupAnswer& answer : store.standup_answers(ritual.key, day, day)) {
        report.answers.emplace(answer.member, std::move(answer));
      }
      for (const OccurrenceRecord& r : store.occurrences(ritual.key, day, day)) {
        if (r.step != to_string(Step::prompt)) continue;
        if (r.outcome == OccurrenceOutcome::sent) report.prompted.insert(r.member);
        if (r.reason == "off" || r.reason.starts_with("holiday")) report.off.insert(r.member);
      }
      for (const std::string& key : ritual.participants) {
        if (report.prompted.count(key) == 0 && is_off(store, key, day)) report.off.insert(key);
      }
      return to_channel(
          store, config, occurrence,
          [&](Locale locale, const std::string&) { return standup_report(ritual, org, locale, report); },
          now);
    }
    case Step::post: {
      if (ritual.kind == RitualKind::kpi_snapshot) {
        // The last complete period: the day, week or month that ended before this occurrence's day.
        std::vector<const KpiDefinition*> kpis;
        for (const std::string& key : ritual.kpis) {
          if (const KpiDefinition* k = config.kpi(key)) kpis.push_back(k);
        }
        const SnapshotPeriod shown = last_complete_period(ritual.period, occurrence.day);
        const std::vector<SnapshotRow> rows =
            snapshot_rows(kpis, snapshot_series(store, ritual.kpis, shown.end), shown);
        return to_channel(
            store, config, occurrence,
            [&](Locale locale, const std::string&) { return kpi_snapshot(rows, shown, locale); }, now);
      }
      std::vector<RetroItem> actions;
      if (ritual.kind == RitualKind::retrospective) actions = store.open_retro_actions(ritual.key);
      const auto build = [&](Locale locale, const std::string& prefix) {
        return ritual.kind == RitualKind::reminder ? reminder_post(ritual, locale)
                                                   : meeting_post(ritual, org, locale, prefix, actions);
      };
      if (!occurrence.member.empty())
        return to_member(store, config, occurrence, occurrence.member, build, now);
      return to_channel(store, config, occurrence, build, now);
    }
    case Step::digest: {
      // The stand-ups and retrospectives of the manager's departments; all of them for someone in none.
      const auto departments = org.departments_of(occurrence.member);
      const auto followed = [&](const Ritual& r) {
        if (departments.empty()) return true;
        return std::any_of(departments.begin(), departments.end(),
                           [&](const Department* d) { return d->key == r.department; });
      };
      const std::string first = day_text(occurrence.day - kDigestWeek);
      const std::string last = day_text(occurrence.day - date::days{1});
      std::vector<DigestStandup> standups;
      std::vector<const Ritual*> retrospectives;
      std::vector<RetroItem> actions;
      const DigestFigures figures = digest_figures(store, config, departments, occurrence, now);
      for (const Ritual& r : config.rituals) {
        if (!followed(r)) continue;
        if (r.kind == RitualKind::standup) {
          standups.push_back({&r, count_participation(store.occurrences(r.key, first, last),
                                                      store.standup_answers(r.key, first, last))});
        } else if (r.kind == RitualKind::retrospective) {
          retrospectives.push_back(&r);
          for (RetroItem& action : store.open_retro_actions(r.key))
            actions.push_back(std::move(action));
        }
      }
      return to_member(
          store, config, occurrence, occurrence.member,
          [&](Locale locale, const std::string&) {
            return digest(ritual, org, locale, occurrence.day - kDigestWeek, standups, actions,
                          retrospectives, figures);
          },
          now);
    }
  }
  return {};
}

}  // namespace baton
