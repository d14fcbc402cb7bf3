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
};

Message alert_notice(const std::vector<AlertLine>& lines, const Department& department, const Config& config,
                     const Reader& reader);

// "Critical" / "Critique".
std::string severity_label(Severity severity, Locale locale);

// An alert's summary for a reader (its rule's template, or the default one).
std::string alert_summary(const AlertLine& line, const Config& config, Locale locale);

}  // namespace baton
