// When a person cannot be reached on their platform (they blocked baton on Teams, or never installed
// it), messages to them fail; someone who can act must hear of it. Their department's referent is told,
// once, on a platform where baton can reach the referent (an admin when the person is the referent).
#pragma once

#include <string>
#include <vector>

#include "bot/core/org/org_map.hpp"
#include "bot/core/org/profiles.hpp"
#include "bot/core/outbox/outbox_item.hpp"

namespace baton {

// The notices to send about `failed` (a message to a member that could not be delivered, and why).
// `platforms` are those this baton can send through. Each has a key derived from the failed message,
// so handling the same failure twice stores them once.
std::vector<OutboxItem> unreachable_notices(const OrgMap& org, const Profiles& profiles,
                                            const std::vector<Platform>& platforms, const OutboxItem& failed,
                                            const std::string& reason);

}  // namespace baton
