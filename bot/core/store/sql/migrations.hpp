// The store's schema, as the ordered list of migrations that build it, written in SQLite's words;
// PostgreSQL runs them translated to its types (postgres::translated_ddl). This is its one definition: a
// change to the schema is a new migration at the end, never an edit of one that has shipped, and in SQL
// that both databases read once translated.
#pragma once

#include <span>
#include <string_view>

namespace baton::sql {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> migrations();

}  // namespace baton::sql
