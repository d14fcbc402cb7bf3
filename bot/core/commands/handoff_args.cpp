#include "bot/core/commands/handoff_args.hpp"

#include "bot/core/handoffs/due.hpp"
#include "bot/core/schedule/schedule.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

constexpr std::string_view kOpenQuotes[] = {"\"", "\xE2\x80\x9C", "\xC2\xAB"};   // " “ «
constexpr std::string_view kCloseQuotes[] = {"\"", "\xE2\x80\x9D", "\xC2\xBB"};  // " ” »

std::optional<Priority> priority_named(const std::string& folded) {
  if (folded == "low" || folded == "basse" || folded == "faible") return Priority::low;
  if (folded == "normal" || folded == "normale") return Priority::normal;
  if (folded == "high" || folded == "haute" || folded == "urgent" || folded == "elevee")
    return Priority::high;
  return std::nullopt;
}

// The option a word starts, and where its value begins: "due:fri" -> ("due", 4).
std::optional<std::pair<std::string, std::size_t>> option_of(const std::string& word) {
  const std::string folded = fold(word);
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"due:", "due"}, {"pour:", "due"},  {"echeance:", "due"},  {"to:", "to"},
      {"a:", "to"},    {"prio:", "prio"}, {"priorite:", "prio"}, {"priority:", "prio"},
  };
  for (const auto& [prefix, name] : kNames) {
    if (folded.starts_with(prefix)) {
      // Folding may shorten accented letters: find the colon in the word as typed.
      return std::make_pair(std::string(name), word.find(':') + 1);
    }
  }
  return std::nullopt;
}

std::string strip_quotes(std::string value) {
  for (std::string_view q : kOpenQuotes) {
    if (value.starts_with(q)) {
      value.erase(0, q.size());
      break;
    }
  }
  for (std::string_view q : kCloseQuotes) {
    if (value.ends_with(q)) {
      value.erase(value.size() - q.size());
      break;
    }
  }
  return value;
}

bool opens_quote(const std::string& value) {
  for (std::string_view q : kOpenQuotes) {
    if (value.starts_with(q)) {
      for (std::string_view c : kCloseQuotes) {
        if (value.size() > q.size() && value.ends_with(c)) return false;
      }
      return true;
    }
  }
  return false;
}

bool closes_quote(const std::string& word) {
  for (std::string_view c : kCloseQuotes) {
    if (word.ends_with(c)) return true;
  }
  return false;
}

}  // namespace

const Member* member_named(const OrgMap& org, std::string_view typed) {
  const std::string wanted = fold(typed.substr(typed.starts_with('@') ? 1 : 0));
  if (wanted.empty()) return nullptr;
  for (const Member& m : org.members()) {
    if (m.key == wanted || fold(m.name) == wanted || fold(m.name.substr(0, m.name.find(' '))) == wanted)
      return &m;
  }
  return nullptr;
}

HandoffArgs parse_handoff_args(const std::vector<std::string>& words, const Caller& caller, const OrgMap& org,
                               const BusinessCalendar& calendar, SysTime now) {
  HandoffArgs out;
  const Locale locale = caller.locale;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const auto option = option_of(word);
    if (!option) {
      out.text += (out.text.empty() ? "" : " ") + word;
      continue;
    }
    std::string value = word.substr(option->second);
    // "due: fri": the value is the next word.
    if (value.empty() && i + 1 < words.size()) value = words[++i];
    // due:"fri 17:00" arrives in two words.
    if (opens_quote(value)) {
      while (i + 1 < words.size() && !closes_quote(value))
        value += " " + words[++i];
    }
    value = strip_quotes(value);
    if (option->first == "due") {
      // "due:fri 17:00": a time after a day belongs to it.
      if (i + 1 < words.size() && value.find(' ') == std::string::npos && parse_time_of_day(words[i + 1]) &&
          !parse_time_of_day(value)) {
        value += " " + words[++i];
      }
      DueContext context;
      context.now = now;
      context.zone = caller.zone;
      if (!calendar.hours.empty()) context.end_of_day_minute = calendar.hours.back().end;
      const auto due = parse_due(value, context);
      if (const auto* problem = std::get_if<DueProblem>(&due)) {
        const Msg id = *problem == DueProblem::past      ? Msg::handoff_due_past
                       : *problem == DueProblem::too_far ? Msg::handoff_due_too_far
                                                         : Msg::handoff_bad_due;
        out.error = tr(locale, id, {{"typed", value}});
        return out;
      }
      out.due = std::get<SysTime>(due);
    } else if (option->first == "prio") {
      out.priority = priority_named(fold(value));
      if (!out.priority) {
        out.error = tr(locale, Msg::handoff_bad_priority, {{"typed", value}});
        return out;
      }
    } else {
      const Member* member = member_named(org, value);
      if (member == nullptr) {
        out.error = tr(locale, Msg::unknown_member, {{"name", value}});
        return out;
      }
      out.assignee = member->key;
    }
  }
  return out;
}

}  // namespace baton
