// A blocker in a stand-up report turned into a handoff: the button's click and the dialog it opens.
#pragma once

#include "bot/core/commands/command.hpp"

namespace baton {

// "standup.handoff" clicked: a dialog to the clicker (department, title, due), or why there is none.
boost::asio::awaitable<ClickReply> click_blocker(Services& services, const Caller& caller, Click click);
// Its dialog submitted: the handoff opened, or what to correct.
boost::asio::awaitable<DialogOutcome> submit_blocker(Services& services, const Caller& caller,
                                                     DialogSubmission submission);

}  // namespace baton
