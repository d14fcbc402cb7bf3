// The console as a chat platform: every message baton sends, to any channel or member, is printed with
// a line naming where it would have gone. The embedded default, for trying baton and for tests.
#pragma once

#include <cstdint>
#include <mutex>
#include <ostream>

#include "bot/core/platform/chat_platform.hpp"
#include "integrations/console/console_render.hpp"

namespace baton::console {

class ConsolePlatform final : public ChatPlatform {
 public:
  ConsolePlatform(std::ostream& out, RenderOptions options) : out_(out), options_(std::move(options)) {}

  Platform platform() const override { return Platform::console; }
  boost::asio::awaitable<DeliveryResult> deliver(const Destination& to, const Message& message,
                                                 const DeliveryAttempt& attempt) override;

  // The line above each message: "baton → #marketing", "baton → @camille (direct message)".
  static std::string destination_line(const Destination& to);

  // Prints a line of the console itself (its banner, its own errors), not a message from baton.
  void print_note(std::string_view text, bool newline = true);

 private:
  std::ostream& out_;
  RenderOptions options_;
  std::mutex mutex_;
  // Each message printed gets a number, its id for a later update ("replaces message 3").
  std::uint64_t printed_ = 0;
};

}  // namespace baton::console
