// Readable schedules, in English or French:
//   daily 09:00                     tous les jours 9h
//   weekdays 09:30                  en semaine à 9h30
//   mon,thu 16:00                   lun,jeu 16h
//   every 2 weeks on thu 16:00 from 2026-11-26
//                                   toutes les 2 semaines le jeu 16h à partir du 2026-11-26
//   monthly on day 1 08:00          chaque mois le 1 à 8h   /   le 1 de chaque mois 8h
//   last fri of month 15:00         dernier ven du mois 15h
// Words are matched without case or accents; phrases in either language become one canonical word
// first, so a single grammar reads both.
#include <array>
#include <charconv>

#include "bot/core/schedule/parse_detail.hpp"
#include "bot/core/text/fold.hpp"

namespace baton::schedule_detail {
namespace {

enum class Kind { word, number, time, date, comma, days };

struct Token {
  Kind kind = Kind::word;
  std::string word;      // folded, or the canonical word a phrase became
  std::string original;  // as written, for messages
  std::size_t column = 1;
  unsigned value = 0;     // number; minutes after midnight for a time
  std::bitset<7> days;    // for Kind::days
  date::sys_days when{};  // for Kind::date
};

struct Phrase {
  std::array<std::string_view, 4> words;  // folded; unused slots empty
  std::string_view canonical;
};

// Longest phrases first, so "a partir du" wins over "a".
constexpr std::array<Phrase, 46> kPhrases = {{
    {{"starting", "from"}, "from"},
    {{"a", "partir", "du"}, "from"},
    {{"a", "partir", "de"}, "from"},
    {{"of", "the", "month"}, "of-month"},
    {{"of", "every", "month"}, "of-month"},
    {{"of", "each", "month"}, "of-month"},
    {{"de", "chaque", "mois"}, "of-month"},
    {{"tous", "les", "mois"}, "monthly"},
    {{"tous", "les", "jours"}, "daily"},
    {{"du", "lundi", "au", "vendredi"}, "weekdays"},
    {{"every", "day"}, "daily"},
    {{"chaque", "jour"}, "daily"},
    {{"every", "weekday"}, "weekdays"},
    {{"en", "semaine"}, "weekdays"},
    {{"jours", "ouvres"}, "weekdays"},
    {{"every", "weekend"}, "weekends"},
    {{"le", "week-end"}, "weekends"},
    {{"le", "weekend"}, "weekends"},
    {{"every", "month"}, "monthly"},
    {{"each", "month"}, "monthly"},
    {{"chaque", "mois"}, "monthly"},
    {{"toutes", "les"}, "every"},
    {{"tous", "les"}, "every"},
    {{"des", "le"}, "from"},
    {{"of", "month"}, "of-month"},
    {{"du", "mois"}, "of-month"},
    {{"on", "the"}, "on"},
    {{"daily"}, "daily"},
    {{"quotidien"}, "daily"},
    {{"weekdays"}, "weekdays"},
    {{"weekends"}, "weekends"},
    {{"week-end"}, "weekends"},
    {{"weekend"}, "weekends"},
    {{"monthly"}, "monthly"},
    {{"mensuel"}, "monthly"},
    {{"weekly"}, "weekly"},
    {{"hebdomadaire"}, "weekly"},
    {{"semaines"}, "weeks"},
    {{"weeks"}, "weeks"},
    {{"semaine"}, "week"},
    {{"jour"}, "day"},
    {{"le"}, "on"},
    {{"les"}, "on"},
    {{"a"}, "at"},
    {{"and"}, ","},
    {{"et"}, ","},
}};

struct Ordinal {
  std::string_view word;
  int value;
};
constexpr std::array<Ordinal, 17> kOrdinals = {{{"first", 1},
                                                {"1st", 1},
                                                {"premier", 1},
                                                {"1er", 1},
                                                {"second", 2},
                                                {"2nd", 2},
                                                {"deuxieme", 2},
                                                {"2e", 2},
                                                {"third", 3},
                                                {"3rd", 3},
                                                {"troisieme", 3},
                                                {"3e", 3},
                                                {"fourth", 4},
                                                {"4th", 4},
                                                {"quatrieme", 4},
                                                {"last", -1},
                                                {"dernier", -1}}};

struct DayName {
  std::string_view word;
  unsigned day;  // 0 = Sunday
};
constexpr std::array<DayName, 31> kDayNames = {{
    {"sun", 0},    {"sunday", 0}, {"dim", 0},       {"dimanche", 0}, {"mon", 1},      {"monday", 1},
    {"lun", 1},    {"lundi", 1},  {"tue", 2},       {"tues", 2},     {"tuesday", 2},  {"mar", 2},
    {"mardi", 2},  {"wed", 3},    {"wednesday", 3}, {"mer", 3},      {"mercredi", 3}, {"thu", 4},
    {"thur", 4},   {"thurs", 4},  {"thursday", 4},  {"jeu", 4},      {"jeudi", 4},    {"fri", 5},
    {"friday", 5}, {"ven", 5},    {"vendredi", 5},  {"sat", 6},      {"saturday", 6}, {"sam", 6},
    {"samedi", 6},
}};

std::optional<unsigned> day_number(std::string_view folded) {
  for (const DayName& name : kDayNames) {
    if ((folded == name.word || (folded.size() == name.word.size() + 1 && folded.back() == 's' &&
                                 folded.substr(0, name.word.size()) == name.word))) {
      return name.day;  // "lundis", "mondays" too
    }
  }
  return std::nullopt;
}

std::optional<int> ordinal(std::string_view folded) {
  if (folded == "derniere") return -1;  // "dernière" folded
  for (const Ordinal& o : kOrdinals) {
    if (folded == o.word) return o.value;
  }
  return std::nullopt;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

unsigned to_number(std::string_view digits) {
  unsigned out = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return out;
}

// "09:30", "9:30", "9h", "9h30", "09h30", "9am", "4:30pm"; minutes after midnight, or an error message.
std::variant<unsigned, std::string> read_time(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9')
    ++at;
  if (at == 0 || at > 2) return std::string("expected a time such as 09:30");
  unsigned hour = to_number(text.substr(0, at));
  unsigned minute = 0;
  std::string_view rest = text.substr(at);
  const bool has_minutes_separator = !rest.empty() && (rest.front() == ':' || rest.front() == 'h');
  if (has_minutes_separator) {
    const char separator = rest.front();
    rest.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
      ++digits;
    if (digits == 0 && separator == ':') return std::string("expected minutes after the colon, as in 09:30");
    if (digits != 0 && digits != 2) return std::string("minutes have two digits, as in 09:05");
    if (digits == 2) minute = to_number(rest.substr(0, 2));
    rest.remove_prefix(digits);
  }
  if (rest == "am" || rest == "pm") {
    if (hour < 1 || hour > 12) return std::string("with am or pm, the hour is from 1 to 12");
    hour = hour % 12 + (rest == "pm" ? 12 : 0);
    rest = {};
  }
  if (!rest.empty()) return std::string("expected a time such as 09:30");
  if (!has_minutes_separator && text.size() == at) return std::string("expected a time such as 09:30");
  if (hour > 23) return "hour " + std::to_string(hour) + " is out of range 0-23";
  if (minute > 59) return "minute " + std::to_string(minute) + " is out of range 0-59";
  return hour * 60 + minute;
}

bool looks_like_time(std::string_view folded) {
  return !folded.empty() && folded.front() >= '0' && folded.front() <= '9' &&
         (folded.find(':') != std::string_view::npos || folded.find('h') != std::string_view::npos ||
          folded.ends_with("am") || folded.ends_with("pm"));
}

std::optional<date::sys_days> read_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{static_cast<int>(to_number(text.substr(0, 4)))},
                                 date::month{to_number(text.substr(5, 2))},
                                 date::day{to_number(text.substr(8, 2))}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days{ymd};
}

// "mon", "lundi", "mon-fri", "lun-ven"; nullopt when the word is not about days at all.
std::optional<std::variant<std::bitset<7>, ScheduleError>> read_days(std::string_view word,
                                                                     std::size_t column) {
  const std::size_t dash = word.find('-');
  if (dash == std::string_view::npos) {
    const auto day = day_number(word);
    if (!day) return std::nullopt;
    std::bitset<7> days;
    days.set(*day);
    return days;
  }
  const auto first = day_number(word.substr(0, dash));
  const auto last = day_number(word.substr(dash + 1));
  if (!first && !last) return std::nullopt;
  if (!first || !last) {
    return ScheduleError{column,
                         "\"" + std::string(word) + "\" is not a range of days; write one as mon-fri"};
  }
  std::bitset<7> days;
  // Ranges wrap over the weekend: fri-mon is Friday to Monday.
  for (unsigned d = *first;; d = (d + 1) % 7) {
    days.set(d);
    if (d == *last) break;
  }
  return days;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  ScheduleParse parse() {
    if (auto error = tokenize()) return *error;
    schedule_.any_day_of_month = true;
    schedule_.any_weekday = true;
    if (auto error = days()) return *error;
    if (auto error = times()) return *error;
    if (auto error = start_date()) return *error;
    if (!at_end()) {
      return error_here("unexpected \"" + peek().original +
                        "\" after the time; a schedule ends with its times "
                        "and an optional \"from YYYY-MM-DD\"");
    }
    if (schedule_.every_weeks > 1 && !schedule_.from) {
      return ScheduleError{
          column_at(text_, text_.size()),
          "every " + std::to_string(schedule_.every_weeks) +
              " weeks needs the week it counts from: add \"from YYYY-MM-DD\" (a date in a week "
              "it fires)"};
    }
    return schedule_;
  }

 private:
  // Splits on white space and commas, classifies each piece, then joins known phrases.
  std::optional<ScheduleError> tokenize() {
    std::vector<Token> raw;
    for (std::size_t at = 0; at < text_.size();) {
      const char c = text_[at];
      if (c == ' ' || c == '\t') {
        ++at;
        continue;
      }
      Token token;
      token.column = column_at(text_, at);
      if (c == ',') {
        token.kind = Kind::comma;
        token.word = token.original = ",";
        ++at;
      } else {
        const std::size_t start = at;
        while (at < text_.size() && text_[at] != ' ' && text_[at] != '\t' && text_[at] != ',')
          ++at;
        token.original = std::string(text_.substr(start, at - start));
        token.word = fold(token.original);
      }
      raw.push_back(std::move(token));
    }
    for (std::size_t i = 0; i < raw.size();) {
      std::size_t used = 0;
      for (const Phrase& phrase : kPhrases) {
        std::size_t length = 0;
        while (length < phrase.words.size() && !phrase.words[length].empty())
          ++length;
        if (i + length > raw.size()) continue;
        bool matches = true;
        for (std::size_t k = 0; k < length && matches; ++k)
          matches = raw[i + k].word == phrase.words[k];
        if (!matches) continue;
        Token token = raw[i];
        for (std::size_t k = 1; k < length; ++k)
          token.original += " " + raw[i + k].original;
        token.word = std::string(phrase.canonical);
        if (token.word == ",") token.kind = Kind::comma;
        tokens_.push_back(std::move(token));
        used = length;
        break;
      }
      if (used == 0) {
        Token token = std::move(raw[i]);
        if (auto error = classify(token)) return error;
        tokens_.push_back(std::move(token));
        used = 1;
      }
      i += used;
    }
    return std::nullopt;
  }

  std::optional<ScheduleError> classify(Token& token) {
    if (token.kind == Kind::comma) return std::nullopt;
    const std::string& w = token.word;
    if (ordinal(w)) return std::nullopt;  // "4th" is no time
    if (all_digits(w)) {
      token.kind = Kind::number;
      token.value = w.size() > 4 ? 99999 : to_number(w);
    } else if (auto when = read_date(w)) {
      token.kind = Kind::date;
      token.when = *when;
    } else if (looks_like_time(w)) {
      auto time = read_time(w);
      if (auto* message = std::get_if<std::string>(&time)) return ScheduleError{token.column, *message};
      token.kind = Kind::time;
      token.value = std::get<unsigned>(time);
    } else if (auto days = read_days(w, token.column)) {
      if (auto* error = std::get_if<ScheduleError>(&*days)) return *error;
      token.kind = Kind::days;
      token.days = std::get<std::bitset<7>>(*days);
    }
    return std::nullopt;
  }

  bool at_end() const { return next_ >= tokens_.size(); }
  const Token& peek() const { return tokens_[next_]; }
  bool accept(std::string_view word) {
    if (at_end() || peek().kind != Kind::word || peek().word != word) return false;
    ++next_;
    return true;
  }
  ScheduleError error_here(std::string message) const {
    return ScheduleError{at_end() ? column_at(text_, text_.size()) : peek().column, std::move(message)};
  }

  std::optional<ScheduleError> day_list() {
    if (at_end() || peek().kind != Kind::days) {
      return error_here(at_end()
                            ? "expected a day such as mon, or a list such as mon,thu"
                            : "\"" + peek().original + "\" is not a day; expected mon..sun (or lun..dim)");
    }
    schedule_.weekdays.reset();
    schedule_.any_weekday = false;
    while (true) {
      schedule_.weekdays |= peek().days;
      ++next_;
      if (at_end() || peek().kind != Kind::comma || next_ + 1 >= tokens_.size()) return std::nullopt;
      const Token& after = tokens_[next_ + 1];
      if (after.kind == Kind::word) {
        return ScheduleError{after.column,
                             "\"" + after.original + "\" is not a day; expected mon..sun (or lun..dim)"};
      }
      // A comma before a time belongs to no list; leave it for times() to report.
      if (after.kind != Kind::days) return std::nullopt;
      ++next_;
    }
  }

  std::optional<ScheduleError> day_of_month_list() {
    schedule_.days_of_month.reset();
    schedule_.any_day_of_month = false;
    while (true) {
      if (at_end() || peek().kind != Kind::number)
        return error_here("expected a day of the month from 1 to 31");
      if (peek().value < 1 || peek().value > 31) {
        return error_here("day " + peek().original + " of the month is out of range 1-31");
      }
      schedule_.days_of_month.set(peek().value);
      ++next_;
      if (at_end() || peek().kind != Kind::comma || next_ + 1 >= tokens_.size() ||
          tokens_[next_ + 1].kind != Kind::number) {
        return std::nullopt;
      }
      ++next_;
    }
  }

  std::optional<ScheduleError> days() {
    if (at_end()) return error_here("the schedule is empty");
    if (accept("daily")) return std::nullopt;
    if (accept("weekdays")) {
      schedule_.weekdays = std::bitset<7>{0b0111110};
      schedule_.any_weekday = false;
      return std::nullopt;
    }
    if (accept("weekends")) {
      schedule_.weekdays = std::bitset<7>{0b1000001};
      schedule_.any_weekday = false;
      return std::nullopt;
    }
    if (accept("monthly")) {
      accept("on");
      accept("day");
      return day_of_month_list();
    }
    if (accept("weekly")) {
      accept("on");
      return day_list();
    }
    if (accept("every")) {
      if (!at_end() && peek().kind == Kind::number) {
        const Token& count = peek();
        if (count.value < 1 || count.value > 52) return error_here("every N weeks takes N from 1 to 52");
        schedule_.every_weeks = count.value;
        ++next_;
        if (!accept("weeks") && !accept("week")) return error_here("expected \"weeks\" after the number");
      } else if (!accept("week") && !accept("weeks")) {
        // "every monday", "every mon,thu"
        return day_list();
      }
      accept("on");
      return day_list();
    }
    if (!at_end() && peek().kind == Kind::word) {
      if (auto nth = ordinal(peek().word)) {
        ++next_;
        if (auto error = day_list()) return error;
        schedule_.week_of_month = *nth;
        if (!accept("of-month")) return error_here("expected \"of month\" (or \"du mois\") after the day");
        return std::nullopt;
      }
    }
    accept("on");
    if (!at_end() && peek().kind == Kind::number) {
      // "on day 1 of month", "le 1 de chaque mois"
      if (auto error = day_of_month_list()) return error;
      if (!accept("of-month"))
        return error_here("expected \"of month\" (or \"de chaque mois\") after the day");
      return std::nullopt;
    }
    if (accept("day")) {
      if (auto error = day_of_month_list()) return error;
      if (!accept("of-month")) return error_here("expected \"of month\" after the day");
      return std::nullopt;
    }
    if (!at_end() && peek().kind == Kind::days) return day_list();
    return error_here(
        "unknown schedule \"" + peek().original +
        "\"; write a form such as \"weekdays 09:30\", \"mon,thu 16:00\", \"monthly on day 1 08:00\" "
        "or a cron expression such as \"30 9 * * 1-5\"");
  }

  std::optional<ScheduleError> times() {
    std::bitset<std::size_t{24} * 60> chosen;
    bool any = false;
    while (true) {
      accept("at");
      if (at_end() || peek().kind != Kind::time) {
        if (!at_end() && peek().kind == Kind::number) {
          return error_here("\"" + peek().original + "\" is not a time; write it as " + peek().original +
                            ":00 or " + peek().original + "h");
        }
        return error_here(any ? "expected another time after the comma" : "expected a time such as 09:30");
      }
      chosen.set(peek().value);
      any = true;
      ++next_;
      if (at_end() || peek().kind != Kind::comma) break;
      ++next_;
    }
    schedule_.times.clear();
    for (unsigned minute = 0; minute < chosen.size(); ++minute) {
      if (chosen[minute]) schedule_.times.push_back(static_cast<std::uint16_t>(minute));
    }
    return std::nullopt;
  }

  std::optional<ScheduleError> start_date() {
    if (!accept("from")) return std::nullopt;
    if (at_end() || peek().kind != Kind::date)
      return error_here("expected a date as YYYY-MM-DD after \"from\"");
    schedule_.from = peek().when;
    ++next_;
    return std::nullopt;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  Schedule schedule_;
};

}  // namespace

ScheduleParse parse_readable(std::string_view text) {
  return Parser(text).parse();
}

}  // namespace baton::schedule_detail

namespace baton {

std::optional<std::bitset<7>> parse_weekday_list(std::string_view text) {
  std::bitset<7> days;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t comma = text.find(',', at);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(at, comma - at);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    const auto read = schedule_detail::read_days(fold(item), 1);
    if (!read || !std::holds_alternative<std::bitset<7>>(*read)) return std::nullopt;
    days |= std::get<std::bitset<7>>(*read);
    at = comma + 1;
  }
  return days;
}

std::optional<unsigned> parse_time_of_day(std::string_view text) {
  const auto time = schedule_detail::read_time(fold(text));
  if (const auto* minutes = std::get_if<unsigned>(&time)) return *minutes;
  return std::nullopt;
}

}  // namespace baton
