// An alert's one-line summary: the rule's template ({{value}}, {{target}}, {{kpi.name}}) filled in the
// reader's language, the value and target formatted in the KPI's unit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/i18n/locale.hpp"
#include "bot/core/kpis/kpi.hpp"

namespace baton {

// A summary template cut into its pieces: plain text, and the names written between {{ and }} (spaces
// trimmed). nullopt when a {{ is never closed. The config checks templates with it; rendering fills them.
struct TemplatePiece {
  bool placeholder = false;
  std::string text;
};
std::optional<std::vector<TemplatePiece>> template_pieces(std::string_view text);

// `kpi` is the rule's KPI (the first it names); null when the rule names none the config still has.
std::string render_summary(const KpiRule& rule, const KpiDefinition* kpi, std::optional<double> value,
                           std::optional<double> target, Locale locale);

}  // namespace baton
