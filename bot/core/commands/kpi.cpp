// `kpi`: the caller's department's KPIs (a department's, or one KPI) over a day, a week or a month, so far;
// `kpi set <kpi> <value> [<day>]` records a value, for the KPI's department and managers.
// `silence <rule> <duration> [<reason>]` mutes an alert (managers); `silence <rule> off` lifts it;
// `silences` lists what is muted.
#include <algorithm>

#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/ritual_args.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/config/units.hpp"
#include "bot/core/handoffs/cards.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/kpis/format.hpp"
#include "bot/core/kpis/ingest.hpp"
#include "bot/core/kpis/snapshot.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/suggest.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton {
namespace {

constexpr std::chrono::minutes kShortestSilence{1};
constexpr std::chrono::hours kLongestSilence{7 * 24};
constexpr std::size_t kMaxReasonLength = 200;
constexpr std::size_t kNamesListed = 20;

std::optional<rules::Period> period_word(const std::string& typed) {
  const std::string word = fold(typed);
  if (word == "day" || word == "jour") return rules::Period::day;
  if (word == "week" || word == "semaine") return rules::Period::week;
  if (word == "month" || word == "mois") return rules::Period::month;
  return std::nullopt;
}

std::string listed(const std::vector<std::string>& names, Locale locale) {
  std::vector<std::string> shown(
      names.begin(), names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), kNamesListed)));
  if (names.size() > kNamesListed) shown.push_back("…");
  return join_list(locale, shown);
}

// The KPI the caller named, by key (case and accents ignored), or a reply saying there is none.
std::variant<const KpiDefinition*, Reply> find_kpi(const Config& config, const Caller& caller,
                                                   const std::string& typed) {
  std::vector<std::string> keys;
  for (const KpiDefinition& k : config.kpis) {
    if (fold(k.key) == fold(typed)) return &k;
    keys.push_back(k.key);
  }
  if (const auto suggestion = closest(typed, keys)) {
    return error_reply(
        tr(caller.locale, Msg::kpi_unknown_suggest, {{"typed", typed}, {"suggestion", *suggestion}}));
  }
  return error_reply(
      tr(caller.locale, Msg::kpi_unknown, {{"typed", typed}, {"kpis", listed(keys, caller.locale)}}));
}

// `config` keeps alive the snapshot the KPI pointers point into.
boost::asio::awaitable<Reply> show(Services& services, const Caller& caller,
                                   [[maybe_unused]] std::shared_ptr<const Config> config,
                                   std::vector<const KpiDefinition*> kpis, rules::Period period) {
  const date::sys_days today = today_for(services, caller);
  SnapshotPeriod shown = current_period(period, today);
  std::vector<std::string> keys;
  keys.reserve(kpis.size());
  for (const KpiDefinition* k : kpis)
    keys.push_back(k->key);
  auto read = [keys, today](Store& store) { return snapshot_series(store, keys, today); };
  const std::map<std::string, rules::Series> series = co_await services.store.read(std::move(read));
  const auto rows_for = [&](const SnapshotPeriod& period_shown) {
    return snapshot_rows(kpis, series, period_shown);
  };
  std::vector<SnapshotRow> rows = rows_for(shown);
  // Figures usually come in after the day: until the current period has one, show the one before.
  if (std::none_of(rows.begin(), rows.end(), [](const SnapshotRow& r) { return r.value.has_value(); })) {
    shown = last_complete_period(period, today);
    rows = rows_for(shown);
  }
  Reply reply;
  reply.message = kpi_snapshot(rows, shown, caller.locale);
  co_return reply;
}

boost::asio::awaitable<Reply> set_value(Services& services, const Caller& caller,
                                        std::shared_ptr<const Config> config, std::vector<std::string> args) {
  const Locale locale = caller.locale;
  // "2,7 %", as French writes a percentage, is one value.
  if (args.size() >= 4 && args[3] == "%") {
    args[2] += "%";
    args.erase(args.begin() + 3);
  }
  if (args.size() < 3 || args.size() > 4) {
    co_return error_reply(tr(locale, Msg::kpi_set_usage, {{"prefix", caller.prefix}}));
  }
  const auto found = find_kpi(*config, caller, args[1]);
  if (const auto* refusal = std::get_if<Reply>(&found)) co_return *refusal;
  const KpiDefinition& kpi = *std::get<const KpiDefinition*>(found);
  const std::string name = kpi.name.in(locale);
  if (kpi.builtin != BuiltinKpi::none)
    co_return error_reply(tr(locale, Msg::kpi_set_builtin, {{"kpi", name}}));
  const Department* department = config->org.department(kpi.department);
  const bool member_of =
      department != nullptr && std::find(department->members.begin(), department->members.end(),
                                         caller.member->key) != department->members.end();
  if (!member_of && caller.member->role == Role::staff) {
    co_return error_reply(
        tr(locale, Msg::kpi_set_refused,
           {{"department", department != nullptr ? department->name.in(locale) : kpi.department},
            {"kpi", name},
            {"people", people_who_can(config->org, Role::manager, locale)}}));
  }
  const auto value = parse_kpi_value(args[2], kpi.unit);
  if (!value || std::fabs(*value) > kMaxKpiMagnitude) {
    co_return error_reply(tr(locale, Msg::kpi_set_bad_value,
                             {{"typed", args[2]}, {"kpi", name}, {"unit", rules::to_string(kpi.unit)}}));
  }
  const date::sys_days today = today_for(services, caller);
  date::sys_days day = today;
  if (args.size() == 4) {
    const auto typed = parse_day_arg(args[3], today);
    if (!typed) co_return error_reply(tr(locale, Msg::bad_day, {{"typed", args[3]}}));
    day = *typed;
  }
  if (day > today) co_return error_reply(tr(locale, Msg::kpi_set_future, {{"day", day_name(locale, day)}}));
  const KpiPoint point{kpi.key, day_text(day), *value};
  auto write = [point, source = "chat:" + caller.member->key, now = services.clock.now()](Store& store) {
    const auto before = store.kpi_points(point.kpi, point.day, point.day);
    store.put_kpi_points({point}, source, now);
    return before.empty() ? std::optional<double>() : std::optional<double>(before.front().point.value);
  };
  const std::optional<double> old = co_await services.store.run(std::move(write));
  if (services.wake_alerts) services.wake_alerts();
  services.log.info("kpi set", {{"kpi", kpi.key}, {"day", point.day}, {"member", caller.member->key}});
  const std::string shown = format_kpi_value(*value, kpi.unit, locale);
  if (old && *old != *value) {
    co_return error_reply(tr(locale, Msg::kpi_set_replaced,
                             {{"kpi", name},
                              {"day", day_name(locale, day)},
                              {"value", shown},
                              {"old", format_kpi_value(*old, kpi.unit, locale)}}));
  }
  co_return error_reply(
      tr(locale, Msg::kpi_set_done, {{"kpi", name}, {"day", day_name(locale, day)}, {"value", shown}}));
}

boost::asio::awaitable<Reply> run_kpi(Services& services, const Caller& caller,
                                      const std::vector<std::string>& args) {
  const auto config = services.current_config();
  const Locale locale = caller.locale;
  // Without a config snapshot (tests of other parts) there are no KPIs to speak of.
  if (!config) co_return error_reply(tr(locale, Msg::kpi_none_at_all));
  if (!args.empty() && fold(args[0]) == "set") co_return co_await set_value(services, caller, config, args);
  if (args.size() > 2) co_return error_reply(tr(locale, Msg::kpi_bad_period, {{"typed", args.back()}}));

  rules::Period period = rules::Period::day;
  std::vector<const KpiDefinition*> kpis;
  std::vector<std::string> rest = args;
  if (!rest.empty()) {
    if (const auto word = period_word(rest.back())) {
      period = *word;
      rest.pop_back();
    } else if (rest.size() == 2) {
      co_return error_reply(tr(locale, Msg::kpi_bad_period, {{"typed", rest.back()}}));
    }
  }
  std::string department_key;
  if (rest.empty()) {
    for (const Department* d : config->org.departments_of(caller.member->key))
      department_key = department_key.empty() ? d->key : department_key;
  } else if (config->org.department(fold(rest[0])) != nullptr) {
    department_key = fold(rest[0]);
  } else {
    const auto found = find_kpi(*config, caller, rest[0]);
    if (const auto* refusal = std::get_if<Reply>(&found)) co_return *refusal;
    kpis.push_back(std::get<const KpiDefinition*>(found));
  }
  if (kpis.empty()) {
    for (const KpiDefinition& k : config->kpis) {
      // Without a department (a director), every KPI.
      if (department_key.empty() || k.department == department_key) kpis.push_back(&k);
    }
  }
  if (kpis.empty()) {
    // Someone in no department (a director) asked for every KPI, and there is none.
    if (department_key.empty()) co_return error_reply(tr(locale, Msg::kpi_none_at_all));
    const Department* d = config->org.department(department_key);
    co_return error_reply(
        tr(locale, Msg::kpi_none, {{"department", d != nullptr ? d->name.in(locale) : department_key}}));
  }
  co_return co_await show(services, caller, config, kpis, period);
}

const KpiRule* find_rule(const Config& config, const std::string& typed) {
  for (const KpiRule& r : config.rules) {
    if (r.name == fold(typed)) return &r;
  }
  return nullptr;
}

Reader reader_of(const Caller& caller) {
  Reader reader;
  reader.locale = caller.locale;
  reader.zone = caller.zone;
  reader.prefix = caller.prefix;
  return reader;
}

boost::asio::awaitable<Reply> run_silence(Services& services, const Caller& caller,
                                          const std::vector<std::string>& args) {
  const auto config = services.current_config();
  const Locale locale = caller.locale;
  if (args.size() < 2 || !config)
    co_return error_reply(tr(locale, Msg::silence_usage, {{"prefix", caller.prefix}}));
  const KpiRule* rule = find_rule(*config, args[0]);
  if (rule == nullptr) {
    std::vector<std::string> names;
    for (const KpiRule& r : config->rules)
      names.push_back(r.name);
    co_return error_reply(
        tr(locale, Msg::silence_unknown_rule, {{"typed", args[0]}, {"rules", listed(names, locale)}}));
  }
  const SysTime now = services.clock.now();
  if (fold(args[1]) == "off") {
    auto lift = [name = rule->name, now](Store& store) {
      int lifted = 0;
      for (const Silence& s : store.silences(now)) {
        if (s.rule == name && store.end_silence(s.id, now)) ++lifted;
      }
      return lifted;
    };
    const int lifted = co_await services.store.run(std::move(lift));
    if (lifted > 0 && services.wake_alerts) services.wake_alerts();
    co_return error_reply(
        tr(locale, lifted > 0 ? Msg::silence_lifted : Msg::silence_not_muted, {{"rule", rule->name}}));
  }
  const auto duration = parse_duration(args[1]);
  if (!duration || *duration < kShortestSilence || *duration > kLongestSilence) {
    co_return error_reply(tr(locale, Msg::silence_bad_duration, {{"typed", args[1]}}));
  }
  std::string reason;
  for (std::size_t i = 2; i < args.size(); ++i)
    reason += (reason.empty() ? "" : " ") + args[i];
  reason = cut_text(reason, kMaxReasonLength);
  const Silence silence{0, rule->name, now, now + *duration, caller.member->key, reason, {}};
  auto add = [silence](Store& store) { return store.add_silence(silence); };
  co_await services.store.run(std::move(add));
  services.log.info("alert silenced", {{"rule", rule->name}, {"member", caller.member->key}});
  co_return error_reply(tr(locale, Msg::silence_set,
                           {{"rule", rule->name}, {"until", when_text(silence.ends, reader_of(caller))}}));
}

boost::asio::awaitable<Reply> run_silences(Services& services, const Caller& caller,
                                           const std::vector<std::string>& args) {
  if (auto refused = refuse_arguments(caller, "silences", args)) co_return *refused;
  auto read = [now = services.clock.now()](Store& store) { return store.silences(now); };
  const std::vector<Silence> silences = co_await services.store.read(std::move(read));
  const Locale locale = caller.locale;
  if (silences.empty()) co_return error_reply(tr(locale, Msg::silences_none));
  const auto config = services.current_config();
  Reply reply;
  reply.message.header(tr_plain(locale, Msg::silences_header));
  for (const Silence& s : silences) {
    RichText line = tr(locale, Msg::silence_line,
                       {{"rule", s.rule},
                        {"until", when_text(s.ends, reader_of(caller))},
                        {"who", config ? member_name(config->org, s.by) : s.by}});
    if (!s.reason.empty()) line.append(" — " + s.reason);
    reply.message.section(std::move(line));
  }
  co_return reply;
}

}  // namespace

CommandSpec kpi_command() {
  return {"kpi",
          {"kpis", "indicateur", "indicateurs"},
          Role::staff,
          {{"kpi [<kpi>|<department>] [day|week|month]", "kpi [<kpi>|<service>] [jour|semaine|mois]",
            Msg::cmd_kpi},
           {"kpi set <kpi> <value> [<day>]", "kpi set <kpi> <valeur> [<jour>]", Msg::cmd_kpi_set}},
          run_kpi,
          {},
          {}};
}

CommandSpec silence_command() {
  return {"silence",
          {"sourdine"},
          Role::manager,
          {{"silence <rule> <duration> [<reason>]", "silence <règle> <durée> [<raison>]", Msg::cmd_silence}},
          run_silence,
          {},
          {}};
}

CommandSpec silences_command() {
  return {
      "silences", {"sourdines"}, Role::staff, {{"silences", "silences", Msg::cmd_silences}}, run_silences, {},
      {}};
}

}  // namespace baton
