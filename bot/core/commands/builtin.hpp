// The built-in commands, one file each.
#pragma once

#include "bot/core/commands/command.hpp"

namespace baton {

CommandSpec help_command();
CommandSpec whoami_command();
CommandSpec team_command();
CommandSpec language_command();
CommandSpec status_command();

}  // namespace baton
