// Members' own choices of language (`/baton language`), kept in memory in front of the store, so that a
// command need not cross to the store's thread only to learn which language to answer in: that crossing
// was one of the two each read command made.
//
// Only for a store this process alone writes (SQLite). On a PostgreSQL store shared by several
// instances, another instance may change a choice, so commands read it from the store every time.
#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "bot/core/i18n/locale.hpp"

namespace baton {

class LanguageChoices {
 public:
  // What is known of a member's choice: nullopt when the store has not been asked yet; an empty
  // choice when they never made one.
  std::optional<std::optional<Locale>> find(const std::string& member) const;
  // What the store answered. Kept only if nothing is known yet: a choice made while the store was being
  // read is newer than that answer.
  void read(const std::string& member, std::optional<Locale> stored);
  // A choice just stored (committed): it replaces whatever was known.
  void chosen(const std::string& member, Locale locale);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::optional<Locale>> by_member_;  // members of the map, so bounded
};

}  // namespace baton
