// The one place every command passes through, whatever the platform: it works out who is asking and in
// which language, finds the command, checks the caller may run it, runs it, and turns any failure into a
// clear answer. Adapters render the Reply.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/core/commands/command.hpp"
#include "bot/core/limits/rate_limit.hpp"

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

  // The longest text accepted as a command (Slack's own limit for slash command text).
  static constexpr std::size_t kMaxCommandLength = 4000;

 private:
  boost::asio::awaitable<Caller> identify(Platform platform, const std::string& user_id,
                                          const std::string& channel);
  // The refusal for a caller who may not use `spec`, if any.
  std::optional<RichText> refusal(const Caller& caller, const CommandSpec& spec) const;
  boost::asio::awaitable<Reply> run(const Caller& caller, const std::string& text, bool direct);
  const CommandSpec* find(std::string_view word) const;
  // The reply for a caller over rate_limits.commands, if they are.
  std::optional<Reply> over_rate(const Caller& caller);

  Services& services_;
  std::vector<CommandSpec> commands_;
  RateLimiter rate_;
};

}  // namespace baton
