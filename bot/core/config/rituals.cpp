// Reading business calendars, quiet hours and rituals from the config, with the same line-and-hint
// diagnostics as the rest of it.
#include <sstream>

#include "bot/core/calendar/ics.hpp"
#include "bot/core/clock/zone.hpp"
#include "bot/core/config/checker.hpp"

namespace baton::config_detail {
namespace {

constexpr std::size_t kMaxCalendars = 50;
constexpr std::size_t kMaxHolidays = 1000;
constexpr std::size_t kMaxRituals = 500;
constexpr std::size_t kMaxQuestions = 10;
constexpr std::size_t kMaxAgendaItems = 20;
constexpr std::size_t kMaxParticipants = 5000;

std::optional<date::sys_days> read_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::istringstream in{std::string(text)};
  date::year_month_day ymd{};
  int year = 0;
  unsigned month = 0, day = 0;
  char dash1 = 0, dash2 = 0;
  in >> year >> dash1 >> month >> dash2 >> day;
  if (!in || dash1 != '-' || dash2 != '-') return std::nullopt;
  ymd = date::year{year} / date::month{month} / date::day{day};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days{ymd};
}

// "09:00-12:30, 14:00-18:00"
std::optional<std::vector<WorkingHours>> read_hours(std::string_view text) {
  std::vector<WorkingHours> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t comma = text.find(',', at);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(at, comma - at);
    const std::size_t dash = item.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto start = parse_time_of_day(trim(std::string(item.substr(0, dash))));
    const auto end = parse_time_of_day(trim(std::string(item.substr(dash + 1))));
    if (!start || !end) return std::nullopt;
    out.push_back({static_cast<std::uint16_t>(*start), static_cast<std::uint16_t>(*end)});
    at = comma + 1;
  }
  return out;
}

void read_holiday_list(Checker& c, const YAML::Node& list, const std::string& what, BusinessCalendar& out) {
  if (!list.IsSequence()) {
    c.error(list, what + " must be a list of dates",
            "for example: [2026-12-24, {date: 2026-12-31, name: ...}]");
    return;
  }
  if (list.size() > kMaxHolidays) {
    c.error(list, what + " has more than " + std::to_string(kMaxHolidays) + " dates",
            "put a long list in an .ics file and name it with holidays_file");
    return;
  }
  for (const YAML::Node& item : list) {
    std::optional<std::string> text;
    std::string name;
    if (item.IsMap()) {
      if (!c.map(item, what + " entry", {"date", "name"})) continue;
      text = c.text(item, "date", what + " entry", true, "date: 2026-12-24");
      name = c.text(item, "name", what + " entry").value_or("");
    } else if (item.IsScalar()) {
      text = item.Scalar();
    }
    if (!text) {
      if (!item.IsMap()) c.error(item, what + " entries are dates like 2026-12-24");
      continue;
    }
    const auto day = read_iso_date(*text);
    if (!day) {
      // Pointing at the date itself. A YAML::Node made here, not assigned: assigning one Node to another
      // writes into the first's place in the tree (and throws when the second is missing).
      const YAML::Node at = item.IsMap() ? item["date"] : item;
      c.error(at, in_quotes(*text) + " in " + what + " is not a date", "write it as YYYY-MM-DD: 2026-12-24");
      continue;
    }
    out.holidays[*day] = name;
  }
}

void read_holiday_file(Checker& c, const YAML::Node& node, const std::string& what, BusinessCalendar& out) {
  const fs::path path = c.resolve(node.Scalar());
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    c.error(node, "cannot read " + path.string() + " (" + what + "): " + ec.message(),
            "name an .ics file; relative paths start from the config file's folder");
    return;
  }
  if (size > kMaxIcsBytes) {
    c.error(node,
            path.string() + " is " + std::to_string(size) + " bytes; a holiday calendar is 2 MiB at most");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  IcsHolidays read = read_ics_holidays(text);
  for (const std::string& error : read.errors)
    c.error(node, path.string() + ", " + error);
  if (!read.errors.empty()) return;
  for (auto& [day, name] : read.dates)
    out.holidays.emplace(day, std::move(name));
  for (YearlyHoliday& yearly : read.yearly)
    out.yearly_holidays.push_back(std::move(yearly));
}

const date::time_zone* read_zone(Checker& c, const YAML::Node& node, const std::string& what) {
  const date::time_zone* zone = find_zone(node.Scalar());
  if (zone == nullptr) {
    const auto suggestion = closest(node.Scalar(), zone_names());
    c.error(node, what + " has an unknown time zone " + in_quotes(node.Scalar()),
            suggestion ? "did you mean " + *suggestion + "?" : "use an IANA name like Europe/Paris");
  }
  return zone;
}

}  // namespace

std::vector<BusinessCalendar> read_calendars(Checker& c, const YAML::Node& list,
                                             const date::time_zone* zone) {
  std::vector<BusinessCalendar> out;
  if (!list.IsSequence()) {
    c.error(list, "calendars must be a list", "each entry: {key: france, timezone: Europe/Paris, ...}");
    return out;
  }
  if (list.size() > kMaxCalendars) {
    c.error(list, "calendars has more than " + std::to_string(kMaxCalendars) + " entries");
    return out;
  }
  std::map<std::string, int> lines;
  for (const YAML::Node& node : list) {
    const std::string what = "calendar";
    if (!c.map(node, what,
               {"key", "timezone", "working_days", "working_hours", "holidays", "holidays_file"})) {
      continue;
    }
    BusinessCalendar calendar;
    calendar.zone = zone;
    const auto key = c.unique_key(node, what, "calendar", "key: france", lines);
    if (!key) continue;
    calendar.key = *key;
    const std::string which = "calendar " + *key;
    if (const auto name = c.text(node, "timezone", which))
      calendar.zone = read_zone(c, node["timezone"], which);
    if (calendar.zone == nullptr && !node["timezone"].IsDefined()) {
      c.error(node, which + " has no timezone and there is no default", "add timezone: Europe/Paris");
    }
    if (const auto days = c.text(node, "working_days", which)) {
      const auto parsed = parse_weekday_list(*days);
      if (!parsed || parsed->none()) {
        c.error(node["working_days"], which + ".working_days " + in_quotes(*days) + " is not a list of days",
                "write mon-fri, or mon,tue,thu");
      } else {
        calendar.working_days = *parsed;
      }
    }
    if (const auto hours = c.text(node, "working_hours", which)) {
      const auto parsed = read_hours(*hours);
      bool ordered = parsed.has_value();
      for (std::size_t i = 0; ordered && i < parsed->size(); ++i) {
        ordered =
            (*parsed)[i].start < (*parsed)[i].end && (i == 0 || (*parsed)[i - 1].end <= (*parsed)[i].start);
      }
      if (!ordered) {
        c.error(node["working_hours"],
                which + ".working_hours " + in_quotes(*hours) + " is not a list of hours",
                "write 09:00-18:00, or 09:00-12:30, 14:00-18:00: each start before its end, in order");
      } else {
        calendar.hours = *parsed;
      }
    }
    if (node["holidays"].IsDefined()) read_holiday_list(c, node["holidays"], which + ".holidays", calendar);
    if (const auto file = c.text(node, "holidays_file", which)) {
      read_holiday_file(c, node["holidays_file"], which + ".holidays_file", calendar);
    }
    out.push_back(std::move(calendar));
  }
  return out;
}

std::optional<QuietHours> read_quiet_hours(Checker& c, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    c.error(node, what + " must be a range of hours like 20:00-08:00, or off");
    return std::nullopt;
  }
  if (node.Scalar() == "off") return QuietHours{0, 0};
  const auto parsed = read_hours(node.Scalar());
  if (!parsed || parsed->size() != 1 || parsed->front().start == parsed->front().end) {
    c.error(node, what + " " + in_quotes(node.Scalar()) + " is not a range of hours",
            "write it as 20:00-08:00 (it may run past midnight), or off");
    return std::nullopt;
  }
  return QuietHours{parsed->front().start, parsed->front().end};
}

namespace {

struct KindRules {
  RitualKind kind;
  std::vector<std::string> keys;  // allowed besides the common ones
};

std::vector<std::string> keys_for(RitualKind kind) {
  std::vector<std::string> keys = {"key",      "kind",     "name",     "department", "participants",
                                   "schedule", "timezone", "calendar", "grace"};
  switch (kind) {
    case RitualKind::standup:
      keys.insert(keys.end(), {"questions", "reminder_after", "report_after"});
      break;
    case RitualKind::review:
    case RitualKind::retrospective:
      keys.insert(keys.end(), {"agenda"});
      break;
    case RitualKind::reminder:
      keys.insert(keys.end(), {"message", "audience"});
      break;
    case RitualKind::digest:
      break;
    case RitualKind::kpi_snapshot:
      keys.insert(keys.end(), {"kpis", "period"});
      break;
  }
  return keys;
}

std::vector<LocalizedText> read_texts(Checker& c, const YAML::Node& list, const std::string& what,
                                      std::size_t limit) {
  std::vector<LocalizedText> out;
  if (!list.IsSequence()) {
    c.error(list, what + " must be a list", "each entry a text, or {en: ..., fr: ...}");
    return out;
  }
  if (list.size() > limit) {
    c.error(list,
            what + " has " + std::to_string(list.size()) + " entries, " + std::to_string(limit) + " at most");
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto text = c.localized(list[i], what + "[" + std::to_string(i + 1) + "]"))
      out.push_back(std::move(*text));
  }
  return out;
}

std::chrono::minutes read_minutes(Checker& c, const YAML::Node& node, const std::string& key,
                                  const std::string& what, std::chrono::minutes fallback,
                                  std::chrono::minutes max) {
  std::chrono::milliseconds value = fallback;
  c.duration(node, key, what, value, std::chrono::milliseconds{0}, max);
  if (value.count() % 60'000 != 0) {
    c.error(node[key], what + "." + key + " counts whole minutes", "write 30m, 1h or 90m");
  }
  return std::chrono::duration_cast<std::chrono::minutes>(value);
}

}  // namespace

std::vector<std::string> read_participants(Checker& c, const YAML::Node& list, const std::string& what,
                                           const std::vector<Member>& members) {
  std::vector<std::string> out;
  if (!list.IsSequence()) {
    c.error(list, what + " must be a list of member keys", "for example: [camille, hugo]");
    return out;
  }
  if (list.size() > kMaxParticipants) {
    c.error(list, what + " has more than " + std::to_string(kMaxParticipants) + " entries");
    return out;
  }
  std::vector<std::string> keys;
  keys.reserve(members.size());
  for (const Member& m : members)
    keys.push_back(m.key);
  for (const YAML::Node& item : list) {
    if (!item.IsScalar()) {
      c.error(item, what + " entries are member keys");
      continue;
    }
    const std::string& key = item.Scalar();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      const auto suggestion = closest(key, keys);
      c.error(item, what + " names " + in_quotes(key) + ", who is not in members",
              suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "name one of the members");
    } else if (std::find(out.begin(), out.end(), key) != out.end()) {
      c.error(item, what + " names " + in_quotes(key) + " twice");
    } else {
      out.push_back(key);
    }
  }
  return out;
}

// A KPI snapshot's period and KPIs (the config's KPIs are read before the rituals).
void read_snapshot(Checker& c, const YAML::Node& node, const std::string& which, const Config& config,
                   Ritual& r) {
  if (const auto period = c.text(node, "period", which)) {
    if (const auto parsed = rules::parse_period(*period)) {
      r.period = *parsed;
    } else {
      c.error(node["period"], which + ".period must be day, week or month, not " + in_quotes(*period));
    }
  }
  if (node["kpis"].IsDefined()) {
    if (!node["kpis"].IsSequence()) {
      c.error(node["kpis"], which + ".kpis must be a list of KPI keys", "kpis: [revenue, orders]");
      return;
    }
    std::vector<std::string> keys;
    for (const KpiDefinition& k : config.kpis)
      keys.push_back(k.key);
    for (const auto& item : node["kpis"]) {
      const std::string key = item.IsScalar() ? item.Scalar() : "";
      if (config.kpi(key) == nullptr) {
        const auto suggestion = closest(key, keys);
        c.error(item, which + ".kpis: " + in_quotes(key) + " is not a KPI",
                suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "declare it under kpis");
      } else {
        r.kpis.push_back(key);
      }
    }
  } else {
    for (const KpiDefinition& k : config.kpis) {
      if (k.department == r.department) r.kpis.push_back(k.key);
    }
  }
  if (r.kpis.empty() && c.errors.empty()) {
    c.error(node, which + " shows no KPI: its department owns none", "name them: kpis: [revenue, orders]");
  }
}

std::vector<Ritual> read_rituals(Checker& c, const YAML::Node& list, const std::vector<Member>& members,
                                 const std::vector<Department>& departments, const Config& config) {
  std::vector<Ritual> out;
  if (!list.IsSequence()) {
    c.error(list, "rituals must be a list", "each entry: {key: standup-it, kind: standup, schedule: ...}");
    return out;
  }
  if (list.size() > kMaxRituals) {
    c.error(list, "rituals has more than " + std::to_string(kMaxRituals) + " entries");
    return out;
  }
  std::map<std::string, int> lines;
  std::vector<std::string> department_keys;
  department_keys.reserve(departments.size());
  for (const Department& d : departments)
    department_keys.push_back(d.key);
  for (const YAML::Node& node : list) {
    if (!node.IsMap()) {
      c.error(node, "a ritual must be a map",
              "key: standup-it, kind: standup, schedule: weekdays 09:30, ...");
      continue;
    }
    Ritual r;
    const auto key = c.unique_key(node, "ritual", "ritual", "key: standup-it", lines);
    if (!key) continue;
    r.key = *key;
    const std::string which = "ritual " + r.key;
    const auto kind_text =
        c.text(node, "kind", which, true, "kind: standup, review, retrospective, reminder or digest");
    if (!kind_text) continue;
    const auto kind = parse_ritual_kind(*kind_text);
    if (!kind) {
      c.error(node["kind"], which + ".kind " + in_quotes(*kind_text) + " is not a kind of ritual",
              "use standup, review, retrospective, reminder or digest");
      continue;
    }
    r.kind = *kind;
    c.map(node, which, keys_for(r.kind));

    r.name = node["name"].IsDefined()
                 ? c.localized(node["name"], which + ".name").value_or(LocalizedText{r.key, r.key})
                 : LocalizedText{r.key, r.key};

    const Department* department = nullptr;
    if (const auto d = c.text(node, "department", which)) {
      const auto found = std::find_if(departments.begin(), departments.end(),
                                      [&](const Department& dep) { return dep.key == *d; });
      if (found == departments.end()) {
        const auto suggestion = closest(*d, department_keys);
        c.error(node["department"], which + ".department " + in_quotes(*d) + " is not a department",
                suggestion ? "did you mean " + in_quotes(*suggestion) + "?" : "name one of the departments");
      } else {
        department = &*found;
        r.department = department->key;
      }
    }

    if (r.kind == RitualKind::reminder) {
      if (const auto audience = c.text(node, "audience", which)) {
        if (*audience == "members") {
          r.audience = RitualAudience::members;
        } else if (*audience != "channel") {
          c.error(node["audience"], which + ".audience must be channel or members");
        }
      }
    }
    if (r.kind == RitualKind::digest) r.audience = RitualAudience::members;
    if (r.kind == RitualKind::standup) r.audience = RitualAudience::members;

    const bool needs_department = r.kind == RitualKind::standup || r.kind == RitualKind::review ||
                                  r.kind == RitualKind::retrospective || r.kind == RitualKind::kpi_snapshot ||
                                  (r.kind == RitualKind::reminder && r.audience == RitualAudience::channel);
    if (needs_department && department == nullptr && !node["department"].IsDefined()) {
      c.error(node, which + " needs a department: its channel is where it posts",
              "department: one of " + Checker::join(department_keys));
    }

    if (node["participants"].IsDefined()) {
      r.participants = read_participants(c, node["participants"], which + ".participants", members);
    } else if (r.kind == RitualKind::digest) {
      for (const Member& m : members) {
        if (role_at_least(m.role, Role::manager)) r.participants.push_back(m.key);
      }
    } else if (department != nullptr) {
      r.participants = department->members;
    }
    if (r.audience == RitualAudience::members && r.participants.empty() && node["participants"].IsDefined()) {
      c.error(node["participants"], which + " has no participants");
    }

    if (const auto schedule = c.text(node, "schedule", which, true, "schedule: weekdays 09:30")) {
      ScheduleParse parsed = parse_schedule(*schedule);
      if (const auto* error = std::get_if<ScheduleError>(&parsed)) {
        c.error(
            node["schedule"],
            which + ".schedule is wrong at column " + std::to_string(error->column) + ": " + error->message,
            "check it with: baton schedule next \"" + *schedule + "\" --tz Europe/Paris");
      } else {
        r.schedule = std::move(std::get<Schedule>(parsed));
        if (r.kind == RitualKind::standup && r.schedule.times.size() != 1) {
          c.error(node["schedule"],
                  which + ".schedule fires " + std::to_string(r.schedule.times.size()) +
                      " times a day; a stand-up is asked once a day",
                  "give one time, as in weekdays 09:30");
        }
      }
    }

    // The calendar: the ritual's own, else its department's, else the default.
    r.calendar = department != nullptr && !department->calendar.empty() ? department->calendar
                                                                        : config.default_calendar;
    if (const auto calendar = c.text(node, "calendar", which)) {
      const bool known = std::any_of(config.calendars.begin(), config.calendars.end(),
                                     [&](const BusinessCalendar& cal) { return cal.key == *calendar; });
      if (!known) {
        c.error(node["calendar"], which + ".calendar " + in_quotes(*calendar) + " is not in calendars");
      } else {
        r.calendar = *calendar;
      }
    }

    // The zone: each member's own for what goes to members one by one, the calendar's for the rest.
    const bool members_zone_default = r.audience == RitualAudience::members;
    r.zone = members_zone_default ? nullptr : config.calendar(r.calendar).zone;
    if (const auto zone = c.text(node, "timezone", which)) {
      if (*zone == "member" || *zone == "members") {
        if (r.audience == RitualAudience::channel) {
          c.error(node["timezone"],
                  which + " posts in a channel, so it cannot follow each member's time zone",
                  "name one zone, such as Europe/Paris");
        }
        r.zone = nullptr;
      } else {
        r.zone = read_zone(c, node["timezone"], which);
      }
    }

    if (r.kind == RitualKind::standup) {
      if (node["questions"].IsDefined()) {
        r.questions = read_texts(c, node["questions"], which + ".questions", kMaxQuestions);
        if (r.questions.empty() && node["questions"].IsSequence()) {
          c.error(node["questions"], which + ".questions is empty", "leave it out for the default three");
        }
      }
      r.reminder_after =
          read_minutes(c, node, "reminder_after", which, r.reminder_after, std::chrono::hours(12));
      r.report_after = read_minutes(c, node, "report_after", which, r.report_after, std::chrono::hours(12));
      if (r.report_after.count() == 0) {
        c.error(node["report_after"], which + ".report_after must leave time to answer", "for example 2h");
      } else if (r.reminder_after >= r.report_after) {
        c.error(node["reminder_after"].IsDefined() ? node["reminder_after"] : node,
                which + ": the reminder (after " + std::to_string(r.reminder_after.count()) +
                    "m) would come after the report (after " + std::to_string(r.report_after.count()) + "m)",
                "make reminder_after shorter than report_after, or 0 for no reminder");
      }
    }
    if ((r.kind == RitualKind::review || r.kind == RitualKind::retrospective) && node["agenda"].IsDefined()) {
      r.agenda = read_texts(c, node["agenda"], which + ".agenda", kMaxAgendaItems);
    }
    if (r.kind == RitualKind::reminder) {
      if (!node["message"].IsDefined()) {
        c.error(node, which + " needs a message", "message: {en: ..., fr: ...}");
      } else if (auto message = c.localized(node["message"], which + ".message")) {
        r.message = std::move(*message);
      }
    }
    if (r.kind == RitualKind::kpi_snapshot) read_snapshot(c, node, which, config, r);
    r.grace = read_minutes(c, node, "grace", which, r.grace, std::chrono::hours(24));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace baton::config_detail
