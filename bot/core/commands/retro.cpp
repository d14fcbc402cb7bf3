// `retro well|improve|action <text> [@owner] [due:YYYY-MM-DD]`: an item for the caller's retrospective
// (the last one held, or the next if none has been); `retro actions` lists the open actions;
// `retro done <number>` closes one. Actions stay listed at every retrospective until closed.
#include <algorithm>

#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/handoff_args.hpp"
#include "bot/core/commands/ritual_args.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/rituals/posts.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

constexpr std::size_t kMaxItemLength = 500;
// How far back the retrospective an item belongs to is looked for.
constexpr date::days kRetroLookback{62};

std::optional<RetroItemKind> kind_named(const std::string& word) {
  if (word == "well" || word == "good" || word == "bien") return RetroItemKind::went_well;
  if (word == "improve" || word == "ameliorer" || word == "bad") return RetroItemKind::to_improve;
  if (word == "action") return RetroItemKind::action;
  return std::nullopt;
}

Msg kind_label(RetroItemKind kind) {
  switch (kind) {
    case RetroItemKind::went_well:
      return Msg::retro_went_well;
    case RetroItemKind::to_improve:
      return Msg::retro_to_improve;
    case RetroItemKind::action:
      return Msg::retro_action;
  }
  return Msg::retro_went_well;
}

boost::asio::awaitable<Reply> run_retro(Services& services, const Caller& caller,
                                        const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const auto usage = [&] { return error_reply(tr(locale, Msg::retro_usage, {{"prefix", caller.prefix}})); };
  const auto config = services.current_config();
  if (!config) co_return error_reply(tr(locale, Msg::retro_none));
  std::vector<const Ritual*> retros = rituals_of(*config, caller.member->key, RitualKind::retrospective);
  std::vector<std::string> words = args;
  // A ritual may be named first, for someone in several retrospectives.
  if (!words.empty()) {
    if (const Ritual* named = find_ritual(retros, words.front())) {
      retros = {named};
      words.erase(words.begin());
    }
  }
  if (retros.empty()) co_return error_reply(tr(locale, Msg::retro_none));
  if (words.empty()) co_return usage();
  const std::string verb = fold(words.front());
  const Ritual& ritual = *retros.front();

  if (verb == "actions") {
    const auto read = [retros](Store& store) {
      std::vector<RetroItem> out;
      for (const Ritual* r : retros) {
        for (RetroItem& item : store.open_retro_actions(r->key))
          out.push_back(std::move(item));
      }
      return out;
    };
    const auto actions = co_await services.store.read(read);
    Reply reply;
    reply.message.header(tr_plain(locale, Msg::retro_open_actions));
    if (actions.empty()) reply.message.section(tr(locale, Msg::retro_no_actions));
    for (const RetroItem& action : actions)
      reply.message.section(action_line(action, services.org, locale));
    co_return reply;
  }
  if (verb == "done" || verb == "fait" || verb == "termine") {
    if (words.size() != 2) co_return usage();
    std::string number = words[1];
    if (number.starts_with('#')) number.erase(0, 1);
    if (number.empty() || number.size() > 12 ||
        !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      co_return usage();
    }
    const std::int64_t id = std::stoll(number);
    const auto close = [id, retros, now = services.clock.now()](Store& store) {
      // Only an action of a retrospective the caller takes part in.
      for (const Ritual* r : retros) {
        for (const RetroItem& item : store.open_retro_actions(r->key)) {
          if (item.id == id) return store.close_retro_action(id, now);
        }
      }
      return false;
    };
    const bool closed = co_await services.store.run(close);
    Reply reply;
    reply.message.section(
        tr(locale, closed ? Msg::retro_closed : Msg::retro_not_found, {{"id", std::to_string(id)}}));
    co_return reply;
  }
  const auto kind = kind_named(verb);
  if (!kind) co_return usage();

  RetroItem item;
  item.ritual = ritual.key;
  item.member = caller.member->key;
  item.kind = *kind;
  item.owner = caller.member->key;
  const date::sys_days today = today_for(services, caller);
  std::string text;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    const std::string folded = fold(word);
    if (*kind == RetroItemKind::action && word.starts_with('@')) {
      const Member* owner = member_named(services.org, word);
      if (owner == nullptr) co_return error_reply(tr(locale, Msg::unknown_member, {{"name", word}}));
      item.owner = owner->key;
      continue;
    }
    if (*kind == RetroItemKind::action && (folded.starts_with("due:") || folded.starts_with("pour:"))) {
      const std::string typed = word.substr(word.find(':') + 1);
      const auto due = parse_day_arg(typed, today);
      if (!due) co_return error_reply(tr(locale, Msg::bad_day, {{"typed", typed}}));
      item.due_day = day_text(*due);
      continue;
    }
    text += (text.empty() ? "" : " ") + word;
  }
  if (text.empty()) co_return usage();
  if (auto too_long = over_length(locale, Msg::retro_item_too_long, text, kMaxItemLength)) {
    co_return error_reply(std::move(*too_long));
  }
  item.text = text;
  item.created_at = services.clock.now();
  const auto add = [item, today](Store& store) mutable {
    // The retrospective held last (its post went out), else the one coming.
    item.day = day_text(today);
    for (const OccurrenceRecord& r :
         store.occurrences(item.ritual, day_text(today - kRetroLookback), day_text(today))) {
      if (r.step == to_string(Step::post) && r.outcome == OccurrenceOutcome::sent) item.day = r.day;
    }
    store.add_retro_item(item);
    return item.day;
  };
  const std::string day = co_await services.store.run(add);
  Reply reply;
  reply.message.section(tr(locale, Msg::retro_added,
                           {{"ritual", ritual.name.in(locale)},
                            {"day", day_name(locale, parse_day(day).value_or(today))},
                            {"kind", tr_plain(locale, kind_label(*kind))},
                            {"text", text}}));
  co_return reply;
}

}  // namespace

CommandSpec retro_command() {
  return {"retro",
          {"retrospective", "retrospective"},
          Role::staff,
          {{"retro well|improve|action <text>", "retro bien|ameliorer|action <texte>", Msg::cmd_retro}},
          run_retro,
          {},
          {}};
}

}  // namespace baton
