// What commands and services work with: the organisation, the store, the clock, the log, and facts
// about this running baton. Passed by reference; it outlives everything that uses it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bot/core/clock/clock.hpp"
#include "bot/core/log/log.hpp"
#include "bot/core/org/language_choices.hpp"
#include "bot/core/org/org_map.hpp"
#include "bot/core/org/profiles.hpp"
#include "bot/core/store/store_executor.hpp"

namespace baton {

struct RuntimeInfo {
  std::string version;
  SysTime started_at;
  std::vector<Platform> platforms;  // the ones this baton serves
};

class LiveConfig;
struct Config;

struct Services {
  const OrgMap& org;
  const Profiles& profiles;
  StoreExecutor& store;
  const Clock& clock;
  Log log;
  RuntimeInfo runtime;
  // The config as reloaded, for rituals and calendars; null in tests that need only the organisation.
  const LiveConfig* config = nullptr;
  // Wakes the outbox after messages were stored with a ritual occurrence rather than through it.
  std::function<void()> wake_outbox{};
  // Wakes the SLA watch after a handoff changed, so its new timers are not slept past.
  std::function<void()> wake_handoffs{};
  // Wakes the alert watch after KPI values or silences changed.
  std::function<void()> wake_alerts{};
  // Members' language choices in memory, when this process alone writes the store; null: read the store.
  LanguageChoices* languages = nullptr;

  // A snapshot of the current config, or null without one.
  std::shared_ptr<const Config> current_config() const;
};

}  // namespace baton
