// The organisation map: departments, their referents and members, and who may do what.
// Built once from config; every service reads people and departments from here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "bot/core/i18n/locale.hpp"
#include "bot/core/platform/platform.hpp"

namespace baton {

enum class Role { staff, manager, admin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
// Admins can do everything managers can, managers everything staff can.
constexpr bool role_at_least(Role actual, Role needed) {
  return static_cast<int>(actual) >= static_cast<int>(needed);
}

// A text written once per language in config; a missing language falls back to the other one.
struct LocalizedText {
  std::string en;
  std::string fr;
  const std::string& in(Locale locale) const;
};

// Hours in which baton sends a member nothing (what is due waits for their end); may span midnight.
struct QuietHours {
  std::uint16_t start = 0;  // minutes after midnight, local time
  std::uint16_t end = 0;
  bool contains(unsigned minute_of_day) const {
    return start < end ? (minute_of_day >= start && minute_of_day < end)
                       : (minute_of_day >= start || minute_of_day < end);
  }
};

struct Member {
  std::string key;
  std::string name;
  LocalizedText title;
  Role role = Role::staff;
  const date::time_zone* zone = nullptr;
  Locale locale = Locale::en;
  // Given by the config (the member's own time zone; their own language or the company's), so a chat
  // profile does not override them.
  bool zone_from_config = false;
  bool locale_from_config = false;
  std::map<Platform, std::string> ids;  // the console id is always the key
  std::optional<QuietHours> quiet_hours;
  std::string calendar;  // a business calendar of their own (holidays where they live); empty: their team's
};

// A channel known to baton only through a webhook that posts there (a Teams Workflows webhook) has no
// id of its own: it is named after its department, and has no id to show.
std::string department_channel(std::string_view department_key);
bool is_department_channel(std::string_view channel);

struct Department {
  std::string key;
  LocalizedText name;
  std::string referent;              // a member key
  std::vector<std::string> members;  // member keys, referent included
  std::vector<LocalizedText> responsibilities;
  std::map<Platform, std::string> channels;
  std::string calendar;  // the key of its business calendar
};

class OrgMap {
 public:
  OrgMap() = default;
  OrgMap(std::string company, std::vector<Member> members, std::vector<Department> departments);

  const std::string& company() const { return company_; }
  const std::vector<Member>& members() const { return members_; }
  const std::vector<Department>& departments() const { return departments_; }

  const Member* member(std::string_view key) const;
  const Member* member_on(Platform platform, std::string_view platform_user_id) const;
  // By key, or by name in either language, ignoring case: people type "Logistique" as often as "logistics".
  const Department* department(std::string_view key_or_name) const;
  std::vector<const Department*> departments_of(std::string_view member_key) const;

 private:
  std::string company_;
  std::vector<Member> members_;
  std::vector<Department> departments_;
  // Positions in members_, so that looking someone up stays cheap with thousands of members.
  std::map<std::string, std::size_t, std::less<>> by_key_;
  std::map<std::pair<Platform, std::string>, std::size_t> by_platform_id_;
  // Positions in departments_, so that a command naming a department, or asking its caller's, does not
  // scan two hundred of them. Flat arrays rather than maps: they are built while the config's YAML tree
  // is alive, and thousands of small allocations among its nodes would keep its pages once it is freed.
  // By key and names as fold() leaves them, sorted; the first department to have one keeps it.
  std::vector<std::pair<std::string, std::size_t>> department_by_folded_;
  // Each member's departments, in config order: members_[i]'s are
  // member_departments_[member_departments_start_[i]] up to the one at member_departments_start_[i + 1].
  std::vector<std::size_t> member_departments_start_;
  std::vector<std::size_t> member_departments_;
};

}  // namespace baton
