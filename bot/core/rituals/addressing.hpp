// Where a ritual's messages go: a member's direct messages on the first platform that knows them, and a
// department's channel on every platform this baton serves where it has one.
#pragma once

#include <optional>
#include <vector>

#include "bot/core/org/org_map.hpp"
#include "bot/core/platform/chat_platform.hpp"

namespace baton {

struct Address {
  Platform platform = Platform::console;
  Destination destination;
};

std::optional<Address> member_address(const Member& member, const std::vector<Platform>& platforms);
std::vector<Address> channel_addresses(const Department& department, const std::vector<Platform>& platforms);

}  // namespace baton
