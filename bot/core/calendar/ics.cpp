// RFC 5545 read as far as holidays need: folded lines, properties with parameters, VEVENT blocks with
// DTSTART, DTEND, SUMMARY, STATUS and a yearly RRULE. Anything a holiday list cannot mean (a weekly
// rule, an event with no start) is an error naming its line, never silently dropped.
#include "bot/core/calendar/ics.hpp"

#include <charconv>
#include <optional>

#include "bot/core/text/utf8.hpp"

namespace baton {
namespace {

struct Line {
  int number = 0;      // where it starts in the file
  std::string name;    // upper-case property name
  std::string params;  // ";VALUE=DATE", as written
  std::string value;
};

// Joins folded lines (a line starting with a space or tab continues the one before).
std::vector<Line> unfold(std::string_view text, std::vector<std::string>& errors) {
  std::vector<std::pair<int, std::string>> logical;
  int number = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(at, end - at);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++number;
    at = end + 1;
    if (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t') && !logical.empty()) {
      logical.back().second.append(raw.substr(1));
    } else if (!raw.empty()) {
      logical.emplace_back(number, std::string(raw));
    }
  }
  std::vector<Line> lines;
  for (auto& [line_number, content] : logical) {
    const std::size_t colon = content.find(':');
    if (colon == std::string::npos) {
      errors.push_back("line " + std::to_string(line_number) + ": expected NAME:VALUE, found \"" +
                       content.substr(0, 40) + "\"");
      continue;
    }
    Line line;
    line.number = line_number;
    const std::string head = content.substr(0, colon);
    const std::size_t semicolon = head.find(';');
    line.name = head.substr(0, semicolon);
    for (char& c : line.name)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (semicolon != std::string::npos) line.params = head.substr(semicolon);
    line.value = content.substr(colon + 1);
    lines.push_back(std::move(line));
  }
  return lines;
}

// YYYYMMDD, optionally followed by a time ("T090000Z"), whose date is taken as it is written.
std::optional<date::sys_days> read_date(std::string_view value) {
  if (value.size() < 8) return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const char* data = value.data();
  if (std::from_chars(data, data + 4, year).ptr != data + 4 ||
      std::from_chars(data + 4, data + 6, month).ptr != data + 6 ||
      std::from_chars(data + 6, data + 8, day).ptr != data + 8) {
    return std::nullopt;
  }
  if (value.size() > 8 && value[8] != 'T') return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days{ymd};
}

std::string unescape(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      const char next = value[++i];
      out += (next == 'n' || next == 'N') ? ' ' : next;
    } else {
      out += value[i];
    }
  }
  return out;
}

struct Event {
  int line = 0;
  std::optional<date::sys_days> start;
  std::optional<date::sys_days> end;  // exclusive
  std::string summary;
  std::string rule;
  bool cancelled = false;
};

// A yearly rule's end: COUNT occurrences or an UNTIL date; a rule of any other kind is refused.
std::optional<std::string> read_rule(const Event& event, YearlyHoliday& yearly) {
  std::string_view rule = event.rule;
  bool yearly_frequency = false;
  while (!rule.empty()) {
    const std::size_t semicolon = rule.find(';');
    const std::string_view part = rule.substr(0, semicolon);
    rule = semicolon == std::string_view::npos ? std::string_view{} : rule.substr(semicolon + 1);
    const std::size_t equals = part.find('=');
    const std::string_view name = part.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view{} : part.substr(equals + 1);
    if (name == "FREQ") {
      if (value != "YEARLY") {
        return "RRULE FREQ=" + std::string(value) +
               " is not a holiday rule; only FREQ=YEARLY repeats, list other dates one by one";
      }
      yearly_frequency = true;
    } else if (name == "COUNT") {
      unsigned count = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), count).ec != std::errc{} || count == 0) {
        return "RRULE COUNT must be a positive number";
      }
      const date::year_month_day first{*event.start};
      yearly.until = date::sys_days{
          date::year_month_day{first.year() + date::years{count - 1}, first.month(), first.day()}};
    } else if (name == "UNTIL") {
      const auto until = read_date(value);
      if (!until) return "RRULE UNTIL is not a date (YYYYMMDD)";
      yearly.until = until;
    } else if (name == "INTERVAL") {
      if (value != "1") return "RRULE INTERVAL other than 1 is not supported for holidays";
    } else if (name != "BYMONTH" && name != "BYMONTHDAY" && name != "WKST") {
      return "RRULE " + std::string(name) + " is not supported for holidays; list the dates one by one";
    }
  }
  if (!yearly_frequency) return "RRULE needs FREQ=YEARLY";
  return std::nullopt;
}

void add_event(const Event& event, IcsHolidays& out) {
  const std::string where = "line " + std::to_string(event.line) + ": ";
  if (event.cancelled) return;
  if (!event.start) {
    out.errors.push_back(where + "this VEVENT has no DTSTART date");
    return;
  }
  const date::sys_days end = event.end.value_or(*event.start + date::days{1});
  if (end <= *event.start || end - *event.start > date::days{366}) {
    out.errors.push_back(where + "DTEND must come after DTSTART, within a year");
    return;
  }
  if (!event.rule.empty()) {
    YearlyHoliday yearly;
    const date::year_month_day first{*event.start};
    yearly.day = date::month_day{first.month(), first.day()};
    yearly.from = first.year();
    yearly.name = event.summary;
    if (end - *event.start != date::days{1}) {
      out.errors.push_back(where + "a repeating holiday must last one day");
      return;
    }
    if (auto error = read_rule(event, yearly)) {
      out.errors.push_back(where + *error);
      return;
    }
    out.yearly.push_back(std::move(yearly));
    return;
  }
  for (date::sys_days day = *event.start; day < end; day += date::days{1})
    out.dates[day] = event.summary;
}

}  // namespace

IcsHolidays read_ics_holidays(std::string_view text) {
  IcsHolidays out;
  if (text.size() > kMaxIcsBytes) {
    out.errors.push_back("the file is " + std::to_string(text.size()) + " bytes; 2 MiB at most");
    return out;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark some exports add
  if (const auto fault = first_invalid_utf8(text)) {
    out.errors.push_back("line " + std::to_string(fault->line) + ": " + fault->message());
    return out;
  }
  if (!text.starts_with("BEGIN:VCALENDAR")) {
    out.errors.emplace_back("line 1: an iCalendar file starts with BEGIN:VCALENDAR");
    return out;
  }
  const std::vector<Line> lines = unfold(text, out.errors);
  std::optional<Event> event;
  std::size_t events = 0;
  for (const Line& line : lines) {
    if (line.name == "BEGIN" && line.value == "VEVENT") {
      if (event)
        out.errors.push_back("line " + std::to_string(line.number) + ": BEGIN:VEVENT inside a VEVENT");
      event = Event{line.number, {}, {}, {}, {}, false};
      if (++events > kMaxIcsEvents) {
        out.errors.push_back("more than " + std::to_string(kMaxIcsEvents) +
                             " events; is this a holiday calendar?");
        return out;
      }
    } else if (line.name == "END" && line.value == "VEVENT") {
      if (!event) {
        out.errors.push_back("line " + std::to_string(line.number) + ": END:VEVENT without BEGIN:VEVENT");
        continue;
      }
      add_event(*event, out);
      event.reset();
    } else if (event) {
      const std::string where = "line " + std::to_string(line.number) + ": ";
      if (line.name == "DTSTART" || line.name == "DTEND") {
        const auto day = read_date(line.value);
        if (!day) {
          out.errors.push_back(where + line.name + " is not a date (YYYYMMDD): \"" +
                               line.value.substr(0, 40) + "\"");
        } else {
          (line.name == "DTSTART" ? event->start : event->end) = day;
        }
      } else if (line.name == "SUMMARY") {
        event->summary = unescape(line.value).substr(0, 200);
      } else if (line.name == "RRULE") {
        event->rule = line.value;
      } else if (line.name == "STATUS") {
        event->cancelled = line.value == "CANCELLED";
      }
    }
  }
  if (event) out.errors.push_back("line " + std::to_string(event->line) + ": this VEVENT has no END:VEVENT");
  return out;
}

}  // namespace baton
