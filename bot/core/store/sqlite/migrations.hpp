// The SQLite schema, as the ordered list of migrations that build it. This is its one definition:
// a change to the schema is a new migration at the end, never an edit of one that has shipped.
#pragma once

#include <span>
#include <string_view>

namespace baton::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> migrations();

}  // namespace baton::sqlite
