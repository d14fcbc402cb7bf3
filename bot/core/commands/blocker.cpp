// The stand-up report's "Hand off" button under a blocker. The click opens a dialog for the clicker alone:
// the department to ask (any but the blocker owner's own), the title (the blocker, to reword if need be)
// and an optional due time. Submitted, it opens the handoff as `/baton handoff` would, on behalf of the
// blocker owner's department, with the stand-up it came from first in its history.
#include "bot/core/commands/blocker.hpp"

#include <algorithm>

#include "bot/core/commands/handoff_args.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/rituals/standup.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "bot/core/text/utf8.hpp"
#include "bot/core/text/words.hpp"

namespace baton {
namespace {

constexpr std::string_view kDialogId = "standup.handoff";

// The blocker as it stands now (its owner may have answered again since the report).
struct FoundBlocker {
  const Ritual* ritual = nullptr;
  const Member* owner = nullptr;
  std::optional<std::string> text;
};

boost::asio::awaitable<FoundBlocker> find_blocker(Services& services, const Config& config,
                                                  const BlockerReference& reference) {
  FoundBlocker found;
  found.ritual = config.ritual(reference.ritual);
  found.owner = services.org.member(reference.member);
  if (found.ritual == nullptr || found.owner == nullptr) co_return found;
  const auto read = [reference](Store& store) {
    return store.standup_answers(reference.ritual, reference.day, reference.day);
  };
  const std::vector<StandupAnswer> answers = co_await services.store.read(read);
  for (const StandupAnswer& answer : answers) {
    if (answer.member == reference.member) found.text = blocker_of(*found.ritual, answer);
  }
  co_return found;
}

// Where a blocker may go: every department but its owner's own.
std::vector<const Department*> other_departments(const OrgMap& org, const Member& owner) {
  const std::vector<const Department*> own = org.departments_of(owner.key);
  std::vector<const Department*> out;
  for (const Department& d : org.departments()) {
    if (std::find(own.begin(), own.end(), &d) == own.end()) out.push_back(&d);
  }
  return out;
}

Dialog blocker_dialog(const std::vector<const Department*>& departments, const std::string& blocker,
                      const std::string& context, Locale locale) {
  Dialog dialog;
  dialog.id = std::string(kDialogId);
  dialog.title = tr_plain(locale, Msg::blocker_dialog_title);
  dialog.submit = tr_plain(locale, Msg::blocker_dialog_submit);
  dialog.context = context;
  DialogField department;
  department.id = "department";
  department.label = tr_plain(locale, Msg::blocker_field_department);
  for (const Department* d : departments)
    department.choices.push_back({d->key, d->name.in(locale)});
  DialogField title;
  title.id = "title";
  title.label = tr_plain(locale, Msg::blocker_field_title);
  title.initial = cut_text(blocker, kMaxHandoffTitle);
  title.max_length = kMaxHandoffTitle;
  DialogField due;
  due.id = "due";
  due.label = tr_plain(locale, Msg::blocker_field_due);
  due.hint = tr_plain(locale, Msg::blocker_due_hint);
  due.required = false;
  due.max_length = 60;
  dialog.fields = {std::move(department), std::move(title), std::move(due)};
  return dialog;
}

std::string value_of(const DialogSubmission& submission, const std::string& field) {
  const auto found = submission.values.find(field);
  return found == submission.values.end() ? std::string() : trimmed(found->second);
}

}  // namespace

boost::asio::awaitable<ClickReply> click_blocker(Services& services, const Caller& caller, Click click) {
  ClickReply reply;
  const Locale locale = caller.locale;
  const auto config = services.current_config();
  const auto reference = parse_blocker_reference(click.value);
  if (!config || !reference || caller.member == nullptr) co_return reply;
  const FoundBlocker found = co_await find_blocker(services, *config, *reference);
  if (found.owner == nullptr || !found.text) {
    const std::string name = found.owner != nullptr ? found.owner->name : reference->member;
    reply.aside = aside_message(tr(locale, Msg::blocker_gone, {{"name", name}}), locale);
    co_return reply;
  }
  const std::vector<const Department*> departments = other_departments(services.org, *found.owner);
  if (departments.empty()) {
    reply.aside = aside_message(tr(locale, Msg::blocker_no_department), locale);
    co_return reply;
  }
  std::vector<std::string> keys;
  keys.reserve(departments.size());
  for (const Department* d : departments)
    keys.push_back(d->key);
  reply.dialog = blocker_dialog(departments, *found.text, click.value, locale);
  reply.aside = aside_message(tr(locale, Msg::blocker_aside,
                                 {{"name", found.owner->name},
                                  {"prefix", caller.prefix},
                                  {"title", cut_text(*found.text, kMaxHandoffTitle)},
                                  {"departments", join_list(locale, keys)}}),
                              locale);
  co_return reply;
}

boost::asio::awaitable<DialogOutcome> submit_blocker(Services& services, const Caller& caller,
                                                     DialogSubmission submission) {
  DialogOutcome outcome;
  const Locale locale = caller.locale;
  const auto config = services.current_config();
  const auto reference = parse_blocker_reference(submission.context);
  const Ritual* ritual = config && reference ? config->ritual(reference->ritual) : nullptr;
  const Member* owner = reference ? services.org.member(reference->member) : nullptr;
  if (ritual == nullptr || owner == nullptr || caller.member == nullptr) {
    outcome.errors["department"] = tr_plain(locale, Msg::unknown_action);
    co_return outcome;
  }
  const std::vector<const Department*> allowed = other_departments(services.org, *owner);
  const Department* to = services.org.department(value_of(submission, "department"));
  if (to == nullptr || std::find(allowed.begin(), allowed.end(), to) == allowed.end())
    outcome.errors["department"] = tr_plain(locale, Msg::blocker_pick_department);
  const std::string title = value_of(submission, "title");
  if (title.empty()) {
    outcome.errors["title"] = tr_plain(locale, Msg::blocker_title_empty);
  } else if (auto too_long = over_length(locale, Msg::title_too_long, title, kMaxHandoffTitle)) {
    outcome.errors["title"] = too_long->plain();
  }
  // The due time is read as if typed after `due:`, in the clicker's zone and language.
  HandoffArgs parsed;
  if (const std::string due = value_of(submission, "due"); !due.empty()) {
    const std::vector<const Department*> own = services.org.departments_of(caller.member->key);
    const BusinessCalendar& calendar =
        own.empty() ? config->calendar({}) : config->department_calendar(own.front()->key);
    parsed =
        parse_handoff_args({"due:\"" + due + "\""}, caller, services.org, calendar, services.clock.now());
    if (parsed.error) outcome.errors["due"] = parsed.error->plain();
  }
  if (!outcome.errors.empty()) co_return outcome;
  parsed.text = title;

  // Asked on behalf of the blocked person's department; by the clicker's when the owner has none.
  std::vector<const Department*> from = services.org.departments_of(owner->key);
  if (from.empty()) from = services.org.departments_of(caller.member->key);
  const std::string from_key = from.empty() ? std::string() : from.front()->key;
  const auto day = parse_day(reference->day);
  std::string note = tr_plain(locale, Msg::blocker_note,
                              {{"name", owner->name},
                               {"ritual", ritual->name.in(locale)},
                               {"day", day ? day_name(locale, *day) : ""}});
  const Reply opened =
      co_await open_handoff(services, caller, config, *to, from_key, std::move(parsed), std::move(note));
  outcome.confirmation = opened.message;
  co_return outcome;
}

}  // namespace baton
