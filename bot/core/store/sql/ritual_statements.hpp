// The prepared statements of the ritual tables (migration 4), kept apart from the rest of the store.
#pragma once

#include "bot/core/store/sql/statement.hpp"

namespace baton::sql {

struct RitualStatements {
  explicit RitualStatements(sql::Database& db);
  Statement record_occurrence;
  Statement occurrence;
  Statement occurrences;
  Statement all_occurrences;
  Statement scheduler_mark;
  Statement set_scheduler_mark;
  Statement save_answer;
  Statement answers;
  Statement draft;
  Statement save_draft;
  Statement clear_draft;
  Statement add_days_off;
  Statement days_off;
  Statement all_days_off;
  Statement cancel_days_off;
  Statement skip_day;
  Statement skipped_days;
  Statement pause;
  Statement resume;
  Statement paused;
  Statement add_retro_item;
  Statement retro_items;
  Statement open_actions;
  Statement all_open_actions;
  Statement close_action;
};

}  // namespace baton::sql
