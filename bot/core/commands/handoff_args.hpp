// Reading what follows `handoff <department>` (and `handoff edit H-12`): the title, and the options
// due:<when>, to:@member and prio:low|normal|high, in English or French (pour:, a:, priorite:).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/calendar/business_calendar.hpp"
#include "bot/core/commands/command.hpp"
#include "bot/core/handoffs/cards.hpp"
#include "bot/core/handoffs/desk.hpp"
#include "bot/core/store/handoff_records.hpp"

namespace baton {

struct HandoffArgs {
  std::string text;  // the words that are not options, joined
  std::optional<SysTime> due;
  std::optional<Priority> priority;
  std::optional<std::string> assignee;  // a member key
  std::optional<RichText> error;        // what was wrong, said to the caller
};

// `calendar` gives the end of the working day a due date alone stands for.
HandoffArgs parse_handoff_args(const std::vector<std::string>& words, const Caller& caller, const OrgMap& org,
                               const BusinessCalendar& calendar, SysTime now);

// The caller as a reader of handoff cards and lists: their language, zone and command prefix.
inline Reader reader_for(const Caller& caller) {
  return Reader{caller.locale, caller.zone, caller.prefix};
}

// "@ines", "@Inès", "ines", "Inès Moreau": a member by key or first name; nullptr when nobody.
const Member* member_named(const OrgMap& org, std::string_view typed);

// Opens the handoff `parsed` describes, asked by the caller on behalf of department `from` (empty: none),
// `note` in its history's first line; the answer says when it is due. Shared by `/baton handoff` and the
// stand-up report's blocker button.
boost::asio::awaitable<Reply> open_handoff(Services& services, const Caller& caller,
                                           std::shared_ptr<const Config> config, const Department& to,
                                           std::string from, HandoffArgs parsed, std::string note);

}  // namespace baton
