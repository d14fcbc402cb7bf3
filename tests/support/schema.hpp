// The schema version this build creates, so tests follow the migration list instead of a copy of it.
#pragma once

#include <string>

#include "bot/core/store/sql/migrations.hpp"

namespace baton::test {

inline int schema_version() {
  return sql::migrations().back().version;
}
inline std::string schema_version_text() {
  return std::to_string(schema_version());
}

}  // namespace baton::test
