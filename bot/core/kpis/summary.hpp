// An alert's one-line summary: the rule's template ({{value}}, {{target}}, {{kpi.name}}) filled in the
// reader's language, the value and target formatted in the KPI's unit.
#pragma once

#include <optional>
#include <string>

#include "bot/core/i18n/locale.hpp"
#include "bot/core/kpis/kpi.hpp"

namespace baton {

// `kpi` is the rule's KPI (the first it names); null when the rule names none the config still has.
std::string render_summary(const KpiRule& rule, const KpiDefinition* kpi, std::optional<double> value,
                           std::optional<double> target, Locale locale);

}  // namespace baton
