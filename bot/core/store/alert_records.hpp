// What the store keeps of alerts: each rule's alert state, every change of it (with a key, so none is
// recorded twice), the messages that announced them, and silences.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/clock/clock.hpp"
#include "bot/core/outbox/outbox_item.hpp"
#include "bot/core/store/handoff_records.hpp"

namespace baton {

struct AlertRecord {
  std::string rule;
  std::string state = "inactive";  // inactive, pending, firing, resolved
  std::optional<SysTime> active_since;
  std::optional<SysTime> fired_at;
  std::optional<double> value;          // at the last evaluation
  std::optional<SysTime> notified_at;   // the last firing notice (first or repeated)
  bool notice_due = false;              // a notice waits: working hours, a silence, a held repeat
  std::optional<std::int64_t> handoff;  // opened when it fired, for rules with open_handoff
  SysTime evaluated_at;
};

// A change of state, keyed "<rule>/<fired or active since>/<state>": stored once.
struct AlertEvent {
  std::string key;
  std::string rule;
  std::string state;
  std::optional<double> value;
  SysTime at;
};

// A message that announced alerts to a department: updated in place when one of them is resolved.
struct AlertNotice {
  std::string outbox_key;
  std::string department;
  Platform platform = Platform::console;
  Destination destination;
  std::vector<std::string> rules;
  SysTime at;
};

struct Silence {
  std::int64_t id = 0;
  std::string rule;
  SysTime starts;
  SysTime ends;
  std::string by;  // member key
  std::string reason;
  std::optional<SysTime> ended;  // lifted early
};

// The writes of one evaluation, in one transaction: states, events, notices, messages and any handoff
// an alert opens, so that an alert is announced once and opens one handoff, whatever crashes.
class AlertWriter {
 public:
  virtual ~AlertWriter() = default;
  virtual void save_alert(const AlertRecord& alert) = 0;
  // False when an event with that key was recorded before.
  virtual bool record_alert_event(const AlertEvent& event) = 0;
  virtual void add_notice(const AlertNotice& notice) = 0;
  virtual bool enqueue(const OutboxItem& item) = 0;
  // For opening or noting a handoff in the same transaction.
  virtual HandoffWriter& handoffs() = 0;
};

}  // namespace baton
