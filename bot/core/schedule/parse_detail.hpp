// Shared by the two schedule parsers (cron.cpp, readable.cpp); not part of the schedule's interface.
#pragma once

#include <string_view>

#include "bot/core/schedule/schedule.hpp"

namespace baton::schedule_detail {

ScheduleParse parse_cron(std::string_view text);
ScheduleParse parse_readable(std::string_view text);

// The column (in characters, from 1) of the byte at `offset` in UTF-8 `text`.
std::size_t column_at(std::string_view text, std::size_t offset);

// Fills Schedule::times from the hours and minutes chosen.
void set_times(Schedule& schedule, const std::bitset<24>& hours, const std::bitset<60>& minutes);

// An error when the days chosen can never happen (day 31 of February), else nullopt.
std::optional<std::string> never_fires(const Schedule& schedule);

}  // namespace baton::schedule_detail
