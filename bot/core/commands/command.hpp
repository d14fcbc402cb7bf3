// The command layer's vocabulary: who is asking, what they typed, and the table of commands.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/services.hpp"

namespace baton {

// What arrives from a chat platform, already verified and parsed by its adapter.
struct Inbound {
  Platform platform = Platform::console;
  std::string user_id;  // the platform's id for the person (the member key on the console)
  std::string channel;  // where it was typed; empty for a direct message
  std::string text;     // what follows "/baton" (or the @mention), or the whole direct message
  bool direct = false;  // a direct message to baton rather than a command
};

// A click on a button baton posted, as the platform reported it.
struct Click {
  Platform platform = Platform::console;
  std::string user_id;
  std::string channel;
  std::string action_id;  // "team.show": the command that made the button, then what it does
  std::string value;      // what it applies to: "logistics", "H-12"
};

// What a click does. The clicked message becomes `replacement` (nullopt leaves it). A `dialog` opens for
// the clicker where the platform can show one (a Slack modal); elsewhere it comes as a form on `aside`,
// sent to the clicker alone. `aside` alone is said to the clicker alone, and must make sense without the
// form (the console shows no forms: it says what to type instead).
struct ClickReply {
  std::optional<Message> replacement;
  std::optional<Dialog> dialog;
  std::optional<Message> aside;
};

// A dialog filled in and submitted.
struct DialogSubmission {
  Platform platform = Platform::console;
  std::string user_id;
  std::string dialog_id;
  std::map<std::string, std::string> values;  // field id -> what was chosen or typed
  std::string context;                        // as the dialog carried it
};

// What becomes of a submission: errors by field (the dialog stays open to correct them), or accepted,
// with a message to confirm it.
struct DialogOutcome {
  std::map<std::string, std::string> errors;
  std::optional<Message> confirmation;
};

struct Caller {
  const Member* member = nullptr;  // null when the person is not in the organisation map
  Platform platform = Platform::console;
  std::string user_id;
  std::string channel;
  Locale locale = Locale::en;
  const date::time_zone* zone = nullptr;  // the member's, read with their language
  std::string prefix;                     // how commands are typed on this platform: "/baton" or "@baton"
};

struct CommandForm {
  std::string_view usage_en;  // "team <department>"
  std::string_view usage_fr;  // "team <service>"
  Msg summary;
  std::string_view usage(Locale locale) const { return locale == Locale::fr ? usage_fr : usage_en; }
};

struct CommandSpec {
  std::string name;
  std::vector<std::string> aliases;  // other words for it, French ones included ("aide", "equipe")
  std::optional<Role> min_role;      // nullopt: open to people not in the map too
  std::vector<CommandForm> forms;
  std::function<boost::asio::awaitable<Reply>(Services&, const Caller&, const std::vector<std::string>&)> run;
  // Buttons whose action id starts with "<name>." come back here. A replacement takes the place of the
  // message clicked (so its buttons cannot be clicked twice).
  std::function<boost::asio::awaitable<ClickReply>(Services&, const Caller&, Click)> on_click;
  // Dialogs whose id starts with "<name>." come back here when submitted.
  std::function<boost::asio::awaitable<DialogOutcome>(Services&, const Caller&, const DialogSubmission&)>
      on_submit;
};

// The commands baton knows, in the order `help` lists them.
std::vector<CommandSpec> builtin_commands();

// Shared pieces of replies.
Msg role_message(Role role);
Reply error_reply(RichText text);
// A click's aside (ClickReply::aside): one paragraph in the clicker's language.
Message aside_message(RichText text, Locale locale);
// The names of everyone with at least `role`, "a, b and c": whom to ask for what the caller may not do.
std::string people_who_can(const OrgMap& org, Role role, Locale locale);
// `message`, saying {length} and {limit}, when `text` holds more than `limit` characters (counted as
// characters, not bytes: "é" is one).
std::optional<RichText> over_length(Locale locale, Msg message, std::string_view text, std::size_t limit);
// `/baton whoami` takes nothing after it: say so rather than ignore what was typed.
std::optional<Reply> refuse_arguments(const Caller& caller, std::string_view command,
                                      const std::vector<std::string>& args);

}  // namespace baton
