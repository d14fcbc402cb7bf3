// `off <from> [<to>]`: days away, when baton sends no stand-up prompt and reports show "off".
// `off` lists them; `off cancel [<from> <to>]` removes them (all upcoming ones without dates).
#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/ritual_args.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

constexpr date::days kLongestAbsence{366};

boost::asio::awaitable<Reply> run_off(Services& services, const Caller& caller,
                                      const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const std::string member = caller.member->key;
  const date::sys_days today = today_for(services, caller);
  const auto usage = [&] { return error_reply(tr(locale, Msg::off_usage, {{"prefix", caller.prefix}})); };

  if (args.empty()) {
    const auto read = [member, from = day_text(today)](Store& store) { return store.days_off(member, from); };
    const auto periods = co_await services.store.read(read);
    if (periods.empty()) co_return error_reply(tr(locale, Msg::off_none, {{"prefix", caller.prefix}}));
    std::vector<std::string> shown;
    for (const DaysOff& off : periods) {
      const auto first = parse_day(off.first_day);
      const auto last = parse_day(off.last_day);
      if (!first || !last) continue;
      shown.push_back(*first == *last ? day_name(locale, *first)
                                      : day_name(locale, *first) + " – " + day_name(locale, *last));
    }
    co_return error_reply(tr(locale, Msg::off_list, {{"periods", join_list(locale, shown)}}));
  }

  const bool cancel = fold(args[0]) == "cancel" || fold(args[0]) == "annuler";
  const std::size_t first_arg = cancel ? 1 : 0;
  if (args.size() > first_arg + 2 || (!cancel && args.empty())) co_return usage();
  date::sys_days first = today;
  date::sys_days last = today + kLongestAbsence * 10;
  if (args.size() > first_arg) {
    const auto from = parse_day_arg(args[first_arg], today);
    if (!from) co_return error_reply(tr(locale, Msg::bad_day, {{"typed", args[first_arg]}}));
    first = last = *from;
    if (args.size() > first_arg + 1) {
      const auto to = parse_day_arg(args[first_arg + 1], today);
      if (!to) co_return error_reply(tr(locale, Msg::bad_day, {{"typed", args[first_arg + 1]}}));
      last = *to;
    }
  }
  if (last < first) {
    co_return error_reply(tr(locale, Msg::off_backwards,
                             {{"first", day_name(locale, first)}, {"last", day_name(locale, last)}}));
  }
  if (cancel) {
    const auto remove = [member, a = day_text(first), b = day_text(last)](Store& store) {
      return store.cancel_days_off(member, a, b);
    };
    const int removed = co_await services.store.run(remove);
    co_return error_reply(tr(locale, Msg::off_cancelled, {{"count", std::to_string(removed)}}));
  }
  if (last < today) co_return error_reply(tr(locale, Msg::off_in_past, {{"last", day_name(locale, last)}}));
  if (last - first >= kLongestAbsence) co_return error_reply(tr(locale, Msg::off_too_long));
  const auto add = [off = DaysOff{member, day_text(first), day_text(last), services.clock.now()}](
                       Store& store) { store.add_days_off(off); };
  co_await services.store.run(add);
  services.log.info("days off set",
                    {{"member", member}, {"first", day_text(first)}, {"last", day_text(last)}});
  if (first == last) co_return error_reply(tr(locale, Msg::off_set_day, {{"day", day_name(locale, first)}}));
  co_return error_reply(
      tr(locale, Msg::off_set, {{"first", day_name(locale, first)}, {"last", day_name(locale, last)}}));
}

}  // namespace

CommandSpec off_command() {
  return {"off",       {"absent", "conge"},
          Role::staff, {{"off <from> [<to>]", "off <du> [<au>]", Msg::cmd_off}},
          run_off,     {},
          {}};
}

}  // namespace baton
