// The alert desk: evaluates rules on the KPI series, moves each rule's alert through its states
// (inactive, pending, firing, resolved) and says so to the departments the rule routes to, following
// Alertmanager's stages: group the alerts of one department into one message, mute what is silenced,
// wait for working hours where the rule asks, repeat what still fires every repeat interval (not while
// the handoff it opened is open), and update the message in place when an alert resolves. One run is one
// store transaction: states, their changes, the messages and any handoff move together or not at all.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bot/core/config/config.hpp"
#include "bot/core/kpis/kpi_data.hpp"
#include "bot/core/org/profiles.hpp"
#include "bot/core/store/store.hpp"

namespace baton {

struct AlertRound {
  int evaluated = 0;
  int changes = 0;   // alerts whose state changed
  int messages = 0;  // queued in the outbox
  int handoffs = 0;  // opened
  // When something falls due with no new data: a repeat, a silence ending, working hours opening.
  std::optional<SysTime> next;
};

class AlertDesk {
 public:
  AlertDesk(const OrgMap& org, const Profiles& profiles, std::shared_ptr<const Config> config,
            std::vector<Platform> platforms, SysTime now);

  // Evaluates the rules named in `evaluate` as of today in their department's time zone, then sends
  // whatever is due for every alert (new, repeated, released by a silence or by working hours).
  AlertRound run(Store& store, const KpiData& data, const std::set<std::string>& evaluate) const;

  // The day a rule is evaluated for: today where its KPI's department works.
  date::sys_days today(const KpiRule& rule) const;

 private:
  const OrgMap& org_;
  const Profiles& profiles_;
  std::shared_ptr<const Config> config_;
  std::vector<Platform> platforms_;
  SysTime now_;
};

}  // namespace baton
