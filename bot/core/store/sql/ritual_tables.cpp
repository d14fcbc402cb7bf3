// SqlStore's ritual tables: occurrences (claimed with their messages in one transaction), stand-up
// answers and drafts, days off, skips and pauses, retrospective items.
#include <nlohmann/json.hpp>

#include "bot/core/store/sql/ritual_statements.hpp"
#include "bot/core/store/sql/sql_store.hpp"
#include "bot/core/text/json_text.hpp"

namespace baton {

using sql::all_rows;
using sql::from_ms;
using sql::Statement;
using sql::to_ms;

namespace {

constexpr const char* kOccurrenceColumns =
    "key, ritual, step, day, member, due_ms, outcome, reason, recorded_ms";
constexpr const char* kRetroColumns =
    "id, ritual, day, member, kind, text, owner, due_day, done_ms, created_ms";

OccurrenceOutcome outcome_of(const std::string& text) {
  if (text == "skipped") return OccurrenceOutcome::skipped;
  if (text == "missed") return OccurrenceOutcome::missed;
  return OccurrenceOutcome::sent;
}

OccurrenceRecord occurrence_row(const Statement& row) {
  OccurrenceRecord r;
  r.key = row.text(0);
  r.ritual = row.text(1);
  r.step = row.text(2);
  r.day = row.text(3);
  r.member = row.text(4);
  r.due = from_ms(row.integer(5));
  r.outcome = outcome_of(row.text(6));
  r.reason = row.text(7);
  r.recorded_at = from_ms(row.integer(8));
  return r;
}

std::vector<std::string> strings_of(const std::string& json) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed)
    out.push_back(item.is_string() ? item.get<std::string>() : std::string());
  return out;
}

RetroItem retro_row(const Statement& row) {
  RetroItem item;
  item.id = row.integer(0);
  item.ritual = row.text(1);
  item.day = row.text(2);
  item.member = row.text(3);
  item.kind = parse_retro_item_kind(row.text(4)).value_or(RetroItemKind::went_well);
  item.text = row.text(5);
  item.owner = row.text(6);
  item.due_day = row.text(7);
  if (!row.is_null(8)) item.done_at = from_ms(row.integer(8));
  item.created_at = from_ms(row.integer(9));
  return item;
}

}  // namespace

namespace sql {

RitualStatements::RitualStatements(sql::Database& db)
    : record_occurrence(db, std::string("INSERT INTO occurrences (") + kOccurrenceColumns +
                                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (key) DO NOTHING"),
      occurrence(db, std::string("SELECT ") + kOccurrenceColumns + " FROM occurrences WHERE key = ?1"),
      occurrences(db,
                  std::string("SELECT ") + kOccurrenceColumns +
                      " FROM occurrences WHERE ritual = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY due_ms, key"),
      all_occurrences(db, std::string("SELECT ") + kOccurrenceColumns +
                              " FROM occurrences WHERE day BETWEEN ?1 AND ?2 ORDER BY due_ms, key"),
      scheduler_mark(db, "SELECT at_ms FROM scheduler_marks WHERE name = 'scheduler'"),
      set_scheduler_mark(
          db,
          "INSERT INTO scheduler_marks (name, at_ms) VALUES ('scheduler', ?1) "
          // The later of the two: SQLite's max(a, b) is PostgreSQL's greatest(a, b), CASE is both's.
          "ON CONFLICT (name) DO UPDATE SET at_ms = CASE WHEN excluded.at_ms > scheduler_marks.at_ms "
          "THEN excluded.at_ms ELSE scheduler_marks.at_ms END"),
      save_answer(
          db,
          "INSERT INTO standup_answers (ritual, day, member, answers, answered_ms, platform) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (ritual, day, member) DO UPDATE SET "
          "answers = excluded.answers, answered_ms = excluded.answered_ms, platform = excluded.platform"),
      answers(db,
              "SELECT ritual, day, member, answers, answered_ms, platform FROM standup_answers "
              "WHERE ritual = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day, answered_ms"),
      draft(db, "SELECT member, ritual, day, answers, updated_ms FROM standup_drafts WHERE member = ?1"),
      save_draft(
          db,
          "INSERT INTO standup_drafts (member, ritual, day, answers, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
          "ON CONFLICT (member) DO UPDATE SET ritual = excluded.ritual, day = excluded.day, "
          "answers = excluded.answers, updated_ms = excluded.updated_ms"),
      clear_draft(db, "DELETE FROM standup_drafts WHERE member = ?1"),
      add_days_off(db,
                   "INSERT INTO days_off (member, first_day, last_day, created_ms) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (member, first_day) DO UPDATE SET last_day = CASE WHEN excluded.last_day > "
                   "days_off.last_day THEN excluded.last_day ELSE days_off.last_day END"),
      days_off(
          db,
          "SELECT member, first_day, last_day, created_ms FROM days_off WHERE member = ?1 AND last_day >= ?2 "
          "ORDER BY first_day"),
      all_days_off(db,
                   "SELECT member, first_day, last_day, created_ms FROM days_off WHERE last_day >= ?1 "
                   "ORDER BY first_day, member"),
      cancel_days_off(db, "DELETE FROM days_off WHERE member = ?1 AND first_day <= ?3 AND last_day >= ?2"),
      skip_day(db,
               "INSERT INTO ritual_skips (ritual, day, by_member, at_ms) VALUES (?1, ?2, ?3, ?4) "
               "ON CONFLICT DO NOTHING"),
      skipped_days(db, "SELECT day FROM ritual_skips WHERE ritual = ?1 AND day >= ?2 ORDER BY day"),
      pause(
          db,
          "INSERT INTO ritual_pauses (ritual, by_member, at_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING"),
      resume(db, "DELETE FROM ritual_pauses WHERE ritual = ?1"),
      paused(db, "SELECT ritual FROM ritual_pauses ORDER BY ritual"),
      add_retro_item(db,
                     "INSERT INTO retro_items (ritual, day, member, kind, text, owner, due_day, created_ms) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id"),
      retro_items(db, std::string("SELECT ") + kRetroColumns +
                          " FROM retro_items WHERE ritual = ?1 AND day = ?2 ORDER BY id"),
      open_actions(
          db, std::string("SELECT ") + kRetroColumns +
                  " FROM retro_items WHERE ritual = ?1 AND kind = 'action' AND done_ms IS NULL ORDER BY id"),
      all_open_actions(db, std::string("SELECT ") + kRetroColumns +
                               " FROM retro_items WHERE kind = 'action' AND done_ms IS NULL ORDER BY id"),
      close_action(
          db, "UPDATE retro_items SET done_ms = ?2 WHERE id = ?1 AND kind = 'action' AND done_ms IS NULL") {}

}  // namespace sql

sql::RitualStatements& SqlStore::ritual_statements() {
  if (!ritual_statements_) ritual_statements_ = std::make_unique<sql::RitualStatements>(database());
  return *ritual_statements_;
}

bool SqlStore::record_occurrence(const OccurrenceRecord& record, const std::vector<OutboxItem>& messages) {
  Statement& insert = ritual_statements().record_occurrence;
  return sql::in_transaction(database(), "claiming a ritual occurrence", [&] {
    insert.bind(1, record.key)
        .bind(2, record.ritual)
        .bind(3, record.step)
        .bind(4, record.day)
        .bind(5, record.member)
        .bind(6, to_ms(record.due))
        .bind(7, to_string(record.outcome))
        .bind(8, record.reason)
        .bind(9, to_ms(record.recorded_at))
        .run();
    const bool claimed = insert.changes() == 1;
    if (claimed) {
      for (const OutboxItem& item : messages)
        enqueue(item);
    }
    return claimed;
  });
}

std::optional<OccurrenceRecord> SqlStore::occurrence(const std::string& key) {
  Statement& query = ritual_statements().occurrence;
  query.bind(1, key);
  std::optional<OccurrenceRecord> out;
  if (query.step()) out = occurrence_row(query);
  query.reset();
  return out;
}

std::vector<OccurrenceRecord> SqlStore::occurrences(const std::string& ritual, const std::string& first_day,
                                                    const std::string& last_day) {
  auto& s = ritual_statements();
  if (ritual.empty()) {
    s.all_occurrences.bind(1, first_day).bind(2, last_day);
    return all_rows<OccurrenceRecord>(s.all_occurrences, occurrence_row);
  }
  s.occurrences.bind(1, ritual).bind(2, first_day).bind(3, last_day);
  return all_rows<OccurrenceRecord>(s.occurrences, occurrence_row);
}

std::optional<SysTime> SqlStore::scheduler_mark() {
  Statement& query = ritual_statements().scheduler_mark;
  std::optional<SysTime> out;
  if (query.step()) out = from_ms(query.integer(0));
  query.reset();
  return out;
}

void SqlStore::set_scheduler_mark(SysTime at) {
  ritual_statements().set_scheduler_mark.bind(1, to_ms(at)).run();
}

void SqlStore::save_standup_answer(const StandupAnswer& answer) {
  ritual_statements()
      .save_answer.bind(1, answer.ritual)
      .bind(2, answer.day)
      .bind(3, answer.member)
      .bind(4, dump_json(nlohmann::json(answer.answers)))
      .bind(5, to_ms(answer.answered_at))
      .bind(6, answer.platform)
      .run();
}

std::vector<StandupAnswer> SqlStore::standup_answers(const std::string& ritual, const std::string& first_day,
                                                     const std::string& last_day) {
  Statement& query = ritual_statements().answers;
  query.bind(1, ritual).bind(2, first_day).bind(3, last_day);
  return all_rows<StandupAnswer>(query, [](const Statement& row) {
    return StandupAnswer{
        row.text(0), row.text(1), row.text(2), strings_of(row.text(3)), from_ms(row.integer(4)), row.text(5)};
  });
}

std::optional<StandupDraft> SqlStore::standup_draft(const std::string& member) {
  Statement& query = ritual_statements().draft;
  query.bind(1, member);
  std::optional<StandupDraft> out;
  if (query.step()) {
    out = StandupDraft{query.text(0), query.text(1), query.text(2), strings_of(query.text(3)),
                       from_ms(query.integer(4))};
  }
  query.reset();
  return out;
}

void SqlStore::save_standup_draft(const StandupDraft& draft) {
  ritual_statements()
      .save_draft.bind(1, draft.member)
      .bind(2, draft.ritual)
      .bind(3, draft.day)
      .bind(4, dump_json(nlohmann::json(draft.answers)))
      .bind(5, to_ms(draft.updated_at))
      .run();
}

void SqlStore::clear_standup_draft(const std::string& member) {
  ritual_statements().clear_draft.bind(1, member).run();
}

void SqlStore::add_days_off(const DaysOff& off) {
  ritual_statements()
      .add_days_off.bind(1, off.member)
      .bind(2, off.first_day)
      .bind(3, off.last_day)
      .bind(4, to_ms(off.created_at))
      .run();
}

std::vector<DaysOff> SqlStore::days_off(const std::string& member, const std::string& from_day) {
  auto& s = ritual_statements();
  const auto read = [](const Statement& row) {
    return DaysOff{row.text(0), row.text(1), row.text(2), from_ms(row.integer(3))};
  };
  if (member.empty()) {
    s.all_days_off.bind(1, from_day);
    return all_rows<DaysOff>(s.all_days_off, read);
  }
  s.days_off.bind(1, member).bind(2, from_day);
  return all_rows<DaysOff>(s.days_off, read);
}

int SqlStore::cancel_days_off(const std::string& member, const std::string& first_day,
                              const std::string& last_day) {
  Statement& remove = ritual_statements().cancel_days_off;
  remove.bind(1, member).bind(2, first_day).bind(3, last_day).run();
  return remove.changes();
}

bool SqlStore::skip_ritual_day(const std::string& ritual, const std::string& day, const std::string& by,
                               SysTime at) {
  Statement& insert = ritual_statements().skip_day;
  insert.bind(1, ritual).bind(2, day).bind(3, by).bind(4, to_ms(at)).run();
  return insert.changes() == 1;
}

std::vector<std::string> SqlStore::skipped_days(const std::string& ritual, const std::string& from_day) {
  Statement& query = ritual_statements().skipped_days;
  query.bind(1, ritual).bind(2, from_day);
  return all_rows<std::string>(query, [](const Statement& row) { return row.text(0); });
}

bool SqlStore::set_ritual_paused(const std::string& ritual, bool paused, const std::string& by, SysTime at) {
  auto& s = ritual_statements();
  if (paused) {
    s.pause.bind(1, ritual).bind(2, by).bind(3, to_ms(at)).run();
    return s.pause.changes() == 1;
  }
  s.resume.bind(1, ritual).run();
  return s.resume.changes() == 1;
}

std::vector<std::string> SqlStore::paused_rituals() {
  Statement& query = ritual_statements().paused;
  return all_rows<std::string>(query, [](const Statement& row) { return row.text(0); });
}

std::int64_t SqlStore::add_retro_item(const RetroItem& item) {
  Statement& insert = ritual_statements().add_retro_item;
  insert.bind(1, item.ritual)
      .bind(2, item.day)
      .bind(3, item.member)
      .bind(4, to_string(item.kind))
      .bind(5, item.text)
      .bind(6, item.owner)
      .bind(7, item.due_day)
      .bind(8, to_ms(item.created_at));
  return sql::inserted_id(insert);
}

std::vector<RetroItem> SqlStore::retro_items(const std::string& ritual, const std::string& day) {
  Statement& query = ritual_statements().retro_items;
  query.bind(1, ritual).bind(2, day);
  return all_rows<RetroItem>(query, retro_row);
}

std::vector<RetroItem> SqlStore::open_retro_actions(const std::string& ritual) {
  auto& s = ritual_statements();
  if (ritual.empty()) return all_rows<RetroItem>(s.all_open_actions, retro_row);
  s.open_actions.bind(1, ritual);
  return all_rows<RetroItem>(s.open_actions, retro_row);
}

bool SqlStore::close_retro_action(std::int64_t id, SysTime at) {
  Statement& update = ritual_statements().close_action;
  update.bind(1, id).bind(2, to_ms(at)).run();
  return update.changes() == 1;
}

}  // namespace baton
