// The message that tells a department of its alerts: one line an alert (severity, rule, summary in the
// reader's language, since when), grouped when several fire at once, re-rendered in place as they resolve.
#pragma once

#include <optional>
#include <vector>

#include "bot/core/config/config.hpp"
#include "bot/core/handoffs/cards.hpp"
#include "bot/core/message/message.hpp"
#include "bot/core/store/alert_records.hpp"

namespace baton {

struct AlertLine {
  const KpiRule* rule = nullptr;
  AlertRecord alert;             // as it is now
  std::optional<double> target;  // of the rule's KPI, for {{target}}
  bool repeat = false;           // said before, still firing
  // A resolved alert's value when it last fired: its summary keeps saying what was wrong, and the
  // resolution tells the value now.
  std::optional<double> fired_value;
};

Message alert_notice(const std::vector<AlertLine>& lines, const Department& department, const Config& config,
                     const Reader& reader);

// "Critical" / "Critique".
std::string severity_label(Severity severity, Locale locale);

// An alert's summary for a reader (its rule's template, or the default one), with the value it fired on.
std::string alert_summary(const AlertLine& line, const Config& config, Locale locale);
// The value of the alert's last evaluation in its rule's unit; "–" when there was none.
std::string value_now(const AlertLine& line, Locale locale);

}  // namespace baton
