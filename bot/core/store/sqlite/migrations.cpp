#include "bot/core/store/sqlite/migrations.hpp"

#include <array>

namespace baton::sqlite {
namespace {

constexpr std::array kMigrations{
    Migration{1, "member settings",
              R"sql(
CREATE TABLE member_settings (
  member_key TEXT PRIMARY KEY,
  locale     TEXT CHECK (locale IN ('en', 'fr')),
  updated_at TEXT NOT NULL
) STRICT;
)sql"},
};

constexpr bool numbered_in_order() {
  for (std::size_t i = 0; i < kMigrations.size(); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return true;
}
static_assert(numbered_in_order(), "migrations are numbered 1, 2, 3... in order");

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

}  // namespace baton::sqlite
