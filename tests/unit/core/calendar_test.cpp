// Business calendars: working time across evenings, weekends, holidays and daylight-saving changes; the
// .ics reader; and the calendars, quiet hours and rituals sections of the config.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "bot/core/calendar/ics.hpp"
#include "bot/core/clock/iso8601.hpp"
#include "bot/core/rituals/runner.hpp"
#include "tests/support/ritual_world.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

BusinessCalendar paris() {
  BusinessCalendar calendar;
  calendar.key = "france";
  calendar.zone = date::locate_zone("Europe/Paris");
  calendar.hours = {{9 * 60, 12 * 60 + 30}, {14 * 60, 18 * 60}};  // 7.5 hours a day
  calendar.holidays[date::sys_days{date::year{2026} / 12 / 25}] = "Noël";
  calendar.yearly_holidays.push_back(
      {date::month_day{date::May / 1}, date::year{2026}, std::nullopt, "1er mai"});
  return calendar;
}

SysTime at(std::string_view text) {
  return *parse_iso8601(text);
}

std::vector<std::string> errors_of(const std::string& yaml) {
  const ConfigResult result =
      parse_config(yaml, "/tmp/x.yaml", [](const std::string&) -> std::optional<std::string> { return {}; });
  std::vector<std::string> out;
  for (const auto& e : result.errors)
    out.push_back(std::to_string(e.line) + ": " + e.message + " | " + e.hint);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += line + "\n";
  return out;
}

const std::string kBase = R"(timezone: Europe/Paris
members:
  - {key: ada, name: Ada Admin, role: admin}
  - {key: sam, name: Sam Staff}
departments:
  - {key: it, name: IT, referent: ada, members: [ada, sam], channels: {console: "#it"}}
)";

}  // namespace

TEST_CASE("working time skips evenings, lunch, weekends and holidays", "[calendar]") {
  const BusinessCalendar calendar = paris();
  // Friday 18 December 2026, 17:00 Paris (16:00 UTC) + 4 working hours: 1 h on Friday, then Monday
  // 09:00-12:00.
  CHECK(iso8601(calendar.add_working_time(at("2026-12-18T16:00:00Z"), 4h)) == "2026-12-21T11:00:00.000Z");
  // Lunch is not working time: 12:00 + 1 h is 14:30.
  CHECK(iso8601(calendar.add_working_time(at("2026-12-21T11:00:00Z"), 1h)) == "2026-12-21T13:30:00.000Z");
  // Thursday 24 17:00 + 2 h: Christmas is a holiday, the weekend follows: Monday 28, 10:00.
  CHECK(iso8601(calendar.add_working_time(at("2026-12-24T16:00:00Z"), 2h)) == "2026-12-28T09:00:00.000Z");
  // Starting outside working hours counts from the next opening.
  CHECK(iso8601(calendar.add_working_time(at("2026-12-19T10:00:00Z"), 30min)) == "2026-12-21T08:30:00.000Z");
  // And back: the working time between two instants.
  CHECK(calendar.working_time_between(at("2026-12-18T16:00:00Z"), at("2026-12-21T11:00:00Z")) == 4h);
  CHECK(calendar.working_time_between(at("2026-12-21T11:00:00Z"), at("2026-12-18T16:00:00Z")) == 0s);
  CHECK(calendar.is_open(at("2026-12-21T08:30:00Z")));
  CHECK(!calendar.is_open(at("2026-12-21T11:45:00Z")));  // lunch
  CHECK(!calendar.is_open(at("2026-12-25T10:00:00Z")));  // Noël
  CHECK(calendar.holiday(date::sys_days{date::year{2030} / 5 / 1}) == "1er mai");
  CHECK(!calendar.is_working_day(date::sys_days{date::year{2027} / 5 / 1}));
}

TEST_CASE("working hours follow the wall clock across daylight-saving changes", "[calendar][dst]") {
  BusinessCalendar calendar = paris();
  calendar.working_days = std::bitset<7>{0x7F};  // every day, to land on the Sunday of the change
  calendar.hours = {{0, 4 * 60}};                // 00:00-04:00, which holds the 02:00 -> 03:00 jump
  // 28 March 2027 lasts 3 real hours between 00:00 and 04:00 in Paris; 27 March 4.
  CHECK(calendar.working_time_between(at("2027-03-27T12:00:00Z"), at("2027-03-28T12:00:00Z")) == 3h);
  CHECK(calendar.working_time_between(at("2027-03-26T12:00:00Z"), at("2027-03-27T12:00:00Z")) == 4h);
  // 25 October 2026: 00:00-04:00 holds 02:00-03:00 twice, 5 real hours.
  CHECK(calendar.working_time_between(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z")) == 5h);
}

TEST_CASE("an .ics file gives dates, ranges and yearly holidays, its mistakes are named by line",
          "[calendar][ics]") {
  const std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Noël et\r\n  "
      "lendemain\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260714\r\nSUMMARY:Fête nationale\r\nRRULE:FREQ=YEARLY;COUNT=3\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\nDTSTART:20261111T000000Z\r\nSUMMARY:Armistice\\, 1918\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  const IcsHolidays read = read_ics_holidays(ics);
  REQUIRE(read.errors.empty());
  BusinessCalendar calendar = paris();
  calendar.holidays = read.dates;
  calendar.yearly_holidays = read.yearly;
  CHECK(calendar.holiday(date::sys_days{date::year{2026} / 12 / 26}) == "Noël et lendemain");
  CHECK(!calendar.holiday(date::sys_days{date::year{2026} / 12 / 27}));
  CHECK(calendar.holiday(date::sys_days{date::year{2028} / 7 / 14}) == "Fête nationale");
  CHECK(!calendar.holiday(date::sys_days{date::year{2029} / 7 / 14}));  // COUNT=3: 2026, 2027, 2028
  CHECK(calendar.holiday(date::sys_days{date::year{2026} / 11 / 11}) == "Armistice, 1918");
  CHECK(!calendar.holiday(date::sys_days{date::year{2026} / 1 / 1}));

  const IcsHolidays weekly = read_ics_holidays(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260105\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART:tomorrow\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:no date\nEND:VEVENT\n"
      "END:VCALENDAR\n");
  CHECK(joined(weekly.errors) ==
        "line 2: RRULE FREQ=WEEKLY is not a holiday rule; only FREQ=YEARLY repeats, list "
        "other dates one by one\n"
        "line 7: DTSTART is not a date (YYYYMMDD): \"tomorrow\"\n"
        "line 6: this VEVENT has no DTSTART date\n"
        "line 9: this VEVENT has no DTSTART date\n");
  CHECK(read_ics_holidays("hello").errors.front() == "line 1: an iCalendar file starts with BEGIN:VCALENDAR");
  CHECK(read_ics_holidays(std::string(kMaxIcsBytes + 1, 'x')).errors.front().find("2 MiB at most") !=
        std::string::npos);
}

TEST_CASE("the French public holidays shipped as an example load", "[calendar][ics]") {
  std::ifstream in(BATON_SOURCE_DIR "/deploy/examples/holidays/fr.ics", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const IcsHolidays read = read_ics_holidays(text.str());
  REQUIRE(read.errors.empty());
  BusinessCalendar calendar = paris();
  calendar.holidays = read.dates;
  calendar.yearly_holidays = read.yearly;
  CHECK(calendar.holiday(date::sys_days{date::year{2027} / 3 / 29}) == "Lundi de Pâques");
  CHECK(calendar.holiday(date::sys_days{date::year{2028} / 5 / 25}) == "Ascension");
  CHECK(calendar.holiday(date::sys_days{date::year{2029} / 7 / 14}) == "Fête nationale");
  CHECK(!calendar.holiday(date::sys_days{date::year{2027} / 3 / 30}));
}

TEST_CASE("quiet hours hold a message until they end, across midnight", "[calendar][quiet]") {
  Member lea;
  lea.quiet_hours = QuietHours{20 * 60, 8 * 60};
  const auto& paris_zone = *date::locate_zone("Europe/Paris");
  CHECK(iso8601(after_quiet_hours(lea, paris_zone, at("2026-11-23T21:30:00Z"))) ==
        "2026-11-24T07:00:00.000Z");
  CHECK(iso8601(after_quiet_hours(lea, paris_zone, at("2026-11-24T05:00:00Z"))) ==
        "2026-11-24T07:00:00.000Z");
  CHECK(iso8601(after_quiet_hours(lea, paris_zone, at("2026-11-24T08:00:00Z"))) ==
        "2026-11-24T08:00:00.000Z");
  lea.quiet_hours = QuietHours{0, 0};  // "off"
  CHECK(iso8601(after_quiet_hours(lea, paris_zone, at("2026-11-23T21:30:00Z"))) ==
        "2026-11-23T21:30:00.000Z");
}

TEST_CASE("calendars, quiet hours and rituals in the config: every mistake with its line and a hint",
          "[calendar][config]") {
  const std::string yaml = kBase + R"(quiet_hours: 25:00-08:00
calendars:
  - key: france
    timezone: Europe/Pariss
    working_days: mon-fry
    working_hours: 18:00-09:00
    holidays: [2026-02-30]
    holidays_file: missing.ics
calendar: belgium
rituals:
  - key: standup
    kind: standup
    department: itt
    schedule: weekdays 9:30, 16:00
    reminder_after: 3h
    report_after: 2h
  - key: standup
    kind: dance
    schedule: daily 09:00
  - key: note
    kind: reminder
    department: it
    schedule: every 2 weeks on mon 09:00
    questions: ["Why?"]
)";
  const std::string errors = joined(errors_of(yaml));
  CHECK_THAT(errors, Catch::Contains("7: quiet_hours \"25:00-08:00\" is not a range of hours"));
  CHECK_THAT(errors,
             Catch::Contains("10: calendar france has an unknown time zone \"Europe/Pariss\" | did you mean "
                             "Europe/Paris?"));
  CHECK_THAT(errors, Catch::Contains("11: calendar france.working_days \"mon-fry\" is not a list of days"));
  CHECK_THAT(errors,
             Catch::Contains("12: calendar france.working_hours \"18:00-09:00\" is not a list of hours"));
  CHECK_THAT(errors, Catch::Contains("13: \"2026-02-30\" in calendar france.holidays is not a date"));
  CHECK_THAT(errors, Catch::Contains("14: cannot read /tmp/missing.ics"));
  CHECK_THAT(errors, Catch::Contains("15: calendar \"belgium\" is not in calendars"));
  CHECK_THAT(errors,
             Catch::Contains("19: ritual standup.department \"itt\" is not a department | did you mean "
                             "\"it\"?"));
  CHECK_THAT(errors,
             Catch::Contains("20: ritual standup.schedule fires 2 times a day; a stand-up is asked once"));
  CHECK_THAT(errors,
             Catch::Contains("21: ritual standup: the reminder (after 180m) would come after the report"));
  CHECK_THAT(errors, Catch::Contains("23: ritual \"standup\" is listed twice"));
  CHECK_THAT(errors, Catch::Contains("24: ritual standup.kind \"dance\" is not a kind of ritual"));
  CHECK_THAT(errors,
             Catch::Contains("29: ritual note.schedule is wrong at column 27: every 2 weeks needs the week "
                             "it counts from"));
  CHECK_THAT(errors, Catch::Contains("30: unknown key \"questions\" in ritual note"));
  CHECK_THAT(errors, Catch::Contains("ritual note needs a message"));

  // A stand-up asks 10 questions at most: a prompt is something to answer in a minute.
  std::string eleven = kBase +
                       "rituals:\n  - key: standup\n    kind: standup\n    department: it\n"
                       "    schedule: weekdays 09:30\n    questions:\n";
  for (int i = 1; i <= 11; ++i)
    eleven += "      - Question " + std::to_string(i) + "?\n";
  CHECK_THAT(joined(errors_of(eleven)),
             Catch::Contains("ritual standup.questions has 11 entries, 10 at most"));

  // A holiday written as a map without its date is said to need one (found by fuzzing: it threw out of
  // the checker), and a bad date in a map is pointed at on its own line.
  const std::string holidays = kBase +
                               "calendars:\n  - key: france\n    timezone: Europe/Paris\n    holidays:\n"
                               "      - {name: Noël}\n      - name: Toussaint\n        date: 2026-11-31\n";
  const std::string said = joined(errors_of(holidays));
  CHECK_THAT(said, Catch::Contains("11: calendar france.holidays entry needs date"));
  CHECK_THAT(said, Catch::Contains("13: \"2026-11-31\" in calendar france.holidays is not a date"));
}
