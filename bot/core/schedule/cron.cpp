// Standard 5-field cron (minute hour day-of-month month day-of-week) as Vixie cron reads it: lists,
// ranges, steps, month and day names, 7 for Sunday, and the @daily-style shorthands.
#include <array>
#include <bitset>
#include <charconv>

#include "bot/core/schedule/parse_detail.hpp"
#include "bot/core/text/fold.hpp"

namespace baton::schedule_detail {
namespace {

struct Field {
  const char* name;
  unsigned low;
  unsigned high;
  const std::array<std::string_view, 12>* names;  // names for low, low + 1, ...; nullptr for none
};

constexpr std::array<std::string_view, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// Day of week accepts 7 for Sunday, folded onto 0 once read.
constexpr std::array<Field, 5> kFields = {{{"minute", 0, 59, nullptr},
                                           {"hour", 0, 23, nullptr},
                                           {"day of month", 1, 31, nullptr},
                                           {"month", 1, 12, &kMonthNames},
                                           {"day of week", 0, 7, &kDayNames}}};

struct Shorthand {
  std::string_view name;
  std::string_view expansion;
};
constexpr std::array<Shorthand, 7> kShorthands = {{{"@yearly", "0 0 1 1 *"},
                                                   {"@annually", "0 0 1 1 *"},
                                                   {"@monthly", "0 0 1 * *"},
                                                   {"@weekly", "0 0 * * 0"},
                                                   {"@daily", "0 0 * * *"},
                                                   {"@midnight", "0 0 * * *"},
                                                   {"@hourly", "0 * * * *"}}};

struct FieldError {
  std::size_t offset;  // in the field
  std::string message;
};

class FieldReader {
 public:
  FieldReader(std::string_view text, const Field& field) : text_(text), field_(field) {}

  // Sets the values the field names in `bits`; an error says where in the field it went wrong.
  std::optional<FieldError> read(std::bitset<64>& bits) {
    std::size_t at = 0;
    while (true) {
      if (auto error = item(at, bits)) return error;
      if (at == text_.size()) return std::nullopt;
      if (text_[at] != ',') return FieldError{at, "expected , or the end of the " + name() + " field"};
      ++at;
    }
  }

 private:
  std::string name() const { return field_.name; }
  std::string range_text() const {
    std::string out = std::to_string(field_.low) + "-" + std::to_string(field_.high);
    if (field_.names != nullptr) {
      out += " or " + std::string((*field_.names)[0]) + "-" +
             std::string((*field_.names)[field_.names == &kDayNames ? 6 : 11]);
    }
    return out;
  }

  std::optional<FieldError> value(std::size_t& at, unsigned& out) {
    const std::size_t start = at;
    if (at < text_.size() && text_[at] >= '0' && text_[at] <= '9') {
      while (at < text_.size() && text_[at] >= '0' && text_[at] <= '9')
        ++at;
      const auto result = std::from_chars(text_.data() + start, text_.data() + at, out);
      if (result.ec != std::errc{} || out < field_.low || out > field_.high) {
        return FieldError{start, name() + " " + std::string(text_.substr(start, at - start)) +
                                     " is out of range " + range_text()};
      }
      return std::nullopt;
    }
    while (at < text_.size() &&
           ((text_[at] >= 'a' && text_[at] <= 'z') || (text_[at] >= 'A' && text_[at] <= 'Z')))
      ++at;
    if (at == start) {
      return FieldError{start, "expected a number (" + range_text() + ") or * in the " + name() + " field"};
    }
    const std::string word = fold(text_.substr(start, at - start));
    if (field_.names != nullptr) {
      for (std::size_t i = 0; i < field_.names->size(); ++i) {
        if (!(*field_.names)[i].empty() && (*field_.names)[i] == word) {
          out = field_.low + static_cast<unsigned>(i);
          return std::nullopt;
        }
      }
    }
    return FieldError{start, "\"" + std::string(text_.substr(start, at - start)) + "\" is not a " + name() +
                                 "; expected " + range_text()};
  }

  std::optional<FieldError> item(std::size_t& at, std::bitset<64>& bits) {
    const std::size_t start = at;
    unsigned first = field_.low, last = field_.high;
    bool star = false;
    if (at < text_.size() && text_[at] == '*') {
      star = true;
      ++at;
    } else {
      if (auto error = value(at, first)) return error;
      last = first;
      if (at < text_.size() && text_[at] == '-') {
        ++at;
        const std::size_t range_end = at;
        if (auto error = value(at, last)) return error;
        // "sat-sun" and "5-0": Sunday closing a range is the 7 at the end of the week.
        if (field_.names == &kDayNames && last == 0 && first > 0) last = 7;
        if (last < first) {
          return FieldError{range_end, "the range " + std::string(text_.substr(start, at - start)) +
                                           " runs backwards; write the smaller value first"};
        }
      }
    }
    unsigned step = 1;
    if (at < text_.size() && text_[at] == '/') {
      ++at;
      const std::size_t step_start = at;
      while (at < text_.size() && text_[at] >= '0' && text_[at] <= '9')
        ++at;
      const auto result = std::from_chars(text_.data() + step_start, text_.data() + at, step);
      if (at == step_start || result.ec != std::errc{} || step == 0 || step > field_.high) {
        return FieldError{step_start,
                          "expected a step from 1 to " + std::to_string(field_.high) + " after /"};
      }
      // "5/15" means "5-59/15", as in Vixie cron.
      if (!star && last == first) last = field_.high;
    }
    for (unsigned v = first; v <= last; v += step)
      bits.set(v);
    return std::nullopt;
  }

  std::string_view text_;
  const Field& field_;
};

}  // namespace

ScheduleParse parse_cron(std::string_view text) {
  // Fields and where each starts.
  std::vector<std::pair<std::string_view, std::size_t>> fields;
  for (std::size_t at = 0; at < text.size();) {
    if (text[at] == ' ' || text[at] == '\t') {
      ++at;
      continue;
    }
    const std::size_t start = at;
    while (at < text.size() && text[at] != ' ' && text[at] != '\t')
      ++at;
    fields.emplace_back(text.substr(start, at - start), start);
  }

  if (fields.front().first.front() == '@') {
    const std::string word = fold(fields.front().first);
    for (const Shorthand& shorthand : kShorthands) {
      if (word != shorthand.name) continue;
      if (fields.size() > 1) {
        return ScheduleError{column_at(text, fields[1].second),
                             "nothing may follow " + std::string(shorthand.name)};
      }
      return parse_cron(shorthand.expansion);
    }
    return ScheduleError{column_at(text, fields.front().second),
                         "unknown shorthand \"" + std::string(fields.front().first) +
                             "\"; expected @hourly, @daily, @weekly, @monthly or @yearly"};
  }
  if (fields.size() != kFields.size()) {
    const std::size_t column = fields.size() > kFields.size() ? column_at(text, fields[kFields.size()].second)
                                                              : column_at(text, text.size());
    return ScheduleError{column,
                         "a cron schedule has 5 fields (minute hour day-of-month month day-of-week); "
                         "this one has " +
                             std::to_string(fields.size())};
  }

  std::array<std::bitset<64>, 5> bits;
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    FieldReader reader(fields[i].first, kFields[i]);
    if (auto error = reader.read(bits[i])) {
      return ScheduleError{column_at(text, fields[i].second + error->offset), error->message};
    }
  }

  Schedule schedule;
  set_times(schedule, std::bitset<24>(bits[1].to_ullong()), std::bitset<60>(bits[0].to_ullong()));
  schedule.days_of_month = std::bitset<32>(bits[2].to_ullong());
  schedule.months = std::bitset<13>(bits[3].to_ullong());
  if (bits[4][7]) bits[4].set(0);
  schedule.weekdays = std::bitset<7>(bits[4].to_ullong() & 0x7F);
  // As in Vixie cron, a day field written starting with * does not restrict (even "*/2"), so the other
  // day field alone decides.
  schedule.any_day_of_month = fields[2].first.front() == '*';
  schedule.any_weekday = fields[4].first.front() == '*';
  if (auto never = never_fires(schedule)) return ScheduleError{column_at(text, fields[2].second), *never};
  return schedule;
}

}  // namespace baton::schedule_detail
