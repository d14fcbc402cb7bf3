// The prepared statements of the handoff tables (migration 5), kept apart from the rest of the store.
#pragma once

#include "bot/core/store/sql/statement.hpp"

namespace baton::sql {

struct HandoffStatements {
  explicit HandoffStatements(sql::Database& db);
  Statement insert;
  Statement update;
  Statement by_number;
  Statement query;
  Statement of_run;
  Statement record;
  Statement events;
  Statement clear_timers;
  Statement add_timer;
  Statement claim_timer;
  Statement next_timer;
  Statement due_timers;
  Statement timers_of;
  Statement add_post;
  Statement posts;
  Statement insert_run;
  Statement update_run;
  Statement run;
  Statement runs;
  Statement running_runs;
  Statement sent_message_id;
};

}  // namespace baton::sql
