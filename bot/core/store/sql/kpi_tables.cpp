// SqlStore's KPI tables (migrations 6 and 8): one value a KPI and day, and the values they replaced.
#include "bot/core/store/sql/kpi_statements.hpp"
#include "bot/core/store/sql/sql_store.hpp"

namespace baton {

using sql::all_rows;
using sql::from_ms;
using sql::Statement;
using sql::to_ms;

namespace sql {

KpiStatements::KpiStatements(sql::Database& db)
    : next_revision(db, "UPDATE turns SET taken = taken + 1 WHERE name = 'kpi_points' RETURNING taken"),
      current(db, "SELECT value, source, recorded_ms FROM kpi_points WHERE kpi = ?1 AND day = ?2"),
      upsert(db,
             "INSERT INTO kpi_points (kpi, day, value, source, recorded_ms, revision) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kpi, day) DO UPDATE SET value = excluded.value, "
             "source = excluded.source, recorded_ms = excluded.recorded_ms, revision = excluded.revision"),
      remember(db,
               "INSERT INTO kpi_point_history (kpi, day, value, source, recorded_ms, replaced_by, "
               "replaced_by_source, replaced_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
      points(db,
             "SELECT kpi, day, value, source, recorded_ms, revision FROM kpi_points WHERE kpi = ?1 AND day "
             "BETWEEN ?2 AND ?3 ORDER BY day"),
      all_points(db,
                 "SELECT kpi, day, value, source, recorded_ms, revision FROM kpi_points WHERE day BETWEEN ?1 "
                 "AND ?2 ORDER BY kpi, day"),
      history(db,
              "SELECT kpi, day, value, source, recorded_ms, replaced_by, replaced_by_source, replaced_ms "
              "FROM kpi_point_history WHERE kpi = ?1 AND day = ?2 ORDER BY id"),
      changed_since(
          db,
          "SELECT kpi, day, value, source, recorded_ms, revision FROM kpi_points WHERE revision > ?1 "
          "ORDER BY revision, kpi, day") {}

}  // namespace sql

namespace {

// Reads kpi, day, value, source, recorded_ms (and revision, when selected).
KpiPointRecord point_row(const Statement& row) {
  return {{row.text(0), row.text(1), row.real(2)}, row.text(3), from_ms(row.integer(4)), 0};
}

KpiPointRecord point_row_with_revision(const Statement& row) {
  KpiPointRecord record = point_row(row);
  record.revision = row.integer(5);
  return record;
}

}  // namespace

sql::KpiStatements& SqlStore::kpi_statements() {
  if (!kpi_statements_) kpi_statements_ = std::make_unique<sql::KpiStatements>(database());
  return *kpi_statements_;
}

KpiWriteResult SqlStore::put_kpi_points(const std::vector<KpiPoint>& points, const std::string& source,
                                        SysTime at) {
  sql::KpiStatements& s = kpi_statements();
  return sql::in_transaction(database(), "storing KPI points", [&] {
    // First: a second writer waits here until this one commits, then reads what it stored.
    const std::int64_t revision = s.next_revision.step() ? s.next_revision.integer(0) : 0;
    s.next_revision.reset();
    KpiWriteResult result;
    for (const KpiPoint& p : points) {
      s.current.bind(1, p.kpi).bind(2, p.day);
      std::optional<KpiPointRecord> before;
      if (s.current.step()) before = KpiPointRecord{p, s.current.text(1), from_ms(s.current.integer(2))};
      if (before) before->point.value = s.current.real(0);
      s.current.reset();
      if (before && before->point.value == p.value) {
        ++result.unchanged;
        continue;
      }
      if (before) {
        s.remember.bind(1, p.kpi)
            .bind(2, p.day)
            .bind_real(3, before->point.value)
            .bind(4, before->source)
            .bind(5, to_ms(before->recorded_at))
            .bind_real(6, p.value)
            .bind(7, source)
            .bind(8, to_ms(at))
            .run();
        ++result.replaced;
      } else {
        ++result.stored;
      }
      s.upsert.bind(1, p.kpi)
          .bind(2, p.day)
          .bind_real(3, p.value)
          .bind(4, source)
          .bind(5, to_ms(at))
          .bind(6, revision)
          .run();
    }
    return result;
  });
}

std::vector<KpiPointRecord> SqlStore::kpi_points(const std::string& kpi, const std::string& first_day,
                                                 const std::string& last_day) {
  sql::KpiStatements& s = kpi_statements();
  if (kpi.empty()) {
    s.all_points.bind(1, first_day).bind(2, last_day);
    return all_rows<KpiPointRecord>(s.all_points, point_row_with_revision);
  }
  s.points.bind(1, kpi).bind(2, first_day).bind(3, last_day);
  return all_rows<KpiPointRecord>(s.points, point_row_with_revision);
}

std::vector<KpiPointRecord> SqlStore::kpi_points_changed_since(std::int64_t revision) {
  sql::KpiStatements& s = kpi_statements();
  s.changed_since.bind(1, revision);
  return all_rows<KpiPointRecord>(s.changed_since, point_row_with_revision);
}

std::vector<KpiPointChange> SqlStore::kpi_point_history(const std::string& kpi, const std::string& day) {
  sql::KpiStatements& s = kpi_statements();
  s.history.bind(1, kpi).bind(2, day);
  return all_rows<KpiPointChange>(s.history, [](const Statement& row) {
    return KpiPointChange{point_row(row), row.real(5), row.text(6), from_ms(row.integer(7))};
  });
}

}  // namespace baton
