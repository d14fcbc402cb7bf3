// The built-in commands, one file each.
#pragma once

#include "bot/core/commands/command.hpp"

namespace baton {

CommandSpec help_command();
CommandSpec whoami_command();
CommandSpec team_command();
CommandSpec language_command();
CommandSpec status_command();
CommandSpec standup_command();
CommandSpec rituals_command();
CommandSpec ritual_command();
CommandSpec off_command();
CommandSpec retro_command();
CommandSpec handoff_command();
CommandSpec handoffs_command();
CommandSpec workflow_command();
CommandSpec kpi_command();
CommandSpec silence_command();
CommandSpec silences_command();

// While a member has a stand-up open, what they write to baton directly answers its next question;
// nullopt when they have none open.
boost::asio::awaitable<std::optional<Reply>> standup_conversation(Services& services, const Caller& caller,
                                                                  const std::string& text);

}  // namespace baton
