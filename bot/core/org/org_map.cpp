// Lookups over the organisation map; the map is small (people, not rows), so linear scans are fine.
#include "bot/core/org/org_map.hpp"

#include <algorithm>

#include "bot/core/text/fold.hpp"

namespace baton {

namespace {
constexpr std::string_view kDepartmentChannel = "department:";
}  // namespace

std::string department_channel(std::string_view department_key) {
  return std::string(kDepartmentChannel) + std::string(department_key);
}

bool is_department_channel(std::string_view channel) {
  return channel.starts_with(kDepartmentChannel);
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::staff:
      return "staff";
    case Role::manager:
      return "manager";
    case Role::admin:
      return "admin";
  }
  return "staff";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "staff") return Role::staff;
  if (text == "manager") return Role::manager;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

const std::string& LocalizedText::in(Locale locale) const {
  if (locale == Locale::fr) return fr.empty() ? en : fr;
  return en.empty() ? fr : en;
}

OrgMap::OrgMap(std::string company, std::vector<Member> members, std::vector<Department> departments)
    : company_(std::move(company)), members_(std::move(members)), departments_(std::move(departments)) {
  for (std::size_t i = 0; i < members_.size(); ++i) {
    by_key_.emplace(members_[i].key, i);
    for (const auto& [platform, id] : members_[i].ids)
      by_platform_id_.emplace(std::pair{platform, id}, i);
  }
  std::vector<std::pair<std::size_t, std::size_t>> memberships;  // (member, department)
  for (std::size_t i = 0; i < departments_.size(); ++i) {
    const Department& d = departments_[i];
    for (const std::string* text : {&d.key, &d.name.en, &d.name.fr}) {
      if (!text->empty()) department_by_folded_.emplace_back(fold(*text), i);
    }
    for (const std::string& key : d.members) {
      if (const auto it = by_key_.find(key); it != by_key_.end()) memberships.emplace_back(it->second, i);
    }
  }
  // Stable: of a name two departments share, the first in config order stays first, and is kept.
  std::stable_sort(department_by_folded_.begin(), department_by_folded_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  department_by_folded_.erase(std::unique(department_by_folded_.begin(), department_by_folded_.end(),
                                          [](const auto& a, const auto& b) { return a.first == b.first; }),
                              department_by_folded_.end());
  department_by_folded_.shrink_to_fit();

  std::sort(memberships.begin(), memberships.end());
  memberships.erase(std::unique(memberships.begin(), memberships.end()), memberships.end());
  member_departments_start_.assign(members_.size() + 1, 0);
  member_departments_.reserve(memberships.size());
  for (const auto& [member, department] : memberships) {
    ++member_departments_start_[member + 1];
    member_departments_.push_back(department);
  }
  for (std::size_t i = 1; i < member_departments_start_.size(); ++i)
    member_departments_start_[i] += member_departments_start_[i - 1];
}

const Member* OrgMap::member(std::string_view key) const {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &members_[it->second];
}

const Member* OrgMap::member_on(Platform platform, std::string_view platform_user_id) const {
  if (platform == Platform::console) return member(platform_user_id);
  const auto it = by_platform_id_.find(std::pair{platform, std::string(platform_user_id)});
  return it == by_platform_id_.end() ? nullptr : &members_[it->second];
}

const Department* OrgMap::department(std::string_view key_or_name) const {
  const std::string wanted = fold(key_or_name);
  const auto it =
      std::lower_bound(department_by_folded_.begin(), department_by_folded_.end(), wanted,
                       [](const auto& entry, const std::string& text) { return entry.first < text; });
  return it == department_by_folded_.end() || it->first != wanted ? nullptr : &departments_[it->second];
}

std::vector<const Department*> OrgMap::departments_of(std::string_view member_key) const {
  std::vector<const Department*> out;
  const auto it = by_key_.find(member_key);
  if (it == by_key_.end()) return out;
  for (std::size_t i = member_departments_start_[it->second]; i < member_departments_start_[it->second + 1];
       ++i) {
    out.push_back(&departments_[member_departments_[i]]);
  }
  return out;
}

}  // namespace baton
