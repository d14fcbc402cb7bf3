// A schedule as its reader says it, in their language: "weekdays at 09:30", "en semaine à 09:30",
// "every 2 weeks on Thursday at 16:00, from Thursday 26 November 2026". What the config says in its own
// words (cron, or the readable form in English or French) is shown this way to whoever reads it.
#pragma once

#include <string>

#include "bot/core/i18n/locale.hpp"
#include "bot/core/schedule/schedule.hpp"

namespace baton {

std::string describe_schedule(const Schedule& schedule, Locale locale);

}  // namespace baton
