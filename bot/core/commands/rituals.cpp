// `rituals`: what is scheduled and when each comes next, in the caller's time zone, holidays, skipped
// days and pauses taken into account. `ritual skip|pause|resume <ritual> [date]`, for managers.
#include <algorithm>

#include "bot/core/clock/zone.hpp"
#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/ritual_args.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/schedule/schedule_text.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

// Enough to get past a fortnight of holidays and skipped days.
constexpr int kMaxLookahead = 60;

Msg kind_message(RitualKind kind) {
  switch (kind) {
    case RitualKind::standup:
      return Msg::kind_standup;
    case RitualKind::review:
      return Msg::kind_review;
    case RitualKind::retrospective:
      return Msg::kind_retrospective;
    case RitualKind::reminder:
      return Msg::kind_reminder;
    case RitualKind::digest:
      return Msg::kind_digest;
    case RitualKind::kpi_snapshot:
      return Msg::kind_kpi_snapshot;
  }
  return Msg::kind_standup;
}

struct RitualState {
  bool paused = false;
  std::vector<std::string> skipped;
};

// The next instant `ritual` happens for `caller` (in their zone when it follows members' zones), past
// holidays and skipped days.
std::optional<SysTime> next_for(const Services& services, const Config& config, const Caller& caller,
                                const Ritual& ritual, const std::vector<std::string>& skipped) {
  // A ritual that follows members' zones happens at the caller's time for them, at its referent's (or
  // first participant's) for anyone else.
  const date::time_zone* zone = ritual.zone;
  if (zone == nullptr) {
    const auto& who = ritual.participants;
    const bool takes_part =
        caller.member != nullptr && std::find(who.begin(), who.end(), caller.member->key) != who.end();
    const Department* department = config.org.department(ritual.department);
    const Member* reference = takes_part              ? config.org.member(caller.member->key)
                              : department != nullptr ? config.org.member(department->referent)
                              : who.empty()           ? nullptr
                                                      : config.org.member(who.front());
    if (reference != nullptr) zone = services.profiles.zone_of(*reference);
  }
  if (zone == nullptr) return std::nullopt;
  const Member* member = caller.member != nullptr ? config.org.member(caller.member->key) : nullptr;
  const BusinessCalendar& calendar =
      member != nullptr ? config.calendar_of(*member, ritual.calendar) : config.calendar(ritual.calendar);
  SysTime after = services.clock.now();
  for (int i = 0; i < kMaxLookahead; ++i) {
    const auto at = next_fire(ritual.schedule, *zone, after);
    if (!at) return std::nullopt;
    const date::sys_days day{std::chrono::floor<date::days>(to_local(*zone, *at).time_since_epoch())};
    const bool skip =
        calendar.holiday(day) || std::find(skipped.begin(), skipped.end(), day_text(day)) != skipped.end();
    if (!skip) return at;
    after = *at;
  }
  return std::nullopt;
}

boost::asio::awaitable<Reply> run_rituals(Services& services, const Caller& caller,
                                          const std::vector<std::string>& args) {
  if (auto refused = refuse_arguments(caller, "rituals", args)) co_return *refused;
  const Locale locale = caller.locale;
  const auto config = services.current_config();
  if (!config) co_return error_reply(tr(locale, Msg::rituals_none));
  std::vector<const Ritual*> shown;
  const auto departments = config->org.departments_of(caller.member->key);
  for (const Ritual* ritual : all_rituals(*config)) {
    const auto& who = ritual->participants;
    const bool takes_part = std::find(who.begin(), who.end(), caller.member->key) != who.end();
    const bool in_department = std::any_of(departments.begin(), departments.end(),
                                           [&](const Department* d) { return d->key == ritual->department; });
    if (takes_part || in_department || role_at_least(caller.member->role, Role::manager))
      shown.push_back(ritual);
  }
  if (shown.empty()) co_return error_reply(tr(locale, Msg::rituals_none));

  const date::sys_days today = today_for(services, caller);
  const auto read = [shown, from = day_text(today)](Store& store) {
    const auto paused = store.paused_rituals();
    std::vector<RitualState> states;
    states.reserve(shown.size());
    for (const Ritual* ritual : shown) {
      states.push_back({std::find(paused.begin(), paused.end(), ritual->key) != paused.end(),
                        store.skipped_days(ritual->key, from)});
    }
    return states;
  };
  const std::vector<RitualState> states = co_await services.store.read(read);

  Reply reply;
  reply.message.header(tr_plain(locale, Msg::rituals_header));
  const date::year this_year = date::year_month_day{today}.year();
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const Ritual& ritual = *shown[i];
    const std::string name = ritual.name.in(locale);
    const std::string kind = tr_plain(locale, kind_message(ritual.kind));
    if (states[i].paused) {
      reply.message.section(
          tr(locale, Msg::rituals_paused_line,
             {{"ritual", name}, {"kind", kind}, {"schedule", describe_schedule(ritual.schedule, locale)}}));
      continue;
    }
    std::string next = "-";
    if (const auto at = next_for(services, *config, caller, ritual, states[i].skipped);
        at && caller.zone != nullptr) {
      const auto local = to_local(*caller.zone, *at);
      const auto day = std::chrono::floor<date::days>(local);
      next = day_name(locale, date::sys_days{day.time_since_epoch()}, this_year) + " " +
             clock_time(static_cast<unsigned>(
                 std::chrono::duration_cast<std::chrono::minutes>(local - day).count()));
    }
    reply.message.section(tr(locale, Msg::rituals_line,
                             {{"ritual", name},
                              {"kind", kind},
                              {"schedule", describe_schedule(ritual.schedule, locale)},
                              {"next", next}}));
  }
  if (caller.zone != nullptr) {
    reply.message.context(tr(locale, Msg::rituals_times_in, {{"zone", std::string(caller.zone->name())}}));
  }
  co_return reply;
}

boost::asio::awaitable<Reply> run_ritual(Services& services, const Caller& caller,
                                         const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const auto usage = [&] { return error_reply(tr(locale, Msg::ritual_usage, {{"prefix", caller.prefix}})); };
  if (args.size() < 2) co_return usage();
  const std::string action = fold(args[0]);
  const auto config = services.current_config();
  if (!config) co_return error_reply(tr(locale, Msg::rituals_none));
  const auto all = all_rituals(*config);
  const Ritual* ritual = find_ritual(all, args[1]);
  if (ritual == nullptr) {
    co_return error_reply(tr(locale, Msg::unknown_ritual, {{"typed", args[1]}, {"list", ritual_keys(all)}}));
  }
  const std::string name = ritual->name.in(locale);
  const SysTime now = services.clock.now();
  const std::string by = caller.member->key;

  if (action == "skip" || action == "sauter" || action == "annuler") {
    if (args.size() > 3) co_return usage();
    const date::sys_days today = today_for(services, caller);
    const auto day = args.size() == 3 ? parse_day_arg(args[2], today) : today;
    if (!day) co_return error_reply(tr(locale, Msg::bad_day, {{"typed", args[2]}}));
    if (*day < today) co_return error_reply(tr(locale, Msg::off_in_past, {{"last", day_name(locale, *day)}}));
    const auto skip = [key = ritual->key, text = day_text(*day), by, now](Store& store) {
      return store.skip_ritual_day(key, text, by, now);
    };
    const bool changed = co_await services.store.run(skip);
    services.log.info("ritual day skipped", {{"ritual", ritual->key}, {"day", day_text(*day)}, {"by", by}});
    Reply reply;
    reply.message.section(tr(locale, changed ? Msg::ritual_skipped : Msg::ritual_already_skipped,
                             {{"ritual", name}, {"day", day_name(locale, *day)}}));
    co_return reply;
  }
  if (args.size() != 2) co_return usage();
  const bool pause = action == "pause" || action == "suspendre";
  if (!pause && action != "resume" && action != "reprendre") co_return usage();
  const auto change = [key = ritual->key, pause, by, now](Store& store) {
    return store.set_ritual_paused(key, pause, by, now);
  };
  const bool changed = co_await services.store.run(change);
  services.log.info(pause ? "ritual paused" : "ritual resumed", {{"ritual", ritual->key}, {"by", by}});
  const Msg said = pause ? (changed ? Msg::ritual_paused : Msg::ritual_already_paused)
                         : (changed ? Msg::ritual_resumed : Msg::ritual_not_paused);
  Reply reply;
  reply.message.section(
      tr(locale, said, {{"ritual", name}, {"prefix", caller.prefix}, {"key", ritual->key}}));
  co_return reply;
}

}  // namespace

CommandSpec rituals_command() {
  return {"rituals",   {"rituels"}, Role::staff, {{"rituals", "rituals", Msg::cmd_rituals}},
          run_rituals, {},          {}};
}

CommandSpec ritual_command() {
  return {"ritual",
          {"rituel"},
          Role::manager,
          {{"ritual skip|pause|resume <ritual> [date]", "ritual skip|pause|resume <rituel> [date]",
            Msg::cmd_ritual}},
          run_ritual,
          {},
          {}};
}

}  // namespace baton
