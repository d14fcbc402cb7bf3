// A message waiting in the outbox, or sent, or given up on. Everything baton says outside a direct reply
// to a request is stored as one of these first, then delivered by the outbox worker.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bot/core/clock/clock.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/platform/chat_platform.hpp"

namespace baton {

enum class OutboxState { pending, sent, failed };
std::string_view to_string(OutboxState state);

struct OutboxItem {
  std::int64_t id = 0;  // given by the store
  // What makes this message this message: enqueuing the same key twice stores it once, so whatever
  // produced it may safely try again.
  std::string key;
  Platform platform = Platform::console;
  Destination destination;
  Message message;
  OutboxState state = OutboxState::pending;
  int attempts = 0;
  SysTime created_at{};
  SysTime next_attempt_at{};
  std::string last_error;
  std::optional<SysTime> finished_at;  // when it was sent, or given up on
  std::optional<std::string> platform_message_id;
  // An earlier delivery was cut off without a result (baton died or hung while sending): the message may
  // already be on the platform. Set when its claim is taken over; see ChatPlatform::deliver.
  bool in_doubt = false;

  // Messages in one lane go out one at a time, in the order they were stored.
  std::string lane() const { return std::string(to_string(platform)) + "/" + destination.lane(); }
};

struct OutboxStats {
  std::int64_t pending = 0;
  std::int64_t failed = 0;
  std::optional<SysTime> oldest_pending;  // when the oldest message still waiting was stored
};

// An event received from a platform, kept until it has been handled, so one acknowledged is never lost.
struct InboundEvent {
  std::string source;  // "slack"
  std::string id;      // the platform's event id
  std::string payload;
  SysTime received_at{};
};

// An address a platform gave for writing later: Teams' conversation reference (a conversation id at a
// service URL, in a tenant).
struct ConversationRef {
  Platform platform = Platform::teams;
  std::string key;  // "member:<member key>" or "channel:<channel id>"
  std::string conversation_id;
  std::string service_url;
  std::string tenant_id;
  std::string user_id;  // the platform's id for the person, for a member's conversation
  SysTime updated_at{};
};

}  // namespace baton
