// A message waiting in the outbox, or sent, or given up on. Everything baton says outside a direct reply
// to a request is stored as one of these first, then delivered by the outbox worker.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  int retries = 0;  // handled again this many times after its first handling failed (set by a claim)
};

// How often an event whose handling fails is handled again: `retries` times, each a claim, the n-th
// claim holding it `base` × (2^(n-1) - 1) longer than the one before (so with a 30 s base, at about 30 s,
// 1 min, 2 min, 4 min and 8 min); then it is given up.
struct EventRetries {
  std::chrono::milliseconds base{30'000};
  int retries = 5;
};

// Events claimed for handling again, and those given up instead (tried every time allowed).
struct UnhandledEvents {
  std::vector<InboundEvent> to_retry;
  std::vector<InboundEvent> given_up;
};

// One pass of the retry worker (app's EventRetry) over what an adapter left undone: the events received
// by `events_by` and still unhandled, and the commands received by `commands_by` and still unanswered.
struct RetryPass {
  SysTime events_by{};
  SysTime commands_by{};
  EventRetries retries;
};

// A command answered "Working on it…" (slower than the platform's deadline), kept until its answer is
// in the outbox: if baton dies before then, whoever typed it is told, rather than left waiting.
struct PendingCommand {
  std::string key;  // the key its answer is enqueued under
  Platform platform = Platform::console;
  std::string user_id;   // on the platform
  std::string member;    // their key in the map, or "" for someone not in it
  std::string channel;   // where it was typed
  std::string text;      // what was typed after the command prefix
  std::string reply_to;  // where its answer was to go (a Slack response_url), or ""
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
