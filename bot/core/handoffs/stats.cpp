#include "bot/core/handoffs/stats.hpp"

#include <algorithm>

#include "bot/core/clock/zone.hpp"

namespace baton {
namespace {

// Handoffs older than this before the first week are not looked at: one still open after half a year
// says more about the team than its figures do.
constexpr date::days kLookBack{183};
constexpr int kMaxHandoffs = 100'000;

std::optional<std::chrono::minutes> median(std::vector<std::chrono::minutes> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  return (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

std::vector<HandoffWeekStats> handoff_stats(Store& store, const Config& config, const std::string& department,
                                            date::sys_days first_week, int weeks, SysTime now) {
  return handoff_stats_by(store, config, department, first_week, weeks, date::days(7), now);
}

std::vector<HandoffWeekStats> handoff_stats_by(Store& store, const Config& config,
                                               const std::string& department, date::sys_days first,
                                               int periods, date::days length, SysTime now) {
  const BusinessCalendar& calendar = config.department_calendar(department);
  const date::time_zone& zone = calendar.zone != nullptr ? *calendar.zone : *date::locate_zone("UTC");
  const auto start_of = [&](date::sys_days day) {
    return to_instant(zone, date::local_days(day.time_since_epoch()));
  };
  HandoffQuery query;
  query.to_department = department;
  query.created_from = start_of(first - kLookBack);
  query.created_to = start_of(first + length * periods);
  query.limit = kMaxHandoffs;
  const std::vector<Handoff> handoffs = store.handoffs(query);

  std::vector<HandoffWeekStats> out;
  for (int w = 0; w < periods; ++w) {
    HandoffWeekStats s;
    s.week = first + length * w;
    const SysTime from = start_of(s.week);
    const SysTime to = start_of(s.week + length);
    const auto in_week = [&](SysTime at) { return at >= from && at < to; };
    std::vector<std::chrono::minutes> to_accept;
    std::vector<std::chrono::minutes> to_close;
    int judged = 0;
    int met = 0;
    for (const Handoff& h : handoffs) {
      if (in_week(h.created_at)) ++s.opened;
      const bool done = h.state == HandoffState::done;
      const bool answered = h.state == HandoffState::rejected || done;
      if (answered && h.closed_at && in_week(*h.closed_at)) ++s.closed;
      // The first answer: accepting it, or rejecting it outright.
      const std::optional<SysTime> first_answer =
          h.accepted_at ? h.accepted_at : (h.state == HandoffState::rejected ? h.closed_at : std::nullopt);
      if (first_answer && in_week(*first_answer)) {
        to_accept.push_back(std::chrono::duration_cast<std::chrono::minutes>(
            calendar.working_time_between(h.created_at, *first_answer)));
      }
      if (done && h.closed_at && in_week(*h.closed_at)) {
        to_close.push_back(std::chrono::duration_cast<std::chrono::minutes>(
            calendar.working_time_between(h.created_at, *h.closed_at)));
        ++judged;
        if (h.accepted_at && *h.accepted_at <= h.accept_by && *h.closed_at <= h.due_at) ++met;
      }
      const bool missed = in_week(h.due_at) && h.due_at <= now && h.state != HandoffState::cancelled &&
                          h.state != HandoffState::rejected &&
                          (!done || (h.closed_at && *h.closed_at > h.due_at));
      if (missed) {
        ++s.overdue;
        // Done late that same week was judged above already.
        if (!(done && h.closed_at && in_week(*h.closed_at))) ++judged;
      }
    }
    s.median_accept = median(std::move(to_accept));
    s.median_close = median(std::move(to_close));
    if (judged > 0) s.sla_percent = 100.0 * met / judged;
    out.push_back(s);
  }
  return out;
}

}  // namespace baton
