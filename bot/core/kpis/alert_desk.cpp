#include "bot/core/kpis/alert_desk.hpp"

#include <algorithm>
#include <map>

#include "bot/core/handoffs/desk.hpp"
#include "bot/core/i18n/catalog.hpp"
#include "bot/core/kpis/alert_notice.hpp"
#include "bot/core/rituals/addressing.hpp"
#include "bot/core/text/utf8.hpp"
#include "rules/alert.hpp"
#include "rules/replay.hpp"

namespace baton {
namespace {

std::int64_t ms(SysTime at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

rules::AlertStatus status_of(const AlertRecord& a) {
  rules::AlertStatus s;
  for (const auto state : {rules::AlertState::inactive, rules::AlertState::pending, rules::AlertState::firing,
                           rules::AlertState::resolved}) {
    if (rules::to_string(state) == a.state) s.state = state;
  }
  if (a.active_since) s.active_since = std::chrono::floor<std::chrono::seconds>(*a.active_since);
  if (a.fired_at) s.fired_at = std::chrono::floor<std::chrono::seconds>(*a.fired_at);
  return s;
}

bool same(const AlertRecord& a, const AlertRecord& b) {
  return a.state == b.state && a.active_since == b.active_since && a.fired_at == b.fired_at &&
         a.value == b.value && a.notified_at == b.notified_at && a.notice_due == b.notice_due &&
         a.handoff == b.handoff;
}

Priority priority_of(Severity severity) {
  switch (severity) {
    case Severity::info:
      return Priority::low;
    case Severity::warning:
      return Priority::normal;
    case Severity::critical:
      return Priority::high;
  }
  return Priority::normal;
}

void earliest(std::optional<SysTime>& next, SysTime at) {
  if (!next || at < *next) next = at;
}

// One run's work, on the store's thread, inside the alert transaction.
class Run {
 public:
  Run(const AlertDesk& desk, const OrgMap& org, const Profiles& profiles,
      const std::shared_ptr<const Config>& config, const std::vector<Platform>& platforms, SysTime now,
      Store& store, AlertWriter& writer)
      : desk_(desk),
        org_(org),
        config_(*config),
        platforms_(platforms),
        now_(now),
        store_(store),
        writer_(writer),
        handoffs_(org, profiles, config, platforms, now) {}

  AlertRound go(const KpiData& data, const std::set<std::string>& evaluate) {
    for (AlertRecord& a : store_.alerts())
      alerts_[a.rule] = std::move(a);
    for (const Silence& s : store_.silences(now_)) {
      auto& end = silenced_[s.rule];
      end = std::max(end, s.ends);
    }
    for (const KpiRule& rule : config_.rules) {
      AlertRecord& a = alerts_[rule.name];
      a.rule = rule.name;
      const AlertRecord before = a;
      if (evaluate.count(rule.name) > 0) evaluate_rule(rule, a, data.program(rule));
      hold_or_repeat(rule, a);
      if (a.state == "firing" && a.notice_due) release(rule, a);
      if (!same(a, before)) writer_.save_alert(a);
    }
    send_notices();
    update_resolved();
    return round_;
  }

 private:
  void evaluate_rule(const KpiRule& rule, AlertRecord& a, const rules::Program& program) {
    ++round_.evaluated;
    const date::sys_days day = desk_.today(rule);
    const auto at = std::chrono::floor<std::chrono::seconds>(now_);
    const rules::AlertStatus was = status_of(a);
    const rules::AlertStatus next = rules::step(was, program.holds(day), at, rule.hold_for);
    const std::optional<SysTime> since = a.active_since;
    if (was.state == rules::AlertState::firing) fired_values_[rule.name] = a.value;
    a.state = std::string(rules::to_string(next.state));
    a.active_since = next.active_since ? std::optional<SysTime>(*next.active_since) : std::nullopt;
    a.fired_at = next.fired_at ? std::optional<SysTime>(*next.fired_at) : std::nullopt;
    a.value = program.shown_value(day);
    a.evaluated_at = now_;
    if (next.state == was.state) return;
    ++round_.changes;
    // resolved -> inactive only closes the books on a resolution already recorded.
    if (!(was.state == rules::AlertState::resolved && next.state == rules::AlertState::inactive)) {
      const SysTime anchor = a.active_since.value_or(since.value_or(a.fired_at.value_or(now_)));
      writer_.record_alert_event(
          {rule.name + "/" + std::to_string(ms(anchor)) + "/" + a.state, rule.name, a.state, a.value, now_});
    }
    if (next.state == rules::AlertState::firing) {
      a.notice_due = true;
      a.notified_at.reset();
      a.handoff.reset();
    } else if (next.state == rules::AlertState::resolved) {
      if (a.notified_at) resolved_.push_back(rule.name);
      if (a.handoff) note_resolution(rule, a);
      a.notice_due = false;
    } else {
      a.notice_due = false;
    }
  }

  bool handoff_open(const AlertRecord& a) {
    if (!a.handoff) return false;
    const auto h = writer_.handoffs().handoff(*a.handoff);
    return h && !is_closed(h->state);
  }

  // A firing alert said before is said again every repeat interval, unless its handoff is still open.
  void hold_or_repeat(const KpiRule&, AlertRecord& a) {
    if (a.state != "firing" || a.notice_due || !a.notified_at) return;
    const SysTime due = *a.notified_at + config_.alerts.repeat_interval;
    if (now_ < due) {
      earliest(round_.next, due);
    } else if (!handoff_open(a)) {
      a.notice_due = true;
      repeats_.insert(a.rule);
    }
  }

  const BusinessCalendar& route_calendar(const KpiRule& rule) const {
    return config_.department_calendar(rule.routes.empty() ? std::string() : rule.routes.front());
  }

  // A notice waiting: muted while silenced, kept for working hours where the rule asks; sent otherwise.
  void release(const KpiRule& rule, AlertRecord& a) {
    if (const auto silence = silenced_.find(rule.name); silence != silenced_.end()) {
      earliest(round_.next, silence->second);
      return;
    }
    if (rule.business_hours && !route_calendar(rule).is_open(now_)) {
      earliest(round_.next, route_calendar(rule).add_working_time(now_, std::chrono::minutes(0)));
      return;
    }
    a.notice_due = false;
    a.notified_at = now_;
    if (rule.open_handoff && !a.handoff) open_handoff(rule, a);
    for (const std::string& department : rule.routes)
      by_department_[department].push_back(&rule);
    earliest(round_.next, now_ + config_.alerts.repeat_interval);
  }

  std::optional<double> target_of(const KpiRule& rule) const {
    const KpiDefinition* kpi = config_.kpi(rule.kpi);
    if (kpi == nullptr) return std::nullopt;
    const auto period = kpi->target_period();
    return period ? kpi->target(*period) : std::nullopt;
  }

  std::optional<double> fired_value(const std::string& rule) const {
    const auto found = fired_values_.find(rule);
    return found == fired_values_.end() ? std::nullopt : found->second;
  }

  std::vector<AlertLine> lines_of(const std::vector<std::string>& names) const {
    std::vector<AlertLine> lines;
    for (const std::string& name : names) {
      const KpiRule* rule = config_.rule(name);
      const auto found = alerts_.find(name);
      if (rule == nullptr || found == alerts_.end()) continue;  // a rule removed from the config since
      lines.push_back({rule, found->second, target_of(*rule), repeats_.count(name) > 0, fired_value(name)});
    }
    return lines;
  }

  void open_handoff(const KpiRule& rule, AlertRecord& a) {
    const KpiDefinition* kpi = config_.kpi(rule.kpi);
    const std::string from = kpi != nullptr ? kpi->department : rule.routes.front();
    const Department* owner = org_.department(from);
    const Member* requester = owner != nullptr ? org_.member(owner->referent) : nullptr;
    if (requester == nullptr || rule.routes.empty()) return;
    const auto address = member_address(*requester, platforms_);
    const Platform platform = address ? address->platform : platforms_.front();
    const Locale locale = handoffs_.reader_of(store_, *requester, platform).locale;
    const AlertLine line{&rule, a, target_of(rule), false, std::nullopt};
    HandoffRequest request;
    request.to_department = rule.routes.front();
    request.title = cut_text(alert_summary(line, config_, locale), kMaxHandoffTitle);
    request.priority = priority_of(rule.severity);
    request.note = tr_plain(locale, Msg::alert_handoff_note,
                            {{"rule", rule.name},
                             {"severity", severity_label(rule.severity, locale)},
                             {"summary", alert_summary(line, config_, locale)}});
    const Handoff h = handoffs_.create_in(writer_.handoffs(), store_, *requester, from, platform, request);
    a.handoff = h.number;
    ++round_.handoffs;
  }

  void note_resolution(const KpiRule& rule, const AlertRecord& a) {
    const auto h = writer_.handoffs().handoff(*a.handoff);
    if (!h) return;
    const AlertLine line{&rule, a, target_of(rule), false, fired_value(rule.name)};
    const std::string label = "H-" + std::to_string(h->number);
    // In the language the handoff was opened in: its requester's.
    const Member* requester = org_.member(h->requester);
    const Locale locale =
        requester != nullptr ? handoffs_.reader_of(store_, *requester, h->platform).locale : Locale::en;
    writer_.handoffs().record({h->number,
                               label + "/alert-resolved/" + std::to_string(ms(a.fired_at.value_or(now_))),
                               "alert-resolved", "", std::string(to_string(h->platform)), now_,
                               tr_plain(locale, Msg::alert_handoff_resolved,
                                        {{"rule", rule.name},
                                         {"value", value_now(line, locale)},
                                         {"summary", alert_summary(line, config_, locale)}})});
  }

  void send_notices() {
    for (const auto& [key, rules] : by_department_) {
      const Department* department = org_.department(key);
      if (department == nullptr) continue;
      std::vector<std::string> names;
      for (const KpiRule* rule : rules)
        names.push_back(rule->name);
      for (const Address& address : channel_addresses(*department, platforms_)) {
        OutboxItem item;
        item.key = "alert/" + key + "/" + std::to_string(ms(now_)) + "/" +
                   std::string(to_string(address.platform)) + "/" + address.destination.channel;
        item.platform = address.platform;
        item.destination = address.destination;
        const std::vector<AlertLine> lines = lines_of(names);
        if (lines.empty()) continue;
        item.message = alert_notice(lines, *department, config_,
                                    handoffs_.channel_reader(store_, *department, address.platform));
        item.created_at = now_;
        if (!writer_.enqueue(item)) continue;
        writer_.add_notice({item.key, key, address.platform, address.destination, names, now_});
        ++round_.messages;
      }
    }
  }

  // The latest notice naming each resolved alert, in each channel it went to, re-rendered in place.
  void update_resolved() {
    for (const std::string& rule : resolved_) {
      std::map<std::pair<Platform, std::string>, AlertNotice> latest;
      for (AlertNotice& notice : store_.alert_notices(rule))
        latest[{notice.platform, notice.destination.channel}] = std::move(notice);
      for (const auto& [where, notice] : latest) {
        const Department* department = org_.department(notice.department);
        if (department == nullptr) continue;
        const auto fired = alerts_.at(rule).fired_at.value_or(now_);
        OutboxItem item;
        item.key = "alert/update/" + notice.outbox_key + "/" + rule + "/" + std::to_string(ms(fired));
        item.platform = notice.platform;
        item.destination.kind = Destination::Kind::update;
        item.destination.channel = notice.destination.channel;
        item.destination.original_key = notice.outbox_key;
        const std::vector<AlertLine> lines = lines_of(notice.rules);
        if (lines.empty()) continue;
        const Reader reader = handoffs_.channel_reader(store_, *department, notice.platform);
        item.message = alert_notice(lines, *department, config_, reader);
        item.message.change = tr_plain(reader.locale, Msg::alert_resolved_change, {{"rule", rule}});
        item.created_at = now_;
        if (writer_.enqueue(item)) ++round_.messages;
      }
    }
  }

  const AlertDesk& desk_;
  const OrgMap& org_;
  const Config& config_;
  const std::vector<Platform>& platforms_;
  SysTime now_;
  Store& store_;
  AlertWriter& writer_;
  HandoffDesk handoffs_;
  AlertRound round_;
  std::map<std::string, AlertRecord> alerts_;
  std::map<std::string, SysTime> silenced_;  // rule -> when its last silence ends
  std::map<std::string, std::vector<const KpiRule*>> by_department_;
  std::set<std::string> repeats_;
  std::vector<std::string> resolved_;
  std::map<std::string, std::optional<double>> fired_values_;  // rule -> its value while it was firing
};

}  // namespace

AlertDesk::AlertDesk(const OrgMap& org, const Profiles& profiles, std::shared_ptr<const Config> config,
                     std::vector<Platform> platforms, SysTime now)
    : org_(org),
      profiles_(profiles),
      config_(std::move(config)),
      platforms_(std::move(platforms)),
      now_(now) {}

date::sys_days AlertDesk::today(const KpiRule& rule) const {
  const KpiDefinition* kpi = config_->kpi(rule.kpi);
  const std::string department =
      kpi != nullptr ? kpi->department : (rule.routes.empty() ? "" : rule.routes.front());
  const date::time_zone* zone = config_->department_calendar(department).zone;
  return date::sys_days(std::chrono::floor<date::days>(zone->to_local(now_).time_since_epoch()));
}

AlertRound AlertDesk::run(Store& store, const KpiData& data, const std::set<std::string>& evaluate) const {
  AlertRound round;
  store.alert_transaction([&](AlertWriter& writer) {
    Run run(*this, org_, profiles_, config_, platforms_, now_, store, writer);
    round = run.go(data, evaluate);
  });
  return round;
}

}  // namespace baton
