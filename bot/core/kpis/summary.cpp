#include "bot/core/kpis/summary.hpp"

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/kpis/format.hpp"

namespace baton {

std::optional<std::vector<TemplatePiece>> template_pieces(std::string_view text) {
  std::vector<TemplatePiece> pieces;
  std::size_t from = 0;
  while (from < text.size()) {
    const auto open = text.find("{{", from);
    if (open == std::string_view::npos) {
      pieces.push_back({false, std::string(text.substr(from))});
      break;
    }
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos) return std::nullopt;
    if (open > from) pieces.push_back({false, std::string(text.substr(from, open - from))});
    std::string_view name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ')
      name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ')
      name.remove_suffix(1);
    pieces.push_back({true, std::string(name)});
    from = close + 2;
  }
  return pieces;
}

std::string render_summary(const KpiRule& rule, const KpiDefinition* kpi, std::optional<double> value,
                           std::optional<double> target, Locale locale) {
  const std::string missing = tr_plain(locale, Msg::value_missing);
  const std::string value_text = value ? format_kpi_value(*value, rule.value_unit, locale) : missing;
  const rules::Unit unit = kpi != nullptr ? kpi->unit : rule.value_unit;
  const std::string target_text = target ? format_kpi_value(*target, unit, locale) : missing;
  const std::string name = kpi != nullptr ? kpi->name.in(locale) : rule.kpi;
  const std::string& written = rule.summary.in(locale);
  if (written.empty()) {
    return target ? tr_plain(locale, Msg::alert_summary_default_target,
                             {{"kpi", name}, {"value", value_text}, {"target", target_text}})
                  : tr_plain(locale, Msg::alert_summary_default, {{"kpi", name}, {"value", value_text}});
  }
  // The template was checked when the rules loaded: every {{...}} is closed and known.
  std::string out;
  for (const TemplatePiece& piece : template_pieces(written).value_or(std::vector<TemplatePiece>{})) {
    if (!piece.placeholder) {
      out += piece.text;
    } else if (piece.text == "value") {
      out += value_text;
    } else if (piece.text == "target") {
      out += target_text;
    } else if (piece.text == "kpi.name") {
      out += name;
    }
  }
  return out;
}

}  // namespace baton
