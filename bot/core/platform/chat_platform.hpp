// The ChatPlatform port: how core hands a message to a platform without knowing which one it is.
// Each adapter in integrations/ implements it (render, send, pace); core only chooses the destination.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/platform/platform.hpp"

namespace baton {

struct Destination {
  enum class Kind {
    channel,            // everyone in a channel
    member,             // a direct message to one person
    member_in_channel,  // seen only by one person, in a channel (Slack's ephemeral messages)
    update,             // replaces a message posted earlier (its buttons, once someone has acted)
    response,           // answers through the address the platform gave with a request (Slack's response_url)
  };
  Kind kind = Kind::channel;
  std::string channel;            // the platform's channel id; for member_in_channel and update, where it is
  std::string member;             // the member key, for member and member_in_channel
  std::string user_id;            // the platform's id for that member
  std::string message_id;         // update: the platform's id of the message to replace (Slack: its ts)
  std::string response_url;       // response: where to answer; it carries a credential, so it is never logged
  bool replace_original = false;  // response: replace the message that was clicked instead of adding one
  // update: the outbox key of the message to replace, when its platform id is not known yet (it is
  // looked up once that message has been sent; the two share a lane, so it is sent first).
  std::string original_key{};

  // Messages to one lane are delivered in order, one at a time: the same channel, or the same person.
  std::string lane() const;
};

std::string_view to_string(Destination::Kind kind);
std::optional<Destination::Kind> parse_destination_kind(std::string_view text);

struct DeliveryResult {
  bool delivered = false;
  // Worth trying again later (a timeout, a 5xx, a rate limit), as opposed to a refusal that will not change.
  bool retryable = false;
  std::optional<std::chrono::milliseconds> retry_after;  // the platform said when (HTTP 429 Retry-After)
  std::string error;
  std::optional<std::string> message_id;  // the platform's id of what was posted, to update it later
  // The person cannot be reached on this platform (they blocked baton, or never installed it): failed,
  // recorded, and their referent told once.
  bool unreachable = false;
  // Delivered earlier: a message in doubt that the platform found already there, and did not send again.
  bool already_there = false;
};

// How fast one lane may receive messages: a burst, then one every `interval`. Zero means no pacing.
struct Pacing {
  std::chrono::milliseconds interval{0};
  int burst = 1;
};

// What the outbox knows of a delivery besides the message and where it goes.
struct DeliveryAttempt {
  // The outbox key: a platform whose messages can carry data marks each with it, to find it again.
  std::string key;
  // An earlier attempt ended without a result (baton died or hung while sending): the message may already
  // be there. A platform that can look (Slack: the channel's history) answers "delivered" rather than
  // post it twice; one that cannot sends it again.
  bool in_doubt = false;
  SysTime stored_at{};  // the message cannot have been posted before it was stored
};

class ChatPlatform {
 public:
  virtual ~ChatPlatform() = default;
  virtual Platform platform() const = 0;
  // How fast messages may go to this destination's lane.
  virtual Pacing pacing(const Destination& /*to*/) const { return {}; }
  virtual boost::asio::awaitable<DeliveryResult> deliver(const Destination& to, const Message& message,
                                                         const DeliveryAttempt& attempt) = 0;
};

}  // namespace baton
