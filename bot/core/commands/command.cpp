#include "bot/core/commands/command.hpp"

#include "bot/core/commands/builtin.hpp"
#include "bot/core/text/utf8.hpp"

namespace baton {

std::vector<CommandSpec> builtin_commands() {
  return {help_command(),    whoami_command(),   team_command(),     language_command(),
          handoff_command(), handoffs_command(), workflow_command(), standup_command(),
          rituals_command(), off_command(),      retro_command(),    ritual_command(),
          kpi_command(),     silence_command(),  silences_command(), status_command()};
}

Msg role_message(Role role) {
  switch (role) {
    case Role::staff:
      return Msg::role_staff;
    case Role::manager:
      return Msg::role_manager;
    case Role::admin:
      return Msg::role_admin;
  }
  return Msg::role_staff;
}

Reply error_reply(RichText text) {
  Reply reply;
  reply.message.section(std::move(text));
  reply.visibility = Visibility::ephemeral;
  return reply;
}

Message aside_message(RichText text, Locale locale) {
  Message m;
  m.locale = locale;
  m.section(std::move(text));
  return m;
}

std::string people_who_can(const OrgMap& org, Role role, Locale locale) {
  std::vector<std::string> names;
  for (const Member& m : org.members()) {
    if (role_at_least(m.role, role)) names.push_back(m.name);
  }
  if (names.empty()) return tr_plain(locale, Msg::no_admin_named);
  return join_list(locale, names);
}

std::optional<RichText> over_length(Locale locale, Msg message, std::string_view text, std::size_t limit) {
  const std::size_t length = count_characters(text);
  if (length <= limit) return std::nullopt;
  return tr(locale, message, {{"length", std::to_string(length)}, {"limit", std::to_string(limit)}});
}

std::optional<Reply> refuse_arguments(const Caller& caller, std::string_view command,
                                      const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  std::string extra;
  for (const std::string& arg : args)
    extra += (extra.empty() ? "" : " ") + arg;
  return error_reply(tr(caller.locale, Msg::takes_no_arguments,
                        {{"command", caller.prefix + " " + std::string(command)}, {"extra", extra}}));
}

}  // namespace baton
