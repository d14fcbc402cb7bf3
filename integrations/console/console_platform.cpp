#include "integrations/console/console_platform.hpp"

namespace baton::console {

std::string ConsolePlatform::destination_line(const Destination& to) {
  switch (to.kind) {
    case Destination::Kind::channel:
      return "baton → " + escape(to.channel);
    case Destination::Kind::member:
      return "baton → @" + escape(to.member) + " (direct message)";
    case Destination::Kind::member_in_channel:
      return "baton → " + escape(to.channel) + " (only @" + escape(to.member) + " sees this)";
    case Destination::Kind::update:
      if (!to.message_id.empty())
        return "baton → " + escape(to.channel) + " (replaces message " + escape(to.message_id) + ")";
      return "baton → " + escape(to.channel) + " (in place of the message clicked)";
    case Destination::Kind::response:
      return "baton → the conversation it answers";
  }
  return "baton →";
}

boost::asio::awaitable<DeliveryResult> ConsolePlatform::deliver(const Destination& to, const Message& message,
                                                                const DeliveryAttempt& /*attempt*/) {
  const std::string text = destination_line(to) + "\n" + render(message, options_) + "\n";
  DeliveryResult result;
  {
    const std::lock_guard lock(mutex_);
    out_ << text << std::flush;
    result.delivered = out_.good();
    if (to.kind != Destination::Kind::update) result.message_id = std::to_string(++printed_);
  }
  if (!result.delivered) result.error = "standard output is closed";
  co_return result;
}

void ConsolePlatform::print_note(std::string_view text, bool newline) {
  const std::lock_guard lock(mutex_);
  out_ << escape(text) << (newline ? "\n" : "") << std::flush;
}

}  // namespace baton::console
