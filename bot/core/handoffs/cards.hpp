// What handoffs look like in chat: the card posted to the target department (its buttons follow its
// state), the notices sent to the people concerned, the details with the history, one line in a list.
// Pure builders: everything they need is passed in.
#pragma once

#include <string>
#include <vector>

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/store/handoff_records.hpp"

namespace baton {

// Who reads it: in which language, in which time zone times are shown, how commands are typed.
struct Reader {
  Locale locale = Locale::en;
  const date::time_zone* zone = nullptr;
  std::string prefix = "/baton";
};

// "Fri 27 Nov 17:00" in the reader's zone; the year when it is not the current one.
std::string when_text(SysTime at, const Reader& reader);
// "Inès Moreau", or the key when the member is not in the map any more.
std::string member_name(const OrgMap& org, const std::string& key);
std::string department_name(const OrgMap& org, const std::string& key, Locale locale);
// "Open", "Accepted by Inès Moreau", "Rejected by Karim Benali: no stock left".
RichText state_text(const Handoff& handoff, const OrgMap& org, Locale locale);

Message handoff_card(const Handoff& handoff, const OrgMap& org, const Reader& reader);
// A short direct message about the handoff: `id` says what happened; {label}, {title}, {who}, {note},
// {department} and {due} are filled in.
Message handoff_notice(Msg id, const Handoff& handoff, const OrgMap& org, const Reader& reader,
                       const std::string& who = {}, const std::string& note = {});
// Everything about it, with the audit trail.
Message handoff_details(const Handoff& handoff, const std::vector<HandoffEvent>& events, const OrgMap& org,
                        const Reader& reader);
// "H-12 Restock SKU-123 · Marketing → Logistics · due Fri 27 Nov 18:00 · Accepted by Inès", overdue marked.
RichText handoff_line(const Handoff& handoff, const OrgMap& org, const Reader& reader, SysTime now);

}  // namespace baton
