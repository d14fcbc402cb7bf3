// SqlStore's alert tables (migration 6): alert states, their changes, the notices that told of them,
// silences; and the KPI points other processes stored, which evaluation reads by when they arrived.
#include "bot/core/store/sql/alert_statements.hpp"
#include "bot/core/store/sql/sql_store.hpp"

namespace baton {

using sql::all_rows;
using sql::bind_time;
using sql::from_ms;
using sql::Statement;
using sql::to_ms;

namespace sql {

AlertStatements::AlertStatements(sql::Database& db)
    : save(
          db,
          "INSERT INTO alerts (rule, state, active_since_ms, fired_ms, value, notified_ms, notice_due, "
          "handoff, "
          "evaluated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (rule) DO UPDATE SET "
          "state = excluded.state, active_since_ms = excluded.active_since_ms, fired_ms = excluded.fired_ms, "
          "value = excluded.value, notified_ms = excluded.notified_ms, notice_due = excluded.notice_due, "
          "handoff = excluded.handoff, evaluated_ms = excluded.evaluated_ms"),
      all(db,
          "SELECT rule, state, active_since_ms, fired_ms, value, notified_ms, notice_due, handoff, "
          "evaluated_ms "
          "FROM alerts ORDER BY rule"),
      record_event(db,
                   "INSERT INTO alert_events (key, rule, state, value, at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
                   "ON CONFLICT (key) DO NOTHING"),
      events(db,
             "SELECT key, rule, state, value, at_ms FROM alert_events WHERE at_ms >= ?1 AND at_ms < ?2 "
             "ORDER BY at_ms, key"),
      add_notice(db,
                 "INSERT INTO alert_notices (outbox_key, department, platform, destination, at_ms) "
                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (outbox_key) DO NOTHING"),
      add_notice_rule(
          db, "INSERT INTO alert_notice_rules (outbox_key, rule) VALUES (?1, ?2) ON CONFLICT DO NOTHING"),
      notices_of(db,
                 "SELECT n.outbox_key, n.department, n.platform, n.destination, n.at_ms "
                 "FROM alert_notice_rules r JOIN alert_notices n ON n.outbox_key = r.outbox_key "
                 "WHERE r.rule = ?1 ORDER BY n.at_ms, n.outbox_key"),
      rules_of_notice(db, "SELECT rule FROM alert_notice_rules WHERE outbox_key = ?1 ORDER BY rule"),
      add_silence(db,
                  "INSERT INTO silences (rule, starts_ms, ends_ms, by, reason) VALUES (?1, ?2, ?3, ?4, ?5) "
                  "RETURNING id"),
      silences(db,
               "SELECT id, rule, starts_ms, ends_ms, by, reason, ended_ms FROM silences "
               "WHERE ends_ms > ?1 AND starts_ms <= ?1 AND ended_ms IS NULL ORDER BY ends_ms, id"),
      end_silence(db,
                  "UPDATE silences SET ended_ms = ?2 WHERE id = ?1 AND ended_ms IS NULL AND ends_ms > ?2"),
      take_turn(db, "UPDATE turns SET taken = taken + 1 WHERE name = 'alerts'") {}

}  // namespace sql

namespace {

std::optional<SysTime> optional_time(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return from_ms(row.integer(column));
}

Statement& bind_value(Statement& s, int index, const std::optional<double>& value) {
  return value ? s.bind_real(index, *value) : s.bind_null(index);
}

class SqlAlertWriter final : public AlertWriter {
 public:
  SqlAlertWriter(SqlStore& store, sql::AlertStatements& s, HandoffWriter& handoffs)
      : store_(store), s_(s), handoffs_(handoffs) {}

  void save_alert(const AlertRecord& a) override {
    s_.save.bind(1, a.rule).bind(2, a.state);
    bind_time(s_.save, 3, a.active_since);
    bind_time(s_.save, 4, a.fired_at);
    bind_value(s_.save, 5, a.value);
    bind_time(s_.save, 6, a.notified_at);
    s_.save.bind(7, std::int64_t{a.notice_due ? 1 : 0});
    if (a.handoff) {
      s_.save.bind(8, *a.handoff);
    } else {
      s_.save.bind_null(8);
    }
    s_.save.bind(9, to_ms(a.evaluated_at)).run();
  }

  bool record_alert_event(const AlertEvent& e) override {
    s_.record_event.bind(1, e.key).bind(2, e.rule).bind(3, e.state);
    bind_value(s_.record_event, 4, e.value);
    s_.record_event.bind(5, to_ms(e.at)).run();
    return s_.record_event.changes() == 1;
  }

  void add_notice(const AlertNotice& n) override {
    s_.add_notice.bind(1, n.outbox_key)
        .bind(2, n.department)
        .bind(3, to_string(n.platform))
        .bind(4, sql::destination_json(n.destination))
        .bind(5, to_ms(n.at))
        .run();
    for (const std::string& rule : n.rules)
      s_.add_notice_rule.bind(1, n.outbox_key).bind(2, rule).run();
  }

  bool enqueue(const OutboxItem& item) override { return store_.enqueue(item); }
  HandoffWriter& handoffs() override { return handoffs_; }

 private:
  SqlStore& store_;
  sql::AlertStatements& s_;
  HandoffWriter& handoffs_;
};

}  // namespace

sql::AlertStatements& SqlStore::alert_statements() {
  if (!alert_statements_) alert_statements_ = std::make_unique<sql::AlertStatements>(database());
  return *alert_statements_;
}

void SqlStore::alert_transaction(const std::function<void(AlertWriter&)>& work) {
  handoff_transaction([&](HandoffWriter& handoffs) {
    // Instances evaluate one after the other, each reading the alerts as the one before left them:
    // otherwise two would see an alert pending and both announce it fired.
    alert_statements().take_turn.run();
    SqlAlertWriter writer(*this, alert_statements(), handoffs);
    work(writer);
  });
}

std::vector<AlertRecord> SqlStore::alerts() {
  return all_rows<AlertRecord>(alert_statements().all, [](const Statement& row) {
    AlertRecord a;
    a.rule = row.text(0);
    a.state = row.text(1);
    a.active_since = optional_time(row, 2);
    a.fired_at = optional_time(row, 3);
    if (!row.is_null(4)) a.value = row.real(4);
    a.notified_at = optional_time(row, 5);
    a.notice_due = row.integer(6) != 0;
    if (!row.is_null(7)) a.handoff = row.integer(7);
    a.evaluated_at = from_ms(row.integer(8));
    return a;
  });
}

std::vector<AlertEvent> SqlStore::alert_events(SysTime from, SysTime to) {
  Statement& query = alert_statements().events;
  query.bind(1, to_ms(from)).bind(2, to_ms(to));
  return all_rows<AlertEvent>(query, [](const Statement& row) {
    AlertEvent e;
    e.key = row.text(0);
    e.rule = row.text(1);
    e.state = row.text(2);
    if (!row.is_null(3)) e.value = row.real(3);
    e.at = from_ms(row.integer(4));
    return e;
  });
}

std::vector<AlertNotice> SqlStore::alert_notices(const std::string& rule) {
  sql::AlertStatements& s = alert_statements();
  s.notices_of.bind(1, rule);
  std::vector<AlertNotice> notices = all_rows<AlertNotice>(s.notices_of, [](const Statement& row) {
    AlertNotice n;
    n.outbox_key = row.text(0);
    n.department = row.text(1);
    n.platform = parse_platform(row.text(2)).value_or(Platform::console);
    n.destination = sql::destination_from(row.text(3));
    n.at = from_ms(row.integer(4));
    return n;
  });
  for (AlertNotice& n : notices) {
    s.rules_of_notice.bind(1, n.outbox_key);
    n.rules = all_rows<std::string>(s.rules_of_notice, [](const Statement& row) { return row.text(0); });
  }
  return notices;
}

std::int64_t SqlStore::add_silence(const Silence& silence) {
  Statement& insert = alert_statements().add_silence;
  insert.bind(1, silence.rule)
      .bind(2, to_ms(silence.starts))
      .bind(3, to_ms(silence.ends))
      .bind(4, silence.by)
      .bind(5, silence.reason);
  return sql::inserted_id(insert);
}

std::vector<Silence> SqlStore::silences(SysTime at) {
  Statement& query = alert_statements().silences;
  query.bind(1, to_ms(at));
  return all_rows<Silence>(query, [](const Statement& row) {
    Silence s;
    s.id = row.integer(0);
    s.rule = row.text(1);
    s.starts = from_ms(row.integer(2));
    s.ends = from_ms(row.integer(3));
    s.by = row.text(4);
    s.reason = row.text(5);
    s.ended = optional_time(row, 6);
    return s;
  });
}

bool SqlStore::end_silence(std::int64_t id, SysTime at) {
  Statement& update = alert_statements().end_silence;
  update.bind(1, id).bind(2, to_ms(at)).run();
  return update.changes() == 1;
}

}  // namespace baton
