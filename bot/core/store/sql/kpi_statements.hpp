// The prepared statements of the KPI tables (migration 6).
#pragma once

#include "bot/core/store/sql/statement.hpp"

namespace baton::sql {

struct KpiStatements {
  explicit KpiStatements(sql::Database& db);
  Statement next_revision;
  Statement current;
  Statement upsert;
  Statement remember;
  Statement points;
  Statement all_points;
  Statement history;
  Statement changed_since;
};

}  // namespace baton::sql
