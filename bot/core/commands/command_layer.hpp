// The one place every command passes through, whatever the platform: it works out who is asking and in
// which language, finds the command, checks the caller may run it, runs it, and turns any failure into a
// clear answer. Adapters render the Reply.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/core/commands/command.hpp"
#include "bot/core/limits/rate_limit.hpp"
#include "bot/core/outbox/outbox_item.hpp"

namespace baton {

class CommandLayer {
 public:
  explicit CommandLayer(Services& services);

  // All three take their argument by value: the coroutine keeps its own copy, whatever the caller does.
  boost::asio::awaitable<Reply> handle(Inbound inbound);
  // A click on a button: the command that owns the action id decides what the clicked message becomes.
  // Unknown actions, and callers who may not use the command, are told so by the clicked message.
  boost::asio::awaitable<ClickReply> click(Click click);
  // A submitted dialog: the command that owns it checks the values and acts on them.
  boost::asio::awaitable<DialogOutcome> submit(DialogSubmission submission);

  // The language `user_id` reads, as far as it is known without asking the store: their own choice once
  // read, else their platform profile's, else the config's. What an adapter says on its own ("Working on
  // it…" for a slow command, perhaps slow because the store is) uses this, as every reply does.
  Locale locale_known(Platform platform, const std::string& user_id) const;

  // What to tell whoever typed `command` when its answer never came (its process died, or it ran far past
  // its platform's deadline): what it was, when, that it may not have been done, and what to do.
  Message interrupted_notice(const PendingCommand& command) const;
  // What to tell whoever sent a message baton could not handle, even after trying again (EventRetries).
  Message given_up_notice(Platform platform, const std::string& user_id) const;

  // The longest text accepted as a command (Slack's own limit for slash command text).
  static constexpr std::size_t kMaxCommandLength = 4000;

 private:
  boost::asio::awaitable<Caller> identify(Platform platform, const std::string& user_id,
                                          const std::string& channel);
  // The refusal for a caller who may not use `spec`, if any.
  std::optional<RichText> refusal(const Caller& caller, const CommandSpec& spec) const;
  boost::asio::awaitable<Reply> run(const Caller& caller, const std::string& text, bool direct);
  const CommandSpec* find(std::string_view word) const;
  // What locale_known() says of a member, and whether their own choice was known (else the store is
  // asked).
  std::pair<Locale, bool> known_locale_of(const Member& member) const;
  // The reply for a caller over rate_limits.commands, if they are.
  std::optional<Reply> over_rate(const Caller& caller);

  Services& services_;
  std::vector<CommandSpec> commands_;
  RateLimiter rate_;
};

}  // namespace baton
