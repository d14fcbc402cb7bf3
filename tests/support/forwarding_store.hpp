// A Store that passes every call to another, for test doubles that change one behaviour (a store stuck
// behind a lock, a broken disk) and leave the rest to SQLite. target() decides where each call goes.
#pragma once

#include "bot/core/store/store.hpp"

namespace baton::test {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store* inner) : inner_(inner) {}

  StoreStatus status() override { return target().status(); }
  std::optional<Locale> member_locale(const std::string& k) override { return target().member_locale(k); }
  void set_member_locale(const std::string& k, Locale l, SysTime t) override {
    target().set_member_locale(k, l, t);
  }
  bool accept_event(const InboundEvent& e) override { return target().accept_event(e); }
  UnhandledEvents unhandled_events(const std::string& s, SysTime by, SysTime at, int n,
                                   const EventRetries& r) override {
    return target().unhandled_events(s, by, at, n, r);
  }
  void save_pending_command(const PendingCommand& c) override { target().save_pending_command(c); }
  bool enqueue_answer(const OutboxItem& i, const std::string& k) override {
    return target().enqueue_answer(i, k);
  }
  std::vector<PendingCommand> claim_pending_commands(Platform p, SysTime by, SysTime at, int n) override {
    return target().claim_pending_commands(p, by, at, n);
  }
  void mark_event_handled(const std::string& s, const std::string& i, SysTime t) override {
    target().mark_event_handled(s, i, t);
  }
  bool enqueue(const OutboxItem& item) override { return target().enqueue(item); }
  std::vector<std::string> due_lanes(SysTime t, int n, const std::string& h) override {
    return target().due_lanes(t, n, h);
  }
  std::optional<OutboxItem> lane_head(const std::string& l) override { return target().lane_head(l); }
  std::optional<OutboxItem> claim_lane_head(const std::string& l, const std::string& h, SysTime now,
                                            SysTime until) override {
    return target().claim_lane_head(l, h, now, until);
  }
  std::optional<SysTime> next_due(const std::string& h) override { return target().next_due(h); }
  void mark_sent(std::int64_t id, SysTime t, const std::optional<std::string>& m) override {
    target().mark_sent(id, t, m);
  }
  void mark_retry(std::int64_t id, SysTime t, const std::string& e) override {
    target().mark_retry(id, t, e);
  }
  void mark_failed(std::int64_t id, SysTime t, const std::string& e) override {
    target().mark_failed(id, t, e);
  }
  OutboxStats outbox_stats() override { return target().outbox_stats(); }
  std::vector<OutboxItem> outbox_items(OutboxState s, int n) override { return target().outbox_items(s, n); }
  void save_conversation(const ConversationRef& r) override { target().save_conversation(r); }
  std::optional<ConversationRef> conversation(Platform p, const std::string& k) override {
    return target().conversation(p, k);
  }
  std::optional<ConversationRef> latest_conversation(Platform p) override {
    return target().latest_conversation(p);
  }
  bool set_unreachable(Platform p, const std::string& k, const std::string& r, SysTime t) override {
    return target().set_unreachable(p, k, r, t);
  }
  std::optional<std::string> unreachable(Platform p, const std::string& k) override {
    return target().unreachable(p, k);
  }
  void clear_unreachable(Platform p, const std::string& k) override { target().clear_unreachable(p, k); }
  bool record_occurrence(const OccurrenceRecord& r, const std::vector<OutboxItem>& m) override {
    return target().record_occurrence(r, m);
  }
  std::optional<OccurrenceRecord> occurrence(const std::string& k) override { return target().occurrence(k); }
  std::vector<OccurrenceRecord> occurrences(const std::string& r, const std::string& a,
                                            const std::string& b) override {
    return target().occurrences(r, a, b);
  }
  std::optional<SysTime> scheduler_mark() override { return target().scheduler_mark(); }
  void set_scheduler_mark(SysTime t) override { target().set_scheduler_mark(t); }
  void save_standup_answer(const StandupAnswer& a) override { target().save_standup_answer(a); }
  std::vector<StandupAnswer> standup_answers(const std::string& r, const std::string& a,
                                             const std::string& b) override {
    return target().standup_answers(r, a, b);
  }
  std::optional<StandupDraft> standup_draft(const std::string& m) override {
    return target().standup_draft(m);
  }
  void save_standup_draft(const StandupDraft& d) override { target().save_standup_draft(d); }
  void clear_standup_draft(const std::string& m) override { target().clear_standup_draft(m); }
  void add_days_off(const DaysOff& o) override { target().add_days_off(o); }
  std::vector<DaysOff> days_off(const std::string& m, const std::string& d) override {
    return target().days_off(m, d);
  }
  int cancel_days_off(const std::string& m, const std::string& a, const std::string& b) override {
    return target().cancel_days_off(m, a, b);
  }
  bool skip_ritual_day(const std::string& r, const std::string& d, const std::string& b, SysTime t) override {
    return target().skip_ritual_day(r, d, b, t);
  }
  std::vector<std::string> skipped_days(const std::string& r, const std::string& d) override {
    return target().skipped_days(r, d);
  }
  bool set_ritual_paused(const std::string& r, bool p, const std::string& b, SysTime t) override {
    return target().set_ritual_paused(r, p, b, t);
  }
  std::vector<std::string> paused_rituals() override { return target().paused_rituals(); }
  std::int64_t add_retro_item(const RetroItem& i) override { return target().add_retro_item(i); }
  std::vector<RetroItem> retro_items(const std::string& r, const std::string& d) override {
    return target().retro_items(r, d);
  }
  std::vector<RetroItem> open_retro_actions(const std::string& r) override {
    return target().open_retro_actions(r);
  }
  bool close_retro_action(std::int64_t id, SysTime t) override { return target().close_retro_action(id, t); }
  void handoff_transaction(const std::function<void(HandoffWriter&)>& work) override {
    target().handoff_transaction(work);
  }
  std::optional<Handoff> handoff(std::int64_t n) override { return target().handoff(n); }
  std::vector<Handoff> handoffs(const HandoffQuery& q) override { return target().handoffs(q); }
  std::vector<HandoffEvent> handoff_events(std::int64_t n) override { return target().handoff_events(n); }
  std::optional<SysTime> next_handoff_timer() override { return target().next_handoff_timer(); }
  std::vector<HandoffTimer> due_handoff_timers(SysTime t, int limit) override {
    return target().due_handoff_timers(t, limit);
  }
  std::vector<HandoffTimer> handoff_timers(std::int64_t n) override { return target().handoff_timers(n); }
  std::optional<WorkflowRun> workflow_run(std::int64_t id) override { return target().workflow_run(id); }
  std::vector<WorkflowRun> workflow_runs(bool running, int limit) override {
    return target().workflow_runs(running, limit);
  }
  std::optional<std::string> sent_message_id(const std::string& k) override {
    return target().sent_message_id(k);
  }
  KpiWriteResult put_kpi_points(const std::vector<KpiPoint>& p, const std::string& s, SysTime t) override {
    return target().put_kpi_points(p, s, t);
  }
  std::vector<KpiPointRecord> kpi_points(const std::string& k, const std::string& a,
                                         const std::string& b) override {
    return target().kpi_points(k, a, b);
  }
  std::vector<KpiPointChange> kpi_point_history(const std::string& k, const std::string& d) override {
    return target().kpi_point_history(k, d);
  }
  std::vector<KpiPointRecord> kpi_points_changed_since(std::int64_t r) override {
    return target().kpi_points_changed_since(r);
  }
  void alert_transaction(const std::function<void(AlertWriter&)>& work) override {
    target().alert_transaction(work);
  }
  std::vector<AlertRecord> alerts() override { return target().alerts(); }
  std::vector<AlertEvent> alert_events(SysTime a, SysTime b) override { return target().alert_events(a, b); }
  std::vector<AlertNotice> alert_notices(const std::string& r) override { return target().alert_notices(r); }
  std::int64_t add_silence(const Silence& s) override { return target().add_silence(s); }
  std::vector<Silence> silences(SysTime t) override { return target().silences(t); }
  bool end_silence(std::int64_t id, SysTime t) override { return target().end_silence(id, t); }
  bool hold_lease(const std::string& n, const std::string& h, SysTime now, SysTime until) override {
    return target().hold_lease(n, h, now, until);
  }
  void release_lease(const std::string& n, const std::string& h) override { target().release_lease(n, h); }
  int prune(SysTime t) override { return target().prune(t); }
  void close() override { target().close(); }

 protected:
  virtual Store& target() { return *inner_; }

 private:
  Store* inner_;
};

}  // namespace baton::test
