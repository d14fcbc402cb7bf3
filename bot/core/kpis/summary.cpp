#include "bot/core/kpis/summary.hpp"

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/kpis/format.hpp"

namespace baton {

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
  std::size_t from = 0;
  while (from < written.size()) {
    const auto open = written.find("{{", from);
    const auto close = open == std::string::npos ? std::string::npos : written.find("}}", open);
    if (close == std::string::npos) {
      out.append(written, from, std::string::npos);
      break;
    }
    out.append(written, from, open - from);
    std::string name_in = written.substr(open + 2, close - open - 2);
    name_in.erase(0, name_in.find_first_not_of(' '));
    name_in.erase(name_in.find_last_not_of(' ') + 1);
    if (name_in == "value") {
      out += value_text;
    } else if (name_in == "target") {
      out += target_text;
    } else if (name_in == "kpi.name") {
      out += name;
    }
    from = close + 2;
  }
  return out;
}

}  // namespace baton
