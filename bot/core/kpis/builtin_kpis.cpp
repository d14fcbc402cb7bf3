#include "bot/core/kpis/builtin_kpis.hpp"

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/handoffs/stats.hpp"
#include "bot/core/rituals/standup.hpp"

namespace baton {
namespace {

std::optional<double> participation(Store& store, const Config& config, const std::string& department,
                                    const std::string& day) {
  int answered = 0;
  int judged = 0;
  for (const Ritual& ritual : config.rituals) {
    if (ritual.kind != RitualKind::standup || ritual.department != department) continue;
    const auto counts = count_participation(store.occurrences(ritual.key, day, day),
                                            store.standup_answers(ritual.key, day, day));
    for (const auto& [member, p] : counts) {
      answered += p.on_time + p.late;
      judged += p.on_time + p.late + p.missed;
    }
  }
  if (judged == 0) return std::nullopt;
  return 100.0 * answered / judged;
}

}  // namespace

std::vector<KpiPoint> builtin_points(Store& store, const Config& config, SysTime now, int days) {
  std::vector<KpiPoint> out;
  for (const KpiDefinition& kpi : config.kpis) {
    if (kpi.builtin == BuiltinKpi::none) continue;
    const date::time_zone* zone = config.department_calendar(kpi.department).zone;
    const auto today = date::sys_days(std::chrono::floor<date::days>(zone->to_local(now).time_since_epoch()));
    for (int back = days; back >= 1; --back) {
      const date::sys_days day = today - date::days(back);
      std::optional<double> value;
      if (kpi.builtin == BuiltinKpi::standup_participation) {
        value = participation(store, config, kpi.department, day_text(day));
      } else {
        const HandoffWeekStats s =
            handoff_stats_by(store, config, kpi.department, day, 1, date::days(1), now).front();
        if (kpi.builtin == BuiltinKpi::handoffs_opened) value = s.opened;
        if (kpi.builtin == BuiltinKpi::handoffs_overdue) value = s.overdue;
        if (kpi.builtin == BuiltinKpi::handoff_sla_compliance) value = s.sla_percent;
      }
      if (value) out.push_back({kpi.key, day_text(day), *value});
    }
  }
  return out;
}

}  // namespace baton
