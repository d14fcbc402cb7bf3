#include "bot/core/org/unreachable_notice.hpp"

#include <algorithm>

#include "bot/core/i18n/catalog.hpp"

namespace baton {
namespace {

// Where to reach `who`: a platform other than the one that failed, when they have one.
std::optional<Platform> reachable_on(const Member& who, const std::vector<Platform>& platforms,
                                     Platform failing) {
  std::optional<Platform> fallback;
  for (Platform p : platforms) {
    const bool has_id = p == Platform::console || who.ids.count(p) != 0;
    if (!has_id) continue;
    if (p != failing) return p;
    fallback = p;
  }
  return fallback;
}

}  // namespace

std::vector<OutboxItem> unreachable_notices(const OrgMap& org, const Profiles& profiles,
                                            const std::vector<Platform>& platforms, const OutboxItem& failed,
                                            const std::string& reason) {
  std::vector<OutboxItem> notices;
  const Member* member = org.member(failed.destination.member);
  if (member == nullptr) return notices;

  std::vector<std::string> told;
  for (const Department* d : org.departments_of(member->key)) {
    if (d->referent != member->key) told.push_back(d->referent);
  }
  if (told.empty()) {  // no department, or they are its referent: the admins
    for (const Member& m : org.members()) {
      if (m.role == Role::admin && m.key != member->key) told.push_back(m.key);
    }
  }
  std::sort(told.begin(), told.end());
  told.erase(std::unique(told.begin(), told.end()), told.end());

  for (const std::string& key : told) {
    const Member* referent = org.member(key);
    if (referent == nullptr) continue;
    const auto platform = reachable_on(*referent, platforms, failed.platform);
    if (!platform) continue;
    const Locale locale = profiles.locale_of(*referent);
    OutboxItem item;
    item.key = "unreachable:" + std::string(to_string(failed.platform)) + ":" + member->key + ":" +
               std::to_string(failed.id) + ":" + key;
    item.platform = *platform;
    item.destination.kind = Destination::Kind::member;
    item.destination.member = key;
    item.destination.user_id = *platform == Platform::console ? key : referent->ids.at(*platform);
    item.message.locale = locale;
    item.message.section(tr(locale, Msg::member_unreachable,
                            {{"name", member->name},
                             {"platform", std::string(display_name(failed.platform))},
                             {"reason", reason}}));
    notices.push_back(std::move(item));
  }
  return notices;
}

}  // namespace baton
