// The prepared statements of the alert tables (migration 6).
#pragma once

#include "bot/core/store/sql/statement.hpp"

namespace baton::sql {

struct AlertStatements {
  explicit AlertStatements(sql::Database& db);
  Statement save;
  Statement all;
  Statement record_event;
  Statement events;
  Statement add_notice;
  Statement add_notice_rule;
  Statement notices_of;
  Statement rules_of_notice;
  Statement add_silence;
  Statement silences;
  Statement end_silence;
  Statement take_turn;
};

}  // namespace baton::sql
