// The ChatPlatform port: how core hands a message to a platform without knowing which one it is.
// Each adapter in integrations/ implements it (render, send, pace); core only chooses the destination.
#pragma once

#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "bot/core/message/message.hpp"
#include "bot/core/platform/platform.hpp"

namespace baton {

struct Destination {
  enum class Kind {
    channel,            // everyone in a channel
    member,             // a direct message to one person
    member_in_channel,  // seen only by one person, in a channel (Slack's ephemeral messages)
  };
  Kind kind = Kind::channel;
  std::string channel;  // the platform's channel id; for member_in_channel, where it shows
  std::string member;   // the member key, for member and member_in_channel
  std::string user_id;  // the platform's id for that member
};

struct DeliveryResult {
  bool delivered = false;
  // Worth trying again later (a timeout, a 5xx, a rate limit), as opposed to a refusal that will not change.
  bool retryable = false;
  std::string error;
  std::optional<std::string> message_id;  // the platform's id of what was posted, to update it later
};

class ChatPlatform {
 public:
  virtual ~ChatPlatform() = default;
  virtual Platform platform() const = 0;
  virtual boost::asio::awaitable<DeliveryResult> deliver(const Destination& to, const Message& message) = 0;
};

}  // namespace baton
