// `help`: the commands this caller may run, and how to type them on their platform.
#include "bot/core/commands/builtin.hpp"

namespace baton {
namespace {

boost::asio::awaitable<Reply> run_help(Services& services, const Caller& caller,
                                       const std::vector<std::string>&) {
  const Locale locale = caller.locale;
  Reply reply;
  Message& m = reply.message;
  m.header(tr_plain(locale, Msg::help_header));
  if (caller.member == nullptr) {
    m.section(tr(locale, Msg::help_guest, {{"admins", people_who_can(services.org, Role::admin, locale)}}));
  } else {
    m.section(tr(locale, Msg::help_intro, {{"prefix", caller.prefix}}));
  }
  RichText list;
  std::optional<Role> lowest_role_needed;  // of the commands this caller may not run
  for (const CommandSpec& spec : builtin_commands()) {
    const bool allowed =
        spec.min_role ? caller.member != nullptr && role_at_least(caller.member->role, *spec.min_role) : true;
    if (!allowed) {
      if (spec.min_role && (!lowest_role_needed || *spec.min_role < *lowest_role_needed)) {
        lowest_role_needed = spec.min_role;
      }
      continue;
    }
    for (const CommandForm& form : spec.forms) {
      if (!list.empty()) list.append("\n");
      list.append("• ");
      list.append(caller.prefix + " " + std::string(form.usage(locale)), SpanStyle::code);
      list.append(" — ");
      list.append_rich(tr(locale, form.summary));
    }
  }
  m.section(std::move(list));
  if (caller.member != nullptr) {
    const Role role = caller.member->role;
    RichText footer = tr(locale, Msg::help_footer,
                         {{"name", caller.member->name}, {"role", tr_plain(locale, role_message(role))}});
    if (lowest_role_needed) {
      footer.append(" ").append_rich(tr(locale, *lowest_role_needed == Role::manager
                                                    ? Msg::help_more_for_managers
                                                    : Msg::help_more_for_admins));
    }
    m.context(std::move(footer));
  }
  co_return reply;
}

}  // namespace

CommandSpec help_command() {
  return {"help", {"aide", "?"}, std::nullopt, {{"help", "help", Msg::cmd_help}}, run_help, {}, {}};
}

}  // namespace baton
