// SqlStore's handoff tables: handoffs, their audit trail, posts and SLA timers, and workflow runs.
// Changes go through handoff_transaction(), one IMMEDIATE transaction each: SQLite has one writer at a
// time, so two people accepting the same handoff are served one after the other, and the second reads
// the first one's result.

#include "bot/core/store/sql/handoff_statements.hpp"
#include "bot/core/store/sql/sql_store.hpp"

namespace baton {

using sql::all_rows;
using sql::destination_from;
using sql::destination_json;
using sql::from_ms;
using sql::Statement;
using sql::to_ms;

namespace {

constexpr const char* kHandoffColumns =
    "number, from_department, to_department, title, requester, assignee, priority, state, platform, "
    "created_ms, accept_by_ms, due_ms, due_given, accepted_ms, closed_ms, close_note, workflow_run, stage, "
    "step, version, context";
constexpr const char* kRunColumns =
    "id, workflow, title, started_by, started_ms, stage, state, closed_ms, note";

Handoff handoff_row(const Statement& row) {
  Handoff h;
  h.number = row.integer(0);
  h.from_department = row.text(1);
  h.to_department = row.text(2);
  h.title = row.text(3);
  h.requester = row.text(4);
  h.assignee = row.text(5);
  h.priority = parse_priority(row.text(6)).value_or(Priority::normal);
  h.state = parse_handoff_state(row.text(7)).value_or(HandoffState::open);
  h.platform = parse_platform(row.text(8)).value_or(Platform::console);
  h.created_at = from_ms(row.integer(9));
  h.accept_by = from_ms(row.integer(10));
  h.due_at = from_ms(row.integer(11));
  h.due_given = row.integer(12) != 0;
  if (!row.is_null(13)) h.accepted_at = from_ms(row.integer(13));
  if (!row.is_null(14)) h.closed_at = from_ms(row.integer(14));
  h.close_note = row.text(15);
  if (!row.is_null(16)) h.workflow_run = row.integer(16);
  h.stage = static_cast<int>(row.integer(17));
  h.step = row.text(18);
  h.version = static_cast<int>(row.integer(19));
  h.context = row.text(20);
  return h;
}

WorkflowRun run_row(const Statement& row) {
  WorkflowRun r;
  r.id = row.integer(0);
  r.workflow = row.text(1);
  r.title = row.text(2);
  r.started_by = row.text(3);
  r.started_at = from_ms(row.integer(4));
  r.stage = static_cast<int>(row.integer(5));
  const std::string state = row.text(6);
  r.state = state == "done" ? WorkflowState::done
                            : (state == "stopped" ? WorkflowState::stopped : WorkflowState::running);
  if (!row.is_null(7)) r.closed_at = from_ms(row.integer(7));
  r.note = row.text(8);
  return r;
}

HandoffTimer timer_row(const Statement& row) {
  HandoffTimer t;
  t.id = row.integer(0);
  t.handoff = row.integer(1);
  t.kind = parse_handoff_timer_kind(row.text(2)).value_or(HandoffTimerKind::due_reminder);
  t.at = from_ms(row.integer(3));
  return t;
}

// Binds the columns of a handoff after its number, from ?2 on, in kHandoffColumns' order.
void bind_fields(Statement& s, const Handoff& h) {
  s.bind(2, h.from_department)
      .bind(3, h.to_department)
      .bind(4, h.title)
      .bind(5, h.requester)
      .bind(6, h.assignee)
      .bind(7, to_string(h.priority))
      .bind(8, to_string(h.state))
      .bind(9, to_string(h.platform))
      .bind(10, to_ms(h.created_at))
      .bind(11, to_ms(h.accept_by))
      .bind(12, to_ms(h.due_at))
      .bind(13, std::int64_t{h.due_given ? 1 : 0});
  sql::bind_time(s, 14, h.accepted_at);
  sql::bind_time(s, 15, h.closed_at);
  s.bind(16, h.close_note);
  if (h.workflow_run != 0) {
    s.bind(17, h.workflow_run);
  } else {
    s.bind_null(17);
  }
  s.bind(18, std::int64_t{h.stage}).bind(19, h.step).bind(21, h.context);
}

void bind_run(Statement& s, const WorkflowRun& r) {
  s.bind(2, r.workflow)
      .bind(3, r.title)
      .bind(4, r.started_by)
      .bind(5, to_ms(r.started_at))
      .bind(6, std::int64_t{r.stage})
      .bind(7, to_string(r.state));
  sql::bind_time(s, 8, r.closed_at);
  s.bind(9, r.note);
}

}  // namespace

namespace sql {

HandoffStatements::HandoffStatements(sql::Database& db)
    : insert(db,
             "INSERT INTO handoffs (from_department, to_department, title, requester, assignee, priority, "
             "state, "
             "platform, created_ms, accept_by_ms, due_ms, due_given, accepted_ms, closed_ms, close_note, "
             "workflow_run, stage, step, version, context) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
             "?12, "
             "?13, ?14, ?15, ?16, ?17, ?18, ?19, 1, ?21) RETURNING number"),
      update(db,
             "UPDATE handoffs SET from_department = ?2, to_department = ?3, title = ?4, requester = ?5, "
             "assignee = ?6, priority = ?7, state = ?8, platform = ?9, created_ms = ?10, accept_by_ms = ?11, "
             "due_ms = ?12, due_given = ?13, accepted_ms = ?14, closed_ms = ?15, close_note = ?16, "
             "workflow_run = ?17, stage = ?18, step = ?19, context = ?21, version = version + 1 "
             "WHERE number = ?1 AND version = ?20"),
      by_number(db, std::string("SELECT ") + kHandoffColumns + " FROM handoffs WHERE number = ?1"),
      // Every filter is optional: an empty text, a null instant or a zero run matches everything. States
      // come as ",open,accepted," (no state holds % or _, which LIKE would read). PostgreSQL needs the
      // type of a parameter only tested for NULL: the CAST says it, in words SQLite reads too.
      query(db, std::string("SELECT ") + kHandoffColumns +
                    " FROM handoffs WHERE (?1 = '' OR ?1 LIKE '%,' || state || ',%')"
                    " AND (?2 = '' OR to_department = ?2) AND (?3 = '' OR from_department = ?3)"
                    " AND (?4 = '' OR requester = ?4 OR assignee = ?4)"
                    " AND (CAST(?5 AS BIGINT) IS NULL OR due_ms < ?5)"
                    " AND (CAST(?6 AS BIGINT) IS NULL OR created_ms >= ?6)"
                    " AND (CAST(?7 AS BIGINT) IS NULL OR created_ms < ?7) AND (?8 = 0 OR workflow_run = ?8)"
                    " ORDER BY number DESC LIMIT ?9"),
      of_run(db, std::string("SELECT ") + kHandoffColumns +
                     " FROM handoffs WHERE workflow_run = ?1 ORDER BY stage, number"),
      record(db,
             "INSERT INTO handoff_events (handoff, key, action, by, platform, at_ms, note) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (key) DO NOTHING"),
      events(db,
             "SELECT handoff, key, action, by, platform, at_ms, note FROM handoff_events WHERE handoff = ?1 "
             "ORDER BY id"),
      clear_timers(db, "DELETE FROM handoff_timers WHERE handoff = ?1 AND fired_ms IS NULL"),
      add_timer(db, "INSERT INTO handoff_timers (handoff, kind, at_ms) VALUES (?1, ?2, ?3)"),
      claim_timer(db, "UPDATE handoff_timers SET fired_ms = ?2 WHERE id = ?1 AND fired_ms IS NULL"),
      next_timer(db, "SELECT min(at_ms) FROM handoff_timers WHERE fired_ms IS NULL"),
      due_timers(db,
                 "SELECT id, handoff, kind, at_ms FROM handoff_timers WHERE fired_ms IS NULL AND at_ms <= ?1 "
                 "ORDER BY at_ms, id LIMIT ?2"),
      timers_of(db,
                "SELECT id, handoff, kind, at_ms FROM handoff_timers WHERE handoff = ?1 AND fired_ms IS NULL "
                "ORDER BY at_ms, id"),
      add_post(
          db,
          "INSERT INTO handoff_posts (handoff, outbox_key, platform, destination) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT DO NOTHING"),
      posts(db,
            "SELECT handoff, outbox_key, platform, destination FROM handoff_posts WHERE handoff = ?1 "
            "ORDER BY outbox_key"),
      insert_run(
          db,
          "INSERT INTO workflow_runs (workflow, title, started_by, started_ms, stage, state, closed_ms, "
          "note) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id"),
      update_run(db,
                 "UPDATE workflow_runs SET workflow = ?2, title = ?3, started_by = ?4, started_ms = ?5, "
                 "stage = ?6, state = ?7, closed_ms = ?8, note = ?9 WHERE id = ?1"),
      run(db, std::string("SELECT ") + kRunColumns + " FROM workflow_runs WHERE id = ?1"),
      runs(db, std::string("SELECT ") + kRunColumns + " FROM workflow_runs ORDER BY id DESC LIMIT ?1"),
      running_runs(db, std::string("SELECT ") + kRunColumns +
                           " FROM workflow_runs WHERE state = 'running' ORDER BY id DESC LIMIT ?1"),
      sent_message_id(
          db, "SELECT coalesce(platform_message_id, '') FROM outbox WHERE key = ?1 AND state = 'sent'") {}

}  // namespace sql

// The writes of one transaction, on the store's own statements.
class SqlHandoffWriter final : public HandoffWriter {
 public:
  SqlHandoffWriter(SqlStore& store, sql::HandoffStatements& s) : store_(store), s_(s) {}

  std::optional<Handoff> handoff(std::int64_t number) override { return store_.handoff(number); }

  Handoff insert(Handoff handoff) override {
    bind_fields(s_.insert, handoff);
    handoff.number = sql::inserted_id(s_.insert);
    handoff.version = 1;
    return handoff;
  }

  bool update(Handoff& handoff) override {
    s_.update.bind(1, handoff.number);
    bind_fields(s_.update, handoff);
    s_.update.bind(20, std::int64_t{handoff.version});
    s_.update.run();
    if (s_.update.changes() != 1) return false;
    ++handoff.version;
    return true;
  }

  bool record(const HandoffEvent& e) override {
    s_.record.bind(1, e.handoff)
        .bind(2, e.key)
        .bind(3, e.action)
        .bind(4, e.by)
        .bind(5, e.platform)
        .bind(6, to_ms(e.at))
        .bind(7, e.note)
        .run();
    return s_.record.changes() == 1;
  }

  void set_timers(std::int64_t handoff, const std::vector<HandoffTimer>& timers) override {
    s_.clear_timers.bind(1, handoff).run();
    for (const HandoffTimer& t : timers)
      s_.add_timer.bind(1, handoff).bind(2, to_string(t.kind)).bind(3, to_ms(t.at)).run();
  }

  bool claim_timer(std::int64_t id, SysTime at) override {
    s_.claim_timer.bind(1, id).bind(2, to_ms(at)).run();
    return s_.claim_timer.changes() == 1;
  }

  void add_post(const HandoffPost& post) override {
    s_.add_post.bind(1, post.handoff)
        .bind(2, post.outbox_key)
        .bind(3, to_string(post.platform))
        .bind(4, destination_json(post.destination))
        .run();
  }

  std::vector<HandoffPost> posts(std::int64_t handoff) override {
    s_.posts.bind(1, handoff);
    return all_rows<HandoffPost>(s_.posts, [](const Statement& row) {
      HandoffPost p;
      p.handoff = row.integer(0);
      p.outbox_key = row.text(1);
      p.platform = parse_platform(row.text(2)).value_or(Platform::console);
      p.destination = destination_from(row.text(3));
      return p;
    });
  }

  bool enqueue(const OutboxItem& item) override { return store_.enqueue(item); }

  WorkflowRun insert_run(WorkflowRun run) override {
    bind_run(s_.insert_run, run);
    run.id = sql::inserted_id(s_.insert_run);
    return run;
  }

  std::optional<WorkflowRun> run(std::int64_t id) override { return store_.workflow_run(id); }

  void update_run(const WorkflowRun& run) override {
    s_.update_run.bind(1, run.id);
    bind_run(s_.update_run, run);
    s_.update_run.run();
  }

  std::vector<Handoff> handoffs_of_run(std::int64_t run) override {
    s_.of_run.bind(1, run);
    return all_rows<Handoff>(s_.of_run, handoff_row);
  }

 private:
  SqlStore& store_;
  sql::HandoffStatements& s_;
};

sql::HandoffStatements& SqlStore::handoff_statements() {
  if (!handoff_statements_) handoff_statements_ = std::make_unique<sql::HandoffStatements>(database());
  return *handoff_statements_;
}

void SqlStore::handoff_transaction(const std::function<void(HandoffWriter&)>& work) {
  SqlHandoffWriter writer(*this, handoff_statements());
  sql::in_transaction(database(), "changing a handoff", [&] { work(writer); });
}

std::optional<Handoff> SqlStore::handoff(std::int64_t number) {
  Statement& query = handoff_statements().by_number;
  query.bind(1, number);
  std::optional<Handoff> out;
  if (query.step()) out = handoff_row(query);
  query.reset();
  return out;
}

std::vector<Handoff> SqlStore::handoffs(const HandoffQuery& q) {
  Statement& query = handoff_statements().query;
  std::string states;
  for (HandoffState state : q.states)
    states += "," + std::string(to_string(state)) + ",";
  query.bind(1, states).bind(2, q.to_department).bind(3, q.from_department).bind(4, q.member);
  sql::bind_time(query, 5, q.due_before);
  sql::bind_time(query, 6, q.created_from);
  sql::bind_time(query, 7, q.created_to);
  query.bind(8, q.workflow_run).bind(9, std::int64_t{q.limit});
  return all_rows<Handoff>(query, handoff_row);
}

std::vector<HandoffEvent> SqlStore::handoff_events(std::int64_t number) {
  Statement& query = handoff_statements().events;
  query.bind(1, number);
  return all_rows<HandoffEvent>(query, [](const Statement& row) {
    HandoffEvent e;
    e.handoff = row.integer(0);
    e.key = row.text(1);
    e.action = row.text(2);
    e.by = row.text(3);
    e.platform = row.text(4);
    e.at = from_ms(row.integer(5));
    e.note = row.text(6);
    return e;
  });
}

std::optional<SysTime> SqlStore::next_handoff_timer() {
  Statement& query = handoff_statements().next_timer;
  std::optional<SysTime> out;
  if (query.step() && !query.is_null(0)) out = from_ms(query.integer(0));
  query.reset();
  return out;
}

std::vector<HandoffTimer> SqlStore::due_handoff_timers(SysTime now, int limit) {
  Statement& query = handoff_statements().due_timers;
  query.bind(1, to_ms(now)).bind(2, std::int64_t{limit});
  return all_rows<HandoffTimer>(query, timer_row);
}

std::vector<HandoffTimer> SqlStore::handoff_timers(std::int64_t number) {
  Statement& query = handoff_statements().timers_of;
  query.bind(1, number);
  return all_rows<HandoffTimer>(query, timer_row);
}

std::optional<WorkflowRun> SqlStore::workflow_run(std::int64_t id) {
  Statement& query = handoff_statements().run;
  query.bind(1, id);
  std::optional<WorkflowRun> out;
  if (query.step()) out = run_row(query);
  query.reset();
  return out;
}

std::vector<WorkflowRun> SqlStore::workflow_runs(bool running_only, int limit) {
  Statement& query = running_only ? handoff_statements().running_runs : handoff_statements().runs;
  query.bind(1, std::int64_t{limit});
  return all_rows<WorkflowRun>(query, run_row);
}

std::optional<std::string> SqlStore::sent_message_id(const std::string& outbox_key) {
  Statement& query = handoff_statements().sent_message_id;
  query.bind(1, outbox_key);
  std::optional<std::string> out;
  if (query.step()) out = query.text(0);
  query.reset();
  return out;
}

}  // namespace baton
