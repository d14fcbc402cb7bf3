#include "bot/core/platform/chat_platform.hpp"

#include <array>
#include <utility>

namespace baton {
namespace {

constexpr std::array<std::pair<Destination::Kind, std::string_view>, 5> kKinds{{
    {Destination::Kind::channel, "channel"},
    {Destination::Kind::member, "member"},
    {Destination::Kind::member_in_channel, "member_in_channel"},
    {Destination::Kind::update, "update"},
    {Destination::Kind::response, "response"},
}};

}  // namespace

std::string_view to_string(Destination::Kind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "channel";
}

std::optional<Destination::Kind> parse_destination_kind(std::string_view text) {
  for (const auto& [k, name] : kKinds) {
    if (name == text) return k;
  }
  return std::nullopt;
}

std::string Destination::lane() const {
  switch (kind) {
    case Kind::update:
      // A direct message is updated in its person's lane, after it.
      return channel.empty() && !member.empty() ? "member:" + member : "channel:" + channel;
    case Kind::channel:
      return "channel:" + channel;
    case Kind::member:
      return "member:" + member;
    case Kind::member_in_channel:
      return "channel:" + channel + ":" + member;
    case Kind::response:
      // One answer address is used for one conversation with one person.
      return "response:" + response_url;
  }
  return "channel:" + channel;
}

}  // namespace baton
