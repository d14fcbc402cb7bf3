// Schedules: every syntax, month ends, leap years, and both daylight-saving transitions in zones that
// shift by an hour, by half an hour, or not at all.
#include "bot/core/schedule/schedule.hpp"

#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/schedule/schedule_text.hpp"

namespace {

using baton::Schedule;
using baton::ScheduleError;

Schedule parse(std::string_view text) {
  auto parsed = baton::parse_schedule(text);
  if (auto* error = std::get_if<ScheduleError>(&parsed)) {
    FAIL("\"" << text << "\" did not parse:\n" << baton::describe_error(text, *error));
  }
  return std::get<Schedule>(parsed);
}

ScheduleError error_of(std::string_view text) {
  auto parsed = baton::parse_schedule(text);
  if (std::holds_alternative<Schedule>(parsed)) FAIL("\"" << text << "\" parsed, but should not");
  return std::get<ScheduleError>(parsed);
}

std::string rfc3339(baton::SysTime at) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(at));
}

// The next `count` fire instants after `from`, as RFC 3339 in UTC.
std::vector<std::string> next(std::string_view text, std::string_view zone, std::string_view from,
                              std::size_t count = 3) {
  const Schedule schedule = parse(text);
  const auto* tz = date::locate_zone(std::string(zone));
  auto at = baton::parse_iso8601(from);
  REQUIRE(at);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    const auto fire = baton::next_fire(schedule, *tz, *at);
    if (!fire) break;
    out.push_back(rfc3339(*fire));
    at = fire;
  }
  return out;
}

using Fires = std::vector<std::string>;

}  // namespace

TEST_CASE("cron: fields, lists, ranges, steps and names", "[schedule]") {
  // Friday 20 November 2026, noon UTC: weekday mornings in Paris (UTC+1) resume on Monday.
  CHECK(next("30 9 * * 1-5", "Europe/Paris", "2026-11-20T12:00:00Z") ==
        Fires{"2026-11-23T08:30:00Z", "2026-11-24T08:30:00Z", "2026-11-25T08:30:00Z"});
  CHECK(next("0,30 */6 * * *", "UTC", "2026-11-20T05:00:00Z", 5) ==
        Fires{"2026-11-20T06:00:00Z", "2026-11-20T06:30:00Z", "2026-11-20T12:00:00Z", "2026-11-20T12:30:00Z",
              "2026-11-20T18:00:00Z"});
  CHECK(next("15 10-12/2 * * *", "UTC", "2026-11-20T00:00:00Z") ==
        Fires{"2026-11-20T10:15:00Z", "2026-11-20T12:15:00Z", "2026-11-21T10:15:00Z"});
  // "5/20" is "5-59/20".
  CHECK(next("5/20 8 * * *", "UTC", "2026-11-20T00:00:00Z") ==
        Fires{"2026-11-20T08:05:00Z", "2026-11-20T08:25:00Z", "2026-11-20T08:45:00Z"});
  CHECK(next("0 9 1 jan-mar,JUL *", "UTC", "2026-11-20T00:00:00Z", 5) ==
        Fires{"2027-01-01T09:00:00Z", "2027-02-01T09:00:00Z", "2027-03-01T09:00:00Z", "2027-07-01T09:00:00Z",
              "2028-01-01T09:00:00Z"});
  // Sunday is 0, 7 or sun.
  const Fires sundays{"2026-11-22T09:00:00Z", "2026-11-29T09:00:00Z", "2026-12-06T09:00:00Z"};
  CHECK(next("0 9 * * 0", "UTC", "2026-11-20T00:00:00Z") == sundays);
  CHECK(next("0 9 * * 7", "UTC", "2026-11-20T00:00:00Z") == sundays);
  CHECK(next("0 9 * * Sun", "UTC", "2026-11-20T00:00:00Z") == sundays);
  CHECK(next("0 9 * * sat-sun", "UTC", "2026-11-20T00:00:00Z") ==
        Fires{"2026-11-21T09:00:00Z", "2026-11-22T09:00:00Z", "2026-11-28T09:00:00Z"});
}

TEST_CASE("cron: both day fields restricted fire on either, a * field makes both count", "[schedule]") {
  // The 13th of each month and every Friday.
  CHECK(
      next("0 12 13 * fri", "UTC", "2026-11-10T00:00:00Z", 4) ==
      Fires{"2026-11-13T12:00:00Z", "2026-11-20T12:00:00Z", "2026-11-27T12:00:00Z", "2026-12-04T12:00:00Z"});
  // "*/2" starts with *: odd days that are also Mondays (Vixie cron).
  CHECK(next("0 12 */2 * mon", "UTC", "2026-11-01T00:00:00Z", 3) ==
        Fires{"2026-11-09T12:00:00Z", "2026-11-23T12:00:00Z", "2026-12-07T12:00:00Z"});
  // Day of month alone.
  CHECK(next("0 12 13 * *", "UTC", "2026-11-10T00:00:00Z", 2) ==
        Fires{"2026-11-13T12:00:00Z", "2026-12-13T12:00:00Z"});
}

TEST_CASE("a schedule starting beyond the years an instant holds never fires, and does not overflow",
          "[schedule]") {
  // Found by fuzzing: 2262 and later overflowed the conversion to an instant (nanoseconds).
  CHECK(next("every 2 weeks on thu 16:00 from 9999-01-07", "Europe/Paris", "2026-11-23T08:00:00Z").empty());
  CHECK(next("weekdays 09:30", "Europe/Paris", "2261-12-30T12:00:00Z") == Fires{"2261-12-31T08:30:00Z"});
}

TEST_CASE("cron: shorthands", "[schedule]") {
  CHECK(next("@daily", "UTC", "2026-11-20T10:00:00Z", 1) == Fires{"2026-11-21T00:00:00Z"});
  CHECK(next("@hourly", "UTC", "2026-11-20T10:00:00Z", 1) == Fires{"2026-11-20T11:00:00Z"});
  CHECK(next("@weekly", "UTC", "2026-11-20T10:00:00Z", 1) == Fires{"2026-11-22T00:00:00Z"});
  CHECK(next("@monthly", "UTC", "2026-11-20T10:00:00Z", 1) == Fires{"2026-12-01T00:00:00Z"});
  CHECK(next("@yearly", "UTC", "2026-11-20T10:00:00Z", 1) == Fires{"2027-01-01T00:00:00Z"});
  CHECK(next("@annually", "UTC", "2026-11-20T10:00:00Z", 1) == Fires{"2027-01-01T00:00:00Z"});
}

TEST_CASE("month ends and leap years", "[schedule]") {
  // The 31st skips the months without one.
  CHECK(
      next("0 8 31 * *", "UTC", "2026-11-01T00:00:00Z", 4) ==
      Fires{"2026-12-31T08:00:00Z", "2027-01-31T08:00:00Z", "2027-03-31T08:00:00Z", "2027-05-31T08:00:00Z"});
  // 29 February: leap years only; 2100 is not one.
  CHECK(next("0 9 29 2 *", "Europe/Paris", "2026-01-01T00:00:00Z", 2) ==
        Fires{"2028-02-29T08:00:00Z", "2032-02-29T08:00:00Z"});
  CHECK(next("0 9 29 2 *", "UTC", "2096-03-01T00:00:00Z", 1) == Fires{"2104-02-29T09:00:00Z"});
  // Last day of February, leap or not: the last Saturday pattern keeps working across year ends.
  CHECK(next("last sat of month 10:00", "UTC", "2027-12-01T00:00:00Z", 3) ==
        Fires{"2027-12-25T10:00:00Z", "2028-01-29T10:00:00Z", "2028-02-26T10:00:00Z"});
  CHECK(next("monthly on day 31 09:00", "UTC", "2027-01-31T10:00:00Z", 1) == Fires{"2027-03-31T09:00:00Z"});
  // A day that no chosen month has is refused rather than never firing.
  CHECK(error_of("0 0 30 2 *").message.find("never fire") != std::string::npos);
  CHECK(error_of("0 0 31 4,6,9,11 *").column == 5);
}

TEST_CASE("daylight saving, Europe/Paris: a skipped time fires once after the gap, a repeated one once",
          "[schedule][dst]") {
  // 28 March 2027: 02:00 CET jumps to 03:00 CEST. 02:30 does not exist: it fires at 03:00 CEST.
  CHECK(next("30 2 * * *", "Europe/Paris", "2027-03-26T12:00:00Z") ==
        Fires{"2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z"});
  // Every quarter-hour through the gap: the four skipped times fire once, together with 03:00.
  CHECK(next("*/15 2-3 28 3 *", "Europe/Paris", "2027-03-28T00:00:00Z", 5) ==
        Fires{"2027-03-28T01:00:00Z", "2027-03-28T01:15:00Z", "2027-03-28T01:30:00Z", "2027-03-28T01:45:00Z",
              "2028-03-28T00:00:00Z"});
  // 25 October 2026: 03:00 CEST goes back to 02:00 CET. 02:30 happens twice: it fires at the first.
  CHECK(next("30 2 * * *", "Europe/Paris", "2026-10-23T12:00:00Z") ==
        Fires{"2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"});
  // A time away from the change keeps its wall-clock time on both sides.
  CHECK(next("weekdays 09:30", "Europe/Paris", "2026-10-23T12:00:00Z", 2) ==
        Fires{"2026-10-26T08:30:00Z", "2026-10-27T08:30:00Z"});
  CHECK(next("weekdays 09:30", "Europe/Paris", "2027-03-26T12:00:00Z", 2) ==
        Fires{"2027-03-29T07:30:00Z", "2027-03-30T07:30:00Z"});
}

TEST_CASE("daylight saving, America/New_York", "[schedule][dst]") {
  // 14 March 2027: 02:00 EST jumps to 03:00 EDT.
  CHECK(next("30 2 * * *", "America/New_York", "2027-03-12T12:00:00Z") ==
        Fires{"2027-03-13T07:30:00Z", "2027-03-14T07:00:00Z", "2027-03-15T06:30:00Z"});
  // 1 November 2026: 02:00 EDT goes back to 01:00 EST; 01:30 fires at its first (EDT) occurrence.
  CHECK(next("30 1 * * *", "America/New_York", "2026-10-30T12:00:00Z") ==
        Fires{"2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"});
  // Hourly through the repeated hour: 01:00 and 01:30 once each, not twice.
  CHECK(next("0,30 0-2 1 11 *", "America/New_York", "2026-11-01T03:00:00Z", 6) ==
        Fires{"2026-11-01T04:00:00Z", "2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z",
              "2026-11-01T07:00:00Z", "2026-11-01T07:30:00Z"});
}

TEST_CASE("daylight saving, Australia/Lord_Howe shifts by half an hour", "[schedule][dst]") {
  // 4 October 2026: 02:00 (+10:30) jumps to 02:30 (+11). 02:15 is skipped: it fires at 02:30.
  CHECK(next("15 2 * * *", "Australia/Lord_Howe", "2026-10-02T00:00:00Z") ==
        Fires{"2026-10-02T15:45:00Z", "2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"});
  // 4 April 2027: 02:00 (+11) goes back to 01:30 (+10:30); 01:45 happens twice and fires at the first.
  CHECK(next("45 1 * * *", "Australia/Lord_Howe", "2027-04-02T00:00:00Z") ==
        Fires{"2027-04-02T14:45:00Z", "2027-04-03T14:45:00Z", "2027-04-04T15:15:00Z"});
}

TEST_CASE("Asia/Kolkata keeps +05:30 while other zones change", "[schedule][dst]") {
  CHECK(next("daily 09:30", "Asia/Kolkata", "2027-03-26T12:00:00Z") ==
        Fires{"2027-03-27T04:00:00Z", "2027-03-28T04:00:00Z", "2027-03-29T04:00:00Z"});
  CHECK(next("daily 09:30", "Asia/Kolkata", "2026-10-23T12:00:00Z") ==
        Fires{"2026-10-24T04:00:00Z", "2026-10-25T04:00:00Z", "2026-10-26T04:00:00Z"});
}

TEST_CASE("readable forms", "[schedule]") {
  // From Friday 20 November 2026 in Paris (UTC+1).
  const char* from = "2026-11-20T12:00:00Z";
  CHECK(next("daily 09:00", "Europe/Paris", from) ==
        Fires{"2026-11-21T08:00:00Z", "2026-11-22T08:00:00Z", "2026-11-23T08:00:00Z"});
  CHECK(next("weekdays 09:30", "Europe/Paris", from) ==
        Fires{"2026-11-23T08:30:00Z", "2026-11-24T08:30:00Z", "2026-11-25T08:30:00Z"});
  CHECK(next("weekends 10:00", "Europe/Paris", from) ==
        Fires{"2026-11-21T09:00:00Z", "2026-11-22T09:00:00Z", "2026-11-28T09:00:00Z"});
  CHECK(next("mon,thu 16:00", "Europe/Paris", from) ==
        Fires{"2026-11-23T15:00:00Z", "2026-11-26T15:00:00Z", "2026-11-30T15:00:00Z"});
  CHECK(next("every 2 weeks on thu 16:00 from 2026-11-26", "Europe/Paris", from) ==
        Fires{"2026-11-26T15:00:00Z", "2026-12-10T15:00:00Z", "2026-12-24T15:00:00Z"});
  CHECK(next("monthly on day 1 08:00", "Europe/Paris", from) ==
        Fires{"2026-12-01T07:00:00Z", "2027-01-01T07:00:00Z", "2027-02-01T07:00:00Z"});
  CHECK(next("last fri of month 15:00", "Europe/Paris", from) ==
        Fires{"2026-11-27T14:00:00Z", "2026-12-25T14:00:00Z", "2027-01-29T14:00:00Z"});
  CHECK(next("first mon of month 09:00", "Europe/Paris", from) ==
        Fires{"2026-12-07T08:00:00Z", "2027-01-04T08:00:00Z", "2027-02-01T08:00:00Z"});
  CHECK(next("mon-wed 09:00, 14:30", "UTC", from, 4) == Fires{"2026-11-23T09:00:00Z", "2026-11-23T14:30:00Z",
                                                              "2026-11-24T09:00:00Z",
                                                              "2026-11-24T14:30:00Z"});
  CHECK(next("fri-mon 9am", "UTC", from, 4) == Fires{"2026-11-21T09:00:00Z", "2026-11-22T09:00:00Z",
                                                     "2026-11-23T09:00:00Z", "2026-11-27T09:00:00Z"});
  CHECK(next("every monday at 4:30pm", "UTC", from, 1) == Fires{"2026-11-23T16:30:00Z"});
  CHECK(next("weekly on tue 12:00", "UTC", from, 1) == Fires{"2026-11-24T12:00:00Z"});
  CHECK(next("on day 15 of month 08:00", "UTC", from, 1) == Fires{"2026-12-15T08:00:00Z"});
  CHECK(next("daily 09:00 from 2027-01-04", "UTC", from, 1) == Fires{"2027-01-04T09:00:00Z"});
  // Before its first week, an every-N-weeks schedule waits; the phase is counted in whole weeks.
  CHECK(
      next("every 3 weeks on mon,fri 08:00 from 2026-12-02", "UTC", from, 4) ==
      Fires{"2026-12-04T08:00:00Z", "2026-12-21T08:00:00Z", "2026-12-25T08:00:00Z", "2027-01-11T08:00:00Z"});
}

TEST_CASE("readable forms in French read the same as in English", "[schedule]") {
  const char* from = "2026-11-20T12:00:00Z";
  const std::pair<const char*, const char*> pairs[] = {
      {"tous les jours 9h", "daily 09:00"},
      {"en semaine à 9h30", "weekdays 09:30"},
      {"du lundi au vendredi 9h30", "weekdays 09:30"},
      {"lun,jeu 16h", "mon,thu 16:00"},
      {"lundi et jeudi à 16h", "mon,thu 16:00"},
      {"toutes les 2 semaines le jeu 16h à partir du 2026-11-26",
       "every 2 weeks on thu 16:00 from 2026-11-26"},
      {"chaque mois le 1 à 8h", "monthly on day 1 08:00"},
      {"le 1 de chaque mois 08h00", "monthly on day 1 08:00"},
      {"dernier ven du mois 15h", "last fri of month 15:00"},
      {"Dernière vendredi du mois à 15h", "last fri of month 15:00"},
      {"premier lundi du mois 9h", "first mon of month 09:00"},
      {"le week-end 10h", "weekends 10:00"},
      {"tous les lundis 9h", "every monday 09:00"},
  };
  for (const auto& [french, english] : pairs) {
    INFO(french);
    CHECK(next(french, "Europe/Paris", from, 4) == next(english, "Europe/Paris", from, 4));
  }
}

TEST_CASE("the next fire is strictly after the instant given", "[schedule]") {
  CHECK(next("daily 09:00", "UTC", "2026-11-20T09:00:00Z", 1) == Fires{"2026-11-21T09:00:00Z"});
  CHECK(next("daily 09:00", "UTC", "2026-11-20T08:59:59.999Z", 1) == Fires{"2026-11-20T09:00:00Z"});
}

TEST_CASE("a wrong schedule says where and what was expected", "[schedule]") {
  struct Case {
    const char* text;
    std::size_t column;
    const char* says;
  };
  const Case cases[] = {
      {"61 9 * * *", 1, "minute 61 is out of range 0-59"},
      {"0 24 * * *", 3, "hour 24 is out of range 0-23"},
      {"0 9 0 * *", 5, "day of month 0 is out of range 1-31"},
      {"0 9 * 13 *", 7, "month 13 is out of range 1-12"},
      {"0 9 * * mon-fry", 13, "\"fry\" is not a day of week"},
      {"0 9 * * 5-1", 11, "runs backwards"},
      {"*/0 9 * * *", 3, "expected a step"},
      {"0 9 * *", 8, "5 fields"},
      {"0 9 * * * *", 11, "this one has 6"},
      {"0 9,, * * *", 5, "expected a number"},
      {"@reboot", 1, "unknown shorthand"},
      {"@daily 09:00", 8, "nothing may follow @daily"},
      {"weekdays 25:00", 10, "hour 25 is out of range 0-23"},
      {"weekdays 09:75", 10, "minute 75 is out of range 0-59"},
      {"weekdays", 9, "expected a time such as 09:30"},
      {"weekdays 9", 10, "write it as 9:00 or 9h"},
      {"mon,thurzday 16:00", 5, "is not a day"},
      {"every 2 weeks on thu 16:00", 27, "from YYYY-MM-DD"},
      {"every 60 weeks on thu 16:00 from 2026-11-26", 7, "from 1 to 52"},
      {"monthly on day 32 08:00", 16, "out of range 1-31"},
      {"last fri 15:00", 10, "of month"},
      {"daily 09:00 from 2026-02-30", 18, "YYYY-MM-DD"},
      {"daily 09:00 please", 13, "unexpected \"please\""},
      {"sometimes 09:00", 1, "unknown schedule \"sometimes\""},
      {"  ", 1, "empty"},
      {"dernière réunion 9h", 10, "is not a day"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const ScheduleError error = error_of(c.text);
    CHECK(error.message.find(c.says) != std::string::npos);
    CHECK(error.column == c.column);
  }
  CHECK(error_of(std::string(300, 'x')).message.find("at most 200") != std::string::npos);
}

TEST_CASE("an error is shown with a caret under its column", "[schedule]") {
  const ScheduleError error = error_of("weekdays 25:00");
  CHECK(baton::describe_error("weekdays 25:00", error) ==
        "  weekdays 25:00\n"
        "           ^ hour 25 is out of range 0-23\n");
}

TEST_CASE("schedules are said in the reader's language, whatever language the config wrote them in",
          "[schedule][i18n]") {
  using baton::Locale;
  const auto say = [](std::string_view text, Locale locale) {
    const auto parsed = baton::parse_schedule(text);
    REQUIRE(std::holds_alternative<Schedule>(parsed));
    return baton::describe_schedule(std::get<Schedule>(parsed), locale);
  };
  CHECK(say("weekdays 09:30", Locale::en) == "weekdays at 09:30");
  CHECK(say("weekdays 09:30", Locale::fr) == "en semaine à 09:30");
  CHECK(say("en semaine 9h30", Locale::en) == "weekdays at 09:30");
  CHECK(say("every 2 weeks on thu 16:00 from 2026-11-26", Locale::en) ==
        "every 2 weeks on Thursday at 16:00, from Thursday 26 November 2026");
  CHECK(say("every 2 weeks on thu 16:00 from 2026-11-26", Locale::fr) ==
        "toutes les 2 semaines, le jeudi à 16:00, à partir du jeudi 26 novembre 2026");
  CHECK(say("mon,thu 10:00", Locale::en) == "every Monday and Thursday at 10:00");
  CHECK(say("mon,thu 10:00", Locale::fr) == "tous les lundis et jeudis à 10:00");
  CHECK(say("last fri of month 15:00", Locale::en) == "the last Friday of the month at 15:00");
  CHECK(say("last fri of month 15:00", Locale::fr) == "le dernier vendredi du mois à 15:00");
  CHECK(say("0 9,14 * * *", Locale::en) == "every day at 09:00 and 14:00");
  CHECK(say("0 9 1,15 * *", Locale::fr) == "le 1er et 15 du mois à 09:00");
  CHECK(say("*/15 8-18 * * 1-5", Locale::en) == "weekdays every 15 minutes from 08:00 to 18:45");
  CHECK(say("30 8 * 1,7 1", Locale::fr) == "tous les lundis en janvier et juillet à 08:30");
}
