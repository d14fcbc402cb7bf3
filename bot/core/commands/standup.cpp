// `standup [ritual]`: answer today's stand-up now, one question a message in the direct conversation (and
// in a form where the platform has one). `standup stats [ritual|department] [weeks]`: participation.
// The conversation itself lives here too: while a member has a stand-up open, what they write to baton
// directly is their next answer.
#include "bot/core/rituals/standup.hpp"

#include <algorithm>

#include "bot/core/commands/blocker.hpp"
#include "bot/core/commands/builtin.hpp"
#include "bot/core/commands/ritual_args.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/fold.hpp"
#include "bot/core/text/utf8.hpp"
#include "bot/core/text/words.hpp"

namespace baton {
namespace {

constexpr int kDefaultWeeks = 4;
constexpr int kMaxWeeks = 52;

Reply message_reply(RichText text) {
  Reply reply;
  reply.message.section(std::move(text));
  return reply;
}

RichText question_text(Locale locale, const std::vector<std::string>& questions, std::size_t index) {
  return tr(locale, Msg::standup_question,
            {{"number", std::to_string(index + 1)},
             {"total", std::to_string(questions.size())},
             {"question", questions[index]}});
}

// Saves the answers and says whether they came in time for the report.
boost::asio::awaitable<Message> finish(Services& services, const Caller& caller, const Ritual& ritual,
                                       std::string day, std::vector<std::string> answers) {
  const SysTime now = services.clock.now();
  StandupAnswer answer{ritual.key,         day, caller.member->key,
                       std::move(answers), now, std::string(to_string(caller.platform))};
  const std::string report_key = ritual.key + "/report/" + day;
  const auto save = [answer, report_key](Store& store) {
    store.save_standup_answer(answer);
    store.clear_standup_draft(answer.member);
    const auto report = store.occurrence(report_key);
    return report && report->outcome == OccurrenceOutcome::sent;
  };
  const bool late = co_await services.store.run(save);
  services.log.info("stand-up answered",
                    {{"ritual", ritual.key}, {"member", caller.member->key}, {"day", day}});
  Message message;
  const std::string first_name = caller.member->name.substr(0, caller.member->name.find(' '));
  message.section(tr(caller.locale, late ? Msg::standup_recorded_late : Msg::standup_recorded,
                     {{"name", first_name}, {"ritual", ritual.name.in(caller.locale)}}));
  co_return message;
}

boost::asio::awaitable<Reply> stats(Services& services, const Config& config, const Caller& caller,
                                    const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  std::vector<const Ritual*> standups;
  int weeks = kDefaultWeeks;
  std::string weeks_typed;
  for (const std::string& arg : args) {
    if (!arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      weeks = arg.size() > 2 ? kMaxWeeks + 1 : std::stoi(arg);
      weeks_typed = arg;
      continue;
    }
    const auto all = all_rituals(config);
    std::vector<const Ritual*> of_kind;
    for (const Ritual* r : all) {
      if (r->kind == RitualKind::standup) of_kind.push_back(r);
    }
    if (const Ritual* ritual = find_ritual(of_kind, arg)) {
      standups.push_back(ritual);
    } else if (const Department* department = services.org.department(arg)) {
      for (const Ritual* r : of_kind) {
        if (r->department == department->key) standups.push_back(r);
      }
    } else {
      co_return error_reply(
          tr(locale, Msg::unknown_ritual, {{"typed", arg}, {"list", ritual_keys(of_kind)}}));
    }
  }
  if (weeks < 1 || weeks > kMaxWeeks) {
    co_return error_reply(tr(locale, Msg::standup_stats_weeks, {{"weeks", weeks_typed}}));
  }
  if (standups.empty()) {
    // The caller's own stand-ups; everyone's for a manager in none.
    standups = rituals_of(config, caller.member->key, RitualKind::standup);
    if (standups.empty() && role_at_least(caller.member->role, Role::manager)) {
      for (const Ritual* r : all_rituals(config)) {
        if (r->kind == RitualKind::standup) standups.push_back(r);
      }
    }
  }
  // Participation of others is for managers and the department's referent.
  for (const Ritual* r : standups) {
    const Department* department = services.org.department(r->department);
    const bool referent = department != nullptr && department->referent == caller.member->key;
    if (!referent && !role_at_least(caller.member->role, Role::manager)) {
      co_return error_reply(tr(locale, Msg::not_allowed_manager,
                               {{"command", caller.prefix + " standup stats"},
                                {"who", people_who_can(services.org, Role::manager, locale)}}));
    }
  }
  const date::sys_days today = today_for(services, caller);
  const std::string first = day_text(today - date::days{7 * weeks - 1});
  const std::string last = day_text(today);
  std::vector<std::pair<const Ritual*, std::map<std::string, Participation>>> counted;
  for (const Ritual* r : standups) {
    const auto read = [key = r->key, first, last](Store& store) {
      return count_participation(store.occurrences(key, first, last),
                                 store.standup_answers(key, first, last));
    };
    counted.emplace_back(r, co_await services.store.read(read));
  }
  Reply reply;
  reply.message.header(tr_plain(locale, Msg::standup_stats_header, {{"weeks", std::to_string(weeks)}}));
  bool any = false;
  for (const auto& [ritual, by_member] : counted) {
    int prompted = 0, answered = 0;
    RichText members;
    for (const std::string& key : ritual->participants) {
      const auto found = by_member.find(key);
      if (found == by_member.end()) continue;
      const Participation& p = found->second;
      prompted += p.prompted;
      answered += p.on_time + p.late;
      const Member* member = services.org.member(key);
      if (!members.empty()) members.append("\n");
      members.append_rich(tr(locale, Msg::standup_stats_member,
                             {{"name", member != nullptr ? member->name : key},
                              {"on_time", std::to_string(p.on_time)},
                              {"late", std::to_string(p.late)},
                              {"missed", std::to_string(p.missed)}}));
    }
    if (prompted == 0) continue;
    any = true;
    reply.message.section(tr(locale, Msg::standup_stats_ritual,
                             {{"ritual", ritual->name.in(locale)},
                              {"percent", std::to_string(answered * 100 / prompted)},
                              {"answered", std::to_string(answered)},
                              {"prompted", std::to_string(prompted)}}));
    reply.message.section(std::move(members));
  }
  if (!any) reply.message.section(tr(locale, Msg::standup_stats_none));
  co_return reply;
}

boost::asio::awaitable<Reply> run_standup(Services& services, const Caller& caller,
                                          const std::vector<std::string>& args) {
  const Locale locale = caller.locale;
  const auto config = services.current_config();
  if (!config) co_return error_reply(tr(locale, Msg::standup_none));
  if (!args.empty() && fold(args.front()) == "stats") {
    co_return co_await stats(services, *config, caller,
                             std::vector<std::string>(args.begin() + 1, args.end()));
  }
  const auto mine = rituals_of(*config, caller.member->key, RitualKind::standup);
  if (mine.empty()) co_return error_reply(tr(locale, Msg::standup_none));
  const Ritual* ritual = nullptr;
  if (!args.empty()) {
    std::string typed;
    for (const std::string& arg : args)
      typed += (typed.empty() ? "" : " ") + arg;
    ritual = find_ritual(mine, typed);
    if (ritual == nullptr)
      co_return error_reply(tr(locale, Msg::unknown_ritual, {{"typed", typed}, {"list", ritual_keys(mine)}}));
  } else if (mine.size() == 1) {
    ritual = mine.front();
  } else {
    co_return error_reply(
        tr(locale, Msg::standup_pick, {{"rituals", ritual_keys(mine)}, {"prefix", caller.prefix}}));
  }
  const date::sys_days today = today_for(services, caller);
  const std::string day = day_text(today);
  const auto start = [draft = StandupDraft{caller.member->key, ritual->key, day, {}, services.clock.now()}](
                         Store& store) { store.save_standup_draft(draft); };
  co_await services.store.run(start);

  const auto questions = standup_questions(*ritual, locale);
  Reply reply;
  reply.message.section(tr(locale, Msg::standup_started,
                           {{"ritual", ritual->name.in(locale)}, {"day", day_name(locale, today)}}));
  reply.message.section(question_text(locale, questions, 0));
  reply.dialog = standup_dialog(*ritual, locale, day);
  co_return reply;
}

boost::asio::awaitable<DialogOutcome> submit_standup(Services& services, const Caller& caller,
                                                     const DialogSubmission& submission) {
  DialogOutcome outcome;
  const std::size_t slash = submission.context.find('/');
  const auto config = services.current_config();
  const Ritual* ritual =
      !config || slash == std::string::npos ? nullptr : config->ritual(submission.context.substr(0, slash));
  const std::string day = slash == std::string::npos ? "" : submission.context.substr(slash + 1);
  if (ritual == nullptr || !parse_day(day)) {
    outcome.errors[question_field(0)] = tr_plain(caller.locale, Msg::unknown_action);
    co_return outcome;
  }
  const auto questions = standup_questions(*ritual, caller.locale);
  std::vector<std::string> answers;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto value = submission.values.find(question_field(i));
    std::string text = value == submission.values.end() ? "" : trimmed(value->second);
    if (text.empty()) outcome.errors[question_field(i)] = tr_plain(caller.locale, Msg::standup_answer_empty);
    if (auto too_long = over_length(caller.locale, Msg::answer_too_long, text, kMaxAnswerLength))
      outcome.errors[question_field(i)] = too_long->plain();
    answers.push_back(std::move(text));
  }
  if (!outcome.errors.empty()) co_return outcome;
  outcome.confirmation = co_await finish(services, caller, *ritual, day, std::move(answers));
  co_return outcome;
}

}  // namespace

boost::asio::awaitable<std::optional<Reply>> standup_conversation(Services& services, const Caller& caller,
                                                                  const std::string& text) {
  const auto config = services.current_config();
  if (caller.member == nullptr || !config) co_return std::nullopt;
  const auto read = [key = caller.member->key](Store& store) { return store.standup_draft(key); };
  const std::optional<StandupDraft> draft = co_await services.store.read(read);
  if (!draft) co_return std::nullopt;
  const Ritual* ritual = config->ritual(draft->ritual);
  if (ritual == nullptr || draft->day < day_text(today_for(services, caller))) {
    // Yesterday's stand-up, or one no longer in the config: what they write now is something else.
    const auto clear = [key = caller.member->key](Store& store) { store.clear_standup_draft(key); };
    co_await services.store.run(clear);
    co_return std::nullopt;
  }
  const Locale locale = caller.locale;
  const std::string answer = trimmed(text);
  const std::string word = fold(answer);
  if (word == "cancel" || word == "annuler" || word == "stop") {
    const auto clear = [key = caller.member->key](Store& store) { store.clear_standup_draft(key); };
    co_await services.store.run(clear);
    co_return message_reply(tr(locale, Msg::standup_cancelled, {{"prefix", caller.prefix}}));
  }
  if (answer.empty()) co_return message_reply(tr(locale, Msg::standup_answer_empty));
  const auto questions = standup_questions(*ritual, locale);
  StandupDraft next = *draft;
  next.answers.push_back(cut_text(answer, kMaxAnswerLength));
  next.updated_at = services.clock.now();
  const bool cut = next.answers.back().size() < answer.size();
  Reply reply;
  if (next.answers.size() < questions.size()) {
    const auto save = [next](Store& store) { store.save_standup_draft(next); };
    co_await services.store.run(save);
    reply = message_reply(question_text(locale, questions, next.answers.size()));
  } else {
    reply.message = co_await finish(services, caller, *ritual, next.day, std::move(next.answers));
  }
  // Said before what comes next, so the person knows their answer is not whole.
  if (cut) {
    reply.message.blocks.insert(
        reply.message.blocks.begin(),
        Context{tr(locale, Msg::answer_cut, {{"limit", std::to_string(kMaxAnswerLength)}})});
  }
  co_return reply;
}

CommandSpec standup_command() {
  return {"standup",
          {"stand-up", "point"},
          Role::staff,
          {{"standup [ritual]", "standup [rituel]", Msg::cmd_standup},
           {"standup stats [ritual|department] [weeks]", "standup stats [rituel|service] [semaines]",
            Msg::cmd_standup_stats}},
          run_standup,
          click_blocker,
          [](Services& services, const Caller& caller, const DialogSubmission& submission) {
            return submission.dialog_id == "standup.handoff" ? submit_blocker(services, caller, submission)
                                                             : submit_standup(services, caller, submission);
          }};
}

}  // namespace baton
