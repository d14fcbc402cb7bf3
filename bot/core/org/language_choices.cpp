#include "bot/core/org/language_choices.hpp"

#include <mutex>

namespace baton {

std::optional<std::optional<Locale>> LanguageChoices::find(const std::string& member) const {
  const std::shared_lock lock(mutex_);
  const auto it = by_member_.find(member);
  if (it == by_member_.end()) return std::nullopt;
  return it->second;
}

void LanguageChoices::read(const std::string& member, std::optional<Locale> stored) {
  const std::unique_lock lock(mutex_);
  by_member_.try_emplace(member, stored);
}

void LanguageChoices::chosen(const std::string& member, Locale locale) {
  const std::unique_lock lock(mutex_);
  by_member_.insert_or_assign(member, locale);
}

}  // namespace baton
