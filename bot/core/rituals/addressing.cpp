#include "bot/core/rituals/addressing.hpp"

namespace baton {

std::optional<Address> member_address(const Member& member, const std::vector<Platform>& platforms) {
  for (const Platform platform : platforms) {
    const auto id = member.ids.find(platform);
    if (platform != Platform::console && id == member.ids.end()) continue;
    Address out;
    out.platform = platform;
    out.destination.kind = Destination::Kind::member;
    out.destination.member = member.key;
    out.destination.user_id = platform == Platform::console ? member.key : id->second;
    return out;
  }
  return std::nullopt;
}

std::vector<Address> channel_addresses(const Department& department, const std::vector<Platform>& platforms) {
  std::vector<Address> out;
  for (const Platform platform : platforms) {
    const auto channel = department.channels.find(platform);
    if (channel == department.channels.end()) continue;
    Address address;
    address.platform = platform;
    address.destination.kind = Destination::Kind::channel;
    address.destination.channel = channel->second;
    out.push_back(std::move(address));
  }
  return out;
}

}  // namespace baton
