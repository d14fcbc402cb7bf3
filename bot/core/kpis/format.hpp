// KPI values as a reader expects them in their language: "€12,345.60" and "12 345,60 €", "95.5%" and
// "95,5 %", durations in hours and minutes. Used by alert summaries, snapshots and the digest.
#pragma once

#include <string>

#include "bot/core/i18n/locale.hpp"
#include "rules/unit.hpp"

namespace baton {

std::string format_kpi_value(double value, const rules::Unit& unit, Locale locale);

// A relative change, signed: "+12.5%", "-3,0 %".
std::string format_change(double percent, Locale locale);

}  // namespace baton
