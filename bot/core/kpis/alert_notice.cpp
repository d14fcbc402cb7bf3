#include "bot/core/kpis/alert_notice.hpp"

#include "bot/core/i18n/catalog.hpp"
#include "bot/core/kpis/format.hpp"
#include "bot/core/kpis/summary.hpp"

namespace baton {
namespace {

Msg severity_name(Severity severity) {
  switch (severity) {
    case Severity::info:
      return Msg::severity_info;
    case Severity::warning:
      return Msg::severity_warning;
    case Severity::critical:
      return Msg::severity_critical;
  }
  return Msg::severity_warning;
}

// A marker readable in every client, so that a glance at the channel tells how bad it is.
std::string marker(const AlertLine& line) {
  if (line.alert.state != "firing") return "✅";
  switch (line.rule->severity) {
    case Severity::info:
      return "🔵";
    case Severity::warning:
      return "🟠";
    case Severity::critical:
      return "🔴";
  }
  return "🟠";
}

}  // namespace

std::string severity_label(Severity severity, Locale locale) {
  return tr_plain(locale, severity_name(severity));
}

std::string alert_summary(const AlertLine& line, const Config& config, Locale locale) {
  const bool resolved = line.alert.state == "resolved" && line.fired_value;
  return render_summary(*line.rule, config.kpi(line.rule->kpi),
                        resolved ? line.fired_value : line.alert.value, line.target, locale);
}

std::string value_now(const AlertLine& line, Locale locale) {
  return line.alert.value ? format_kpi_value(*line.alert.value, line.rule->value_unit, locale) : "–";
}

Message alert_notice(const std::vector<AlertLine>& lines, const Department& department, const Config& config,
                     const Reader& reader) {
  Message message;
  message.locale = reader.locale;
  message.header(
      tr_plain(reader.locale, Msg::alert_header, {{"department", department.name.in(reader.locale)}}));
  for (const AlertLine& line : lines) {
    RichText text;
    text.append(marker(line) + " ");
    text.append(tr_plain(reader.locale, severity_name(line.rule->severity)), SpanStyle::bold);
    text.append(" · ");
    text.append(line.rule->name, SpanStyle::code);
    text.append(" — " + alert_summary(line, config, reader.locale));
    message.section(std::move(text));
    std::string status;
    if (line.alert.state == "firing" && line.alert.fired_at) {
      status = tr_plain(reader.locale, line.repeat ? Msg::alert_still_firing : Msg::alert_firing_since,
                        {{"when", when_text(*line.alert.fired_at, reader)}});
    } else if (line.alert.value) {
      status = tr_plain(
          reader.locale, Msg::alert_resolved_now,
          {{"when", when_text(line.alert.evaluated_at, reader)}, {"value", value_now(line, reader.locale)}});
    } else {
      status = tr_plain(reader.locale, Msg::alert_resolved,
                        {{"when", when_text(line.alert.evaluated_at, reader)}});
    }
    if (line.alert.handoff) {
      status += " · " + tr_plain(reader.locale, Msg::alert_handoff_opened,
                                 {{"label", "H-" + std::to_string(*line.alert.handoff)}});
    }
    message.context(status);
  }
  message.context(tr(reader.locale, Msg::alert_footer,
                     {{"command", reader.prefix + " silence " + lines.front().rule->name + " 4h"}}));
  return message;
}

}  // namespace baton
