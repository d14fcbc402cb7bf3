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
  for (std::size_t i = 0; i < departments_.size(); ++i) {
    const Department& d = departments_[i];
    for (const std::string* text : {&d.key, &d.name.en, &d.name.fr}) {
      if (!text->empty()) department_by_folded_.emplace(fold(*text), i);
    }
    for (const std::string& member : d.members) {
      std::vector<std::size_t>& of = departments_by_member_[member];
      if (of.empty() || of.back() != i) of.push_back(i);
    }
  }
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
  const auto it = department_by_folded_.find(fold(key_or_name));
  return it == department_by_folded_.end() ? nullptr : &departments_[it->second];
}

std::vector<const Department*> OrgMap::departments_of(std::string_view member_key) const {
  std::vector<const Department*> out;
  if (const auto it = departments_by_member_.find(member_key); it != departments_by_member_.end()) {
    for (const std::size_t i : it->second)
      out.push_back(&departments_[i]);
  }
  return out;
}

}  // namespace baton
