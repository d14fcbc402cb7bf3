#include "bot/core/rituals/standup.hpp"

#include <array>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {

std::vector<std::string> standup_questions(const Ritual& ritual, Locale locale) {
  std::vector<std::string> out;
  if (ritual.questions.empty()) {
    for (const Msg id : {Msg::standup_q_yesterday, Msg::standup_q_today, Msg::standup_q_blockers})
      out.push_back(tr_plain(locale, id));
    return out;
  }
  for (const LocalizedText& question : ritual.questions)
    out.push_back(question.in(locale));
  return out;
}

bool says_nothing(std::string_view answer) {
  static constexpr std::array<std::string_view, 16> kNothing = {
      "",   "-",   "--",   "no",    "none",   "nothing", "nope", "n/a",
      "na", "non", "rien", "aucun", "aucune", "neant",   "ras",  "no blockers"};
  std::string folded = fold(answer);
  while (!folded.empty() && (folded.back() == '.' || folded.back() == '!' || folded.back() == ' '))
    folded.pop_back();
  while (!folded.empty() && folded.front() == ' ')
    folded.erase(folded.begin());
  for (const std::string_view nothing : kNothing) {
    if (folded == nothing) return true;
  }
  return false;
}

std::string question_field(std::size_t index) {
  return "q" + std::to_string(index + 1);
}

Message standup_prompt(const Ritual& ritual, const Member& member, Locale locale, const std::string& prefix) {
  Message m;
  m.locale = locale;
  const std::string name = ritual.name.in(locale);
  m.header(name);
  const std::string first_name = member.name.substr(0, member.name.find(' '));
  m.section(tr(locale, Msg::standup_intro, {{"name", first_name}, {"ritual", name}, {"prefix", prefix}}));
  const auto questions = standup_questions(ritual, locale);
  // The first question is asked now; the next ones as the answers come in.
  m.section(
      tr(locale, Msg::standup_question,
         {{"number", "1"}, {"total", std::to_string(questions.size())}, {"question", questions.front()}}));
  return m;
}

Message standup_reminder(const Ritual& ritual, Locale locale, unsigned report_minute) {
  Message m;
  m.locale = locale;
  m.section(tr(locale, Msg::standup_reminder,
               {{"ritual", ritual.name.in(locale)}, {"time", clock_time(report_minute)}}));
  return m;
}

std::optional<std::string> blocker_of(const Ritual& ritual, const StandupAnswer& answer) {
  const std::size_t questions = standup_questions(ritual, Locale::en).size();
  if (questions < 2 || answer.answers.size() < questions) return std::nullopt;
  const std::string& blocker = answer.answers[questions - 1];
  if (says_nothing(blocker)) return std::nullopt;
  return blocker;
}

std::string to_button_value(const BlockerReference& reference) {
  return reference.ritual + "|" + reference.day + "|" + reference.member;
}

std::optional<BlockerReference> parse_blocker_reference(std::string_view value) {
  const auto first = value.find('|');
  const auto second = first == std::string_view::npos ? first : value.find('|', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  BlockerReference out{std::string(value.substr(0, first)),
                       std::string(value.substr(first + 1, second - first - 1)),
                       std::string(value.substr(second + 1))};
  if (out.ritual.empty() || !parse_day(out.day) || out.member.empty()) return std::nullopt;
  return out;
}

Message standup_report(const Ritual& ritual, const OrgMap& org, Locale locale, const StandupDay& day) {
  Message m;
  m.locale = locale;
  m.header(ritual.name.in(locale) + " — " + day_name(locale, day.day));
  const auto questions = standup_questions(ritual, locale);

  std::vector<std::string> answered, missing, off;
  RichText blockers;
  std::vector<Button> hand_off;
  for (const std::string& key : ritual.participants) {
    const Member* member = org.member(key);
    const std::string name = member != nullptr ? member->name : key;
    if (const auto found = day.answers.find(key); found != day.answers.end()) {
      answered.push_back(key);
      if (const auto blocker = blocker_of(ritual, found->second)) {
        if (!blockers.empty()) blockers.append("\n");
        blockers.append(name, SpanStyle::bold).append(": " + *blocker);
        // A blocker is handed to another department: only where there is one.
        if (org.departments().size() > org.departments_of(key).size()) {
          Button button;
          button.label = tr_plain(locale, Msg::standup_hand_off, {{"name", name}});
          button.action_id = "standup.handoff";
          button.value = to_button_value({ritual.key, day_text(day.day), key});
          button.command = "handoff <department> \"" + *blocker + "\"";
          hand_off.push_back(std::move(button));
        }
      }
    } else if (day.off.count(key) != 0) {
      off.push_back(name);
    } else if (day.prompted.count(key) != 0) {
      missing.push_back(name);
    }
  }
  const std::size_t expected = answered.size() + missing.size();
  m.context(tr(locale, Msg::standup_report_counts,
               {{"answered", std::to_string(answered.size())}, {"total", std::to_string(expected)}}));
  if (!blockers.empty()) {
    RichText text;
    text.append(tr_plain(locale, Msg::standup_blockers), SpanStyle::bold).append("\n").append_rich(blockers);
    m.section(std::move(text));
    if (!hand_off.empty()) m.actions(std::move(hand_off));
  }
  if (answered.empty()) m.section(tr(locale, Msg::standup_nobody));
  for (const std::string& key : answered) {
    const Member* member = org.member(key);
    const StandupAnswer& answer = day.answers.at(key);
    RichText text;
    text.append(member != nullptr ? member->name : key, SpanStyle::bold);
    if (answer.answered_at > day.report_at) text.append(" (" + tr_plain(locale, Msg::standup_late) + ")");
    for (std::size_t i = 0; i < questions.size(); ++i) {
      const std::string& reply = i < answer.answers.size() ? answer.answers[i] : std::string("-");
      text.append("\n").append(questions[i], SpanStyle::bold).append(" " + reply);
    }
    m.section(std::move(text));
  }
  if (!missing.empty())
    m.context(tr(locale, Msg::standup_no_answer, {{"names", join_list(locale, missing)}}));
  if (!off.empty()) m.context(tr(locale, Msg::standup_off, {{"names", join_list(locale, off)}}));
  return m;
}

std::map<std::string, Participation> count_participation(const std::vector<OccurrenceRecord>& occurrences,
                                                         const std::vector<StandupAnswer>& answers) {
  std::map<std::string, SysTime> report_at;                      // by day: the answers after it are late
  std::map<std::pair<std::string, std::string>, bool> prompted;  // (day, member)
  for (const OccurrenceRecord& r : occurrences) {
    if (r.step == to_string(Step::report)) report_at[r.day] = r.due;
    if (r.step == to_string(Step::prompt) && r.outcome == OccurrenceOutcome::sent)
      prompted[{r.day, r.member}] = true;
  }
  std::map<std::string, Participation> out;
  std::set<std::pair<std::string, std::string>> answered;
  for (const StandupAnswer& a : answers) {
    answered.insert({a.day, a.member});
    Participation& p = out[a.member];
    const auto report = report_at.find(a.day);
    if (report == report_at.end() || a.answered_at <= report->second) {
      ++p.on_time;
    } else {
      ++p.late;
    }
  }
  for (const auto& [day_member, sent] : prompted) {
    Participation& p = out[day_member.second];
    ++p.prompted;
    // Missed once the day's report has gone: before that, the member still has time.
    if (answered.count(day_member) == 0 && report_at.count(day_member.first) != 0) ++p.missed;
  }
  return out;
}

Dialog standup_dialog(const Ritual& ritual, Locale locale, const std::string& day) {
  Dialog dialog;
  dialog.id = "standup.answer";
  // A platform whose forms take shorter titles cuts it (Slack's modals take 24 characters).
  dialog.title = ritual.name.in(locale);
  dialog.submit = tr_plain(locale, Msg::dialog_save);
  dialog.context = ritual.key + "/" + day;
  const auto questions = standup_questions(ritual, locale);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    DialogField field;
    field.id = question_field(i);
    field.label = questions[i];
    field.max_length = kMaxAnswerLength;
    dialog.fields.push_back(std::move(field));
  }
  return dialog;
}

}  // namespace baton
