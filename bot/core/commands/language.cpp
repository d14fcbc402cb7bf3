// `language en|fr`: a member's own choice of language, stored, and used for everything baton says
// to them from then on. The answer comes in the new language and only once the choice is stored.
// `language` alone says which language it is and, where the platform has forms, offers a picker.
#include "bot/core/commands/builtin.hpp"
#include "bot/core/text/fold.hpp"

namespace baton {
namespace {

std::optional<Locale> language_named(const std::string& typed) {
  const std::string word = fold(typed);
  if (word == "en" || word == "english" || word == "anglais") return Locale::en;
  if (word == "fr" || word == "french" || word == "francais") return Locale::fr;
  return std::nullopt;
}

// Stores the choice and says so in the chosen language; an unchanged choice is just confirmed.
boost::asio::awaitable<Message> choose(Services& services, const Caller& caller, Locale chosen) {
  Message answer;
  if (chosen == caller.locale) {
    answer.section(tr(caller.locale, Msg::language_same));
    co_return answer;
  }
  const auto save = [key = caller.member->key, chosen, at = services.clock.now()](Store& store) {
    store.set_member_locale(key, chosen, at);
    return true;
  };
  co_await services.store.run(save);
  if (services.languages) services.languages->chosen(caller.member->key, chosen);
  services.log.info("member language changed",
                    {{"member", caller.member->key}, {"locale", to_string(chosen)}});
  answer.section(tr(chosen, Msg::language_set));
  answer.locale = chosen;
  co_return answer;
}

Dialog language_picker(const Caller& caller) {
  const Locale locale = caller.locale;
  Dialog dialog;
  dialog.id = "language.choose";
  dialog.title = tr_plain(locale, Msg::language_dialog_title);
  dialog.submit = tr_plain(locale, Msg::dialog_save);
  DialogField field;
  field.id = "language";
  field.label = tr_plain(locale, Msg::cmd_language);
  // Each language named in itself, as language pickers do.
  field.choices = {{"en", "English"}, {"fr", "Français"}};
  field.initial = std::string(to_string(locale));
  dialog.fields.push_back(std::move(field));
  dialog.context = caller.channel;
  return dialog;
}

boost::asio::awaitable<Reply> run_language(Services& services, const Caller& caller,
                                           const std::vector<std::string>& args) {
  if (args.empty()) {
    Reply reply =
        error_reply(tr(caller.locale, Msg::language_current,
                       {{"language", tr_plain(caller.locale, caller.locale == Locale::fr ? Msg::language_fr
                                                                                         : Msg::language_en)},
                        {"prefix", caller.prefix}}));
    reply.dialog = language_picker(caller);
    co_return reply;
  }
  std::string typed;
  for (const std::string& arg : args)
    typed += (typed.empty() ? "" : " ") + arg;
  const auto chosen = language_named(typed);
  if (!chosen) {
    co_return error_reply(
        tr(caller.locale, Msg::language_unknown, {{"typed", typed}, {"prefix", caller.prefix}}));
  }
  Reply reply;
  reply.message = co_await choose(services, caller, *chosen);
  co_return reply;
}

boost::asio::awaitable<DialogOutcome> submit_language(Services& services, const Caller& caller,
                                                      const DialogSubmission& submission) {
  DialogOutcome outcome;
  const auto value = submission.values.find("language");
  const auto chosen = value == submission.values.end() ? std::nullopt : parse_locale(value->second);
  if (!chosen) {
    outcome.errors["language"] = tr_plain(caller.locale, Msg::language_choose_one);
    co_return outcome;
  }
  outcome.confirmation = co_await choose(services, caller, *chosen);
  co_return outcome;
}

}  // namespace

CommandSpec language_command() {
  return {"language",     {"langue", "lang"},
          Role::staff,    {{"language en|fr", "language fr|en", Msg::cmd_language}},
          run_language,   {},
          submit_language};
}

}  // namespace baton
