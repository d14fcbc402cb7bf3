// `language en|fr`: a member's own choice of language, stored, and used for everything baton says
// to them from then on. The answer comes in the new language and only once the choice is stored.
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

boost::asio::awaitable<Reply> run_language(Services& services, const Caller& caller,
                                           const std::vector<std::string>& args) {
  if (args.empty()) {
    co_return error_reply(
        tr(caller.locale, Msg::language_current,
           {{"language",
             tr_plain(caller.locale, caller.locale == Locale::fr ? Msg::language_fr : Msg::language_en)},
            {"prefix", caller.prefix}}));
  }
  std::string typed;
  for (const std::string& arg : args)
    typed += (typed.empty() ? "" : " ") + arg;
  const auto chosen = language_named(typed);
  if (!chosen) {
    co_return error_reply(
        tr(caller.locale, Msg::language_unknown, {{"typed", typed}, {"prefix", caller.prefix}}));
  }
  if (*chosen == caller.locale) co_return error_reply(tr(caller.locale, Msg::language_same));

  const std::string key = caller.member->key;
  const SysTime at = services.clock.now();
  const Locale locale = *chosen;
  const auto save = [key, locale, at](Store& store) {
    store.set_member_locale(key, locale, at);
    return true;
  };
  co_await services.store.run(save);
  services.log.info("member language changed", {{"member", key}, {"locale", to_string(locale)}});
  Reply reply = error_reply(tr(locale, Msg::language_set));
  reply.message.locale = locale;
  co_return reply;
}

}  // namespace

CommandSpec language_command() {
  return {"language",   {"langue", "lang"},
          Role::staff,  {{"language en|fr", "language fr|en", Msg::cmd_language}},
          run_language, {}};
}

}  // namespace baton
