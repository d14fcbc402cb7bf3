#include "bot/core/kpis/snapshot.hpp"

#include <algorithm>
#include <cmath>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/i18n/catalog.hpp"
#include "bot/core/i18n/dates.hpp"
#include "bot/core/kpis/format.hpp"
#include "rules/sparkline.hpp"

namespace baton {
namespace {

using rules::Period;

date::sys_days next_start(date::sys_days start, Period period) {
  switch (period) {
    case Period::day:
      return start + date::days(1);
    case Period::week:
      return start + date::days(7);
    case Period::month: {
      const date::year_month_day ymd{start};
      return date::sys_days(date::year_month_day{ymd.year() / ymd.month() / 1} + date::months(1));
    }
  }
  return start + date::days(1);
}

date::sys_days previous_start(date::sys_days start, Period period) {
  return rules::period_start(start - date::days(1), period);
}

std::optional<double> value_over(const rules::Series* days, const KpiDefinition& kpi, date::sys_days from,
                                 date::sys_days to, Period period) {
  if (days == nullptr || to < from) return std::nullopt;
  const auto rolled = days->rolled_up(period, kpi.rollup, from, to);
  if (rolled.empty()) return std::nullopt;
  return rolled.back().value;
}

}  // namespace

SnapshotPeriod current_period(Period period, date::sys_days today) {
  return {period, rules::period_start(today, period), today, true};
}

SnapshotPeriod last_complete_period(Period period, date::sys_days today) {
  const date::sys_days start = previous_start(rules::period_start(today, period), period);
  return {period, start, next_start(start, period) - date::days(1), false};
}

SnapshotRow snapshot_row(const KpiDefinition& kpi, const rules::Series* days, const SnapshotPeriod& shown) {
  SnapshotRow row;
  row.kpi = &kpi;
  const Period period = shown.period;
  row.value = value_over(days, kpi, shown.start, shown.end, period);
  const date::sys_days before = previous_start(shown.start, period);
  const date::sys_days before_end = std::min(before + (shown.end - shown.start), shown.start - date::days(1));
  row.previous = value_over(days, kpi, before, before_end, period);
  row.target = kpi.target(period);
  if (row.target && shown.to_date && kpi.rollup == rules::Rollup::sum) {
    const double elapsed = static_cast<double>((shown.end - shown.start).count() + 1);
    const double length = static_cast<double>((next_start(shown.start, period) - shown.start).count());
    *row.target *= elapsed / length;
  }
  date::sys_days start = shown.start;
  row.history.reserve(kSnapshotPeriods);
  for (int i = 1; i < kSnapshotPeriods; ++i)
    start = previous_start(start, period);
  for (int i = 0; i < kSnapshotPeriods; ++i) {
    const date::sys_days end =
        i + 1 == kSnapshotPeriods ? shown.end : next_start(start, period) - date::days(1);
    row.history.push_back(value_over(days, kpi, start, end, period));
    start = next_start(start, period);
  }
  return row;
}

std::map<std::string, rules::Series> snapshot_series(Store& store, const std::vector<std::string>& kpis,
                                                     date::sys_days last_day) {
  // Eight months and the one before cover the longest sparkline and its comparison.
  const date::sys_days first =
      date::sys_days(date::year_month_day{last_day} - date::months(kSnapshotPeriods + 1));
  std::map<std::string, rules::Series> out;
  for (const std::string& key : kpis) {
    rules::Series& series = out[key];
    for (const KpiPointRecord& r : store.kpi_points(key, day_text(first), day_text(last_day))) {
      if (const auto day = parse_day(r.point.day)) series.put(*day, r.point.value);
    }
  }
  return out;
}

std::vector<SnapshotRow> snapshot_rows(const std::vector<const KpiDefinition*>& kpis,
                                       const std::map<std::string, rules::Series>& series,
                                       const SnapshotPeriod& shown) {
  std::vector<SnapshotRow> rows;
  rows.reserve(kpis.size());
  for (const KpiDefinition* k : kpis) {
    const auto found = series.find(k->key);
    rows.push_back(snapshot_row(*k, found == series.end() ? nullptr : &found->second, shown));
  }
  return rows;
}

std::string status_marker(const SnapshotRow& row) {
  if (!row.value || !row.target || *row.target == 0) return "⚪";
  const double ratio = *row.value / *row.target;
  if (row.kpi->direction == Direction::higher_is_better)
    return ratio >= 1 ? "🟢" : (ratio >= 0.9 ? "🟠" : "🔴");
  return ratio <= 1 ? "🟢" : (ratio <= 1.1 ? "🟠" : "🔴");
}

std::string period_label(const SnapshotPeriod& shown, Locale locale) {
  std::string label;
  switch (shown.period) {
    case Period::day:
      label = tr_plain(locale, Msg::kpi_period_day, {{"day", day_name(locale, shown.start)}});
      break;
    case Period::week:
      label = tr_plain(locale, Msg::kpi_period_week, {{"day", day_name(locale, shown.start)}});
      break;
    case Period::month: {
      const date::year_month_day ymd{shown.start};
      label =
          tr_plain(locale, Msg::kpi_period_month, {{"month", month_name(locale, ymd.year() / ymd.month())}});
      break;
    }
  }
  if (shown.to_date && shown.period != Period::day)
    label = tr_plain(locale, Msg::kpi_to_date, {{"period", label}});
  return label;
}

Message kpi_snapshot(const std::vector<SnapshotRow>& rows, const SnapshotPeriod& shown, Locale locale) {
  Message message;
  message.locale = locale;
  message.header(tr_plain(locale, Msg::kpi_header, {{"period", period_label(shown, locale)}}));
  for (const SnapshotRow& row : rows) {
    RichText text;
    text.append(status_marker(row) + " ");
    text.append(row.kpi->name.in(locale), SpanStyle::bold);
    text.append("  ");
    text.append(row.value ? format_kpi_value(*row.value, row.kpi->unit, locale)
                          : tr_plain(locale, Msg::kpi_no_value));
    if (row.target) {
      const std::string attainment =
          row.value && *row.target != 0
              ? format_kpi_value(*row.value / *row.target * 100, rules::Unit::percent(), locale)
              : "–";
      text.append(" · " + tr_plain(locale, Msg::kpi_target,
                                   {{"target", format_kpi_value(*row.target, row.kpi->unit, locale)},
                                    {"attainment", attainment}}));
    }
    if (row.value && row.previous && *row.previous != 0) {
      const double change = (*row.value - *row.previous) / std::fabs(*row.previous) * 100;
      text.append(" · " + tr_plain(locale, Msg::kpi_change, {{"change", format_change(change, locale)}}));
    }
    if (std::any_of(row.history.begin(), row.history.end(), [](const auto& v) { return v.has_value(); })) {
      text.append("\n");
      text.append(rules::sparkline(row.history), SpanStyle::code);
    }
    message.section(std::move(text));
  }
  return message;
}

}  // namespace baton
