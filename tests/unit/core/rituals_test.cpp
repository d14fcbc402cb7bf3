// The rituals end to end in one process: the example config run for two weeks on a manual clock, holidays,
// restarts with missed occurrences, days off, pauses, quiet hours, and the stand-up conversation.
#include <map>

#include <catch2/catch.hpp>

#include "bot/core/text/utf8.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/ritual_world.hpp"

using namespace baton;
using test::RitualWorld;

namespace {

// occurrences of (ritual, step) with that outcome in the store
std::map<std::string, int> count_by(Store& store, const std::string& first_day, const std::string& last_day) {
  std::map<std::string, int> out;
  for (const OccurrenceRecord& r : store.occurrences("", first_day, last_day)) {
    ++out[r.ritual + "/" + r.step + "/" + std::string(to_string(r.outcome))];
  }
  return out;
}

std::string due_of(Store& store, const std::string& key) {
  const auto record = store.occurrence(key);
  return record ? iso8601(record->due) : "none";
}

const char* kSmallTeam = R"(company: Test Shop
timezone: Europe/Paris
members:
  - {key: ada, name: Ada Admin, role: admin}
  - {key: marc, name: Marc Manager, role: manager, locale: fr}
  - {key: sam, name: Sam Staff, timezone: America/Montreal}
  - {key: lea, name: Léa Équipe, locale: fr, quiet_hours: 20:00-10:00}
departments:
  - key: logistics
    name: {en: Logistics, fr: Logistique}
    referent: marc
    members: [marc, sam, lea]
    channels: {console: "#logistics"}
calendars:
  - key: france
    timezone: Europe/Paris
    holidays: [{date: 2026-12-25, name: Noël}]
rituals:
  - key: standup
    kind: standup
    name: {en: Logistics stand-up, fr: Point logistique}
    department: logistics
    schedule: weekdays 09:30
    reminder_after: 30m
    report_after: 1h
    grace: 1h
)";

}  // namespace

TEST_CASE("two weeks of the example config: every prompt, reminder, report and post, once", "[rituals]") {
  // Monday 23 November 2026, midnight in Paris, to Monday 7 December: no holiday in France or Québec.
  RitualWorld world(test::config_file(BATON_SOURCE_DIR "/deploy/examples/baton.yaml"),
                    "2026-11-22T23:00:00Z");
  world.start();
  world.run_until("2026-12-06T23:00:00Z");

  const auto counts = count_by(world.store, "2026-11-01", "2026-12-31");
  const std::map<std::string, int> expected = {
      // Four stand-ups of three members each, ten working days: nobody answers in this run.
      {"standup-marketing/prompt/sent", 30},
      {"standup-marketing/reminder/sent", 30},
      {"standup-marketing/report/sent", 10},
      {"standup-logistics/prompt/sent", 30},
      {"standup-logistics/reminder/sent", 30},
      {"standup-logistics/report/sent", 10},
      {"standup-it/prompt/sent", 30},
      {"standup-it/reminder/sent", 30},
      {"standup-it/report/sent", 10},
      {"standup-customer-service/prompt/sent", 30},
      {"standup-customer-service/reminder/sent", 30},
      {"standup-customer-service/report/sent", 10},
      // Every two weeks from Thursday 26 November; the last Friday of November; the 1st of December.
      {"review-marketing/post/sent", 1},
      {"retro-it/post/sent", 1},
      {"inventory-check/post/sent", 1},
      // Two Mondays: last week's KPIs in the marketing channel.
      {"kpis-marketing/post/sent", 2},
      // Two Mondays, five managers and admins.
      {"manager-digest/digest/sent", 10},
  };
  CHECK(counts == expected);

  // Each at its local time: 09:30 in London is 09:30 UTC, in Paris 08:30 UTC; 08:45 in Montréal 13:45 UTC.
  CHECK(due_of(world.store, "standup-marketing/prompt/2026-11-23/emma") == "2026-11-23T09:30:00.000Z");
  CHECK(due_of(world.store, "standup-marketing/prompt/2026-11-23/hugo") == "2026-11-23T08:30:00.000Z");
  CHECK(due_of(world.store, "standup-customer-service/prompt/2026-11-23/julie") ==
        "2026-11-23T13:45:00.000Z");
  // The report waits for the last member's prompt (Emma's) plus report_after (90 minutes).
  CHECK(due_of(world.store, "standup-marketing/report/2026-11-23") == "2026-11-23T11:00:00.000Z");
  CHECK(due_of(world.store, "review-marketing/post/2026-11-26T16:00") == "2026-11-26T15:00:00.000Z");
  CHECK(due_of(world.store, "manager-digest/digest/2026-11-30T08:30/julie") == "2026-11-30T13:30:00.000Z");

  // Each sent occurrence stored its messages with it: one direct message per prompt, one post per report.
  CHECK(world.messages_to("member:emma").size() == 10 + 10);  // prompts and reminders
  const auto marketing = world.messages_to("channel:#marketing");
  CHECK(marketing.size() == 10 + 1 + 2);  // reports, the review and the KPI snapshots
  const auto snapshot = std::find_if(marketing.begin(), marketing.end(), [](const OutboxItem& item) {
    return item.key.starts_with("kpis-marketing/");
  });
  REQUIRE(snapshot != marketing.end());
  // No figures were stored in this run: the rows say so, in the channel's language.
  CHECK_THAT(test::flatten(snapshot->message), Catch::Contains("KPI — semaine du lundi 16 novembre"));
  CHECK_THAT(test::flatten(snapshot->message), Catch::Contains("Chiffre d'affaires  pas encore de valeur"));
  const auto digests = world.messages_to("member:sophie");
  REQUIRE(digests.size() == 2);
  // Sophie is in no department: every department's figures, one line each, each section with its command.
  const std::string digest = test::flatten(digests[1].message);
  CHECK_THAT(digest, Catch::Contains("KPI de la semaine"));
  CHECK_THAT(digest, Catch::Contains("⚪ Chiffre d'affaires pas encore de valeur"));
  CHECK_THAT(digest, Catch::Contains("Aucune alerte la semaine dernière."));
  CHECK_THAT(digest, Catch::Contains("Logistique : 0 reçues, 0 closes, 0 en retard, délais tenus –"));
  CHECK_THAT(digest, Catch::Contains("Plus : /baton handoffs stats"));
  CHECK_THAT(digest, Catch::Contains("Plus : /baton kpi week"));
}

TEST_CASE("holidays of each member's calendar skip occurrences, with the holiday named",
          "[rituals][calendar]") {
  RitualWorld world(test::config_file(BATON_SOURCE_DIR "/deploy/examples/baton.yaml"),
                    "2026-12-20T23:00:00Z");
  world.start();
  world.run_until("2027-01-03T23:00:00Z");
  // France's calendar (fr.ics and the example's own date), Québec's for customer service.
  CHECK(world.outcome("standup-marketing/prompt/2026-12-25/hugo") == "skipped: holiday: Noël");
  CHECK(world.outcome("standup-marketing/report/2026-12-25") == "skipped: holiday: Noël");
  CHECK(world.outcome("standup-marketing/prompt/2026-12-24/hugo") == "skipped: holiday: Veille de Noël");
  CHECK(world.outcome("standup-customer-service/prompt/2026-12-24/julie") == "sent");
  CHECK(world.outcome("standup-customer-service/prompt/2027-01-01/julie") ==
        "skipped: holiday: Jour de l'An");
  CHECK(world.outcome("review-marketing/post/2026-12-24T16:00") == "skipped: holiday: Veille de Noël");
  CHECK(world.outcome("retro-it/post/2026-12-25T15:00") == "skipped: holiday: Noël");
  CHECK(world.outcome("inventory-check/post/2027-01-01T08:30") == "skipped: holiday: Jour de l'an");
  CHECK(world.outcome("standup-marketing/prompt/2026-12-28/hugo") == "sent");
}

TEST_CASE("after a restart, what came due within the grace runs once and the rest is recorded missed",
          "[rituals][restart]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T07:00:00Z");
  world.start();
  world.run_until("2026-11-23T08:00:00Z");
  world.stop();  // baton stops at 09:00 in Paris, before the 09:30 prompts

  // It comes back at 10:45 Paris: the 09:30 prompts are 75 minutes late (grace is 1 h), the 10:00
  // reminders 45 minutes, Sam's Montréal prompt is still ahead.
  world.clock.set(*parse_iso8601("2026-11-23T09:45:00Z"));
  world.start();
  CHECK(world.outcome("standup/prompt/2026-11-23/marc") == "missed: baton was not running at the time");
  CHECK(world.outcome("standup/reminder/2026-11-23/marc") == "skipped: not prompted");
  CHECK(world.outcome("standup/prompt/2026-11-23/sam") == "none");
  CHECK(world.messages_to("member:marc").empty());

  // Restarting again runs nothing twice.
  world.stop();
  world.start();
  world.run_until("2026-11-24T00:00:00Z");
  CHECK(world.outcome("standup/prompt/2026-11-23/sam") == "sent");
  CHECK(world.messages_to("member:sam").size() == 2);  // prompt and reminder, once each
  world.stop();
  world.start();
  world.run_until("2026-11-24T01:00:00Z");
  CHECK(world.messages_to("member:sam").size() == 2);
}

TEST_CASE(
    "a stand-up answered in the conversation is in the report, blockers first, who did not answer after",
    "[rituals][standup]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T08:00:00Z");
  world.start();
  world.run_until(
      "2026-11-23T08:30:00Z");  // 09:30 Paris: prompts to Marc, and Léa's held for her quiet hours
  CHECK_THAT(world.direct("marc", "Inventaire de l'entrepôt"), Catch::Contains("2/3"));
  CHECK_THAT(world.direct("marc", "Réception des palettes"), Catch::Contains("3/3"));
  CHECK_THAT(world.direct("marc", "Le transporteur ne répond pas"), Catch::Contains("Merci Marc"));
  world.run_until("2026-11-23T09:00:00Z");
  // Léa's prompt went out at 10:00, the end of her quiet hours, not at 09:30.
  const auto held = world.messages_to("member:lea");
  REQUIRE(!held.empty());
  CHECK(iso8601(held.front().next_attempt_at) == "2026-11-23T09:00:00.000Z");

  world.run_until("2026-11-23T16:00:00Z");  // Sam's prompt 14:30 UTC, the report an hour later
  CHECK(world.outcome("standup/reminder/2026-11-23/marc") == "skipped: answered");
  CHECK(world.outcome("standup/reminder/2026-11-23/lea") == "sent");
  const auto reports = world.messages_to("channel:#logistics");
  REQUIRE(reports.size() == 1);
  const std::string report = test::flatten(reports.front().message);
  // The channel reads its referent's language (Marc: French).
  CHECK_THAT(report, Catch::Contains("1 sur 3 ont répondu."));
  CHECK_THAT(report, Catch::Contains("Points bloquants\nMarc Manager: Le transporteur ne répond pas"));
  CHECK_THAT(report, !Catch::Contains("[Transmettre"));  // no other department to hand it to
  CHECK_THAT(report, Catch::Contains("Qu'avez-vous fait hier ? Inventaire de l'entrepôt"));
  CHECK_THAT(report, Catch::Contains("Sans réponse : Sam Staff et Léa Équipe"));
  // After the report, an answer counts as late.
  CHECK_THAT(world.say("sam", "standup"), Catch::Contains("1/3"));
  world.direct("sam", "Stock count");
  world.direct("sam", "Returns");
  CHECK_THAT(world.direct("sam", "none"), Catch::Contains("count as late"));
}

TEST_CASE("days off, skipped days and pauses keep prompts from going out, and say why", "[rituals][skip]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T08:00:00Z");
  CHECK_THAT(world.say("sam", "off 2026-11-24 2026-11-25"),
             Catch::Contains("from Tuesday 24 November to Wednesday 25"));
  CHECK_THAT(world.say("sam", "off"), Catch::Contains("Tuesday 24 November – Wednesday 25 November"));
  CHECK_THAT(world.say("lea", "off demain"), Catch::Contains("absent le mardi 24 novembre"));
  CHECK_THAT(world.say("marc", "ritual skip standup 2026-11-26"),
             Catch::Contains("n'aura pas lieu le jeudi 26 novembre"));
  CHECK_THAT(world.say("sam", "ritual skip standup 2026-11-26"), Catch::Contains("managers"));
  world.start();
  world.run_until("2026-11-25T20:00:00Z");
  CHECK(world.outcome("standup/prompt/2026-11-24/sam") == "skipped: off");
  CHECK(world.outcome("standup/prompt/2026-11-24/marc") == "sent");
  const auto reports = world.messages_to("channel:#logistics");
  REQUIRE(reports.size() == 3);
  CHECK_THAT(test::flatten(reports[1].message), Catch::Contains("Absents : Sam Staff"));

  world.run_until("2026-11-26T20:00:00Z");
  CHECK(world.outcome("standup/prompt/2026-11-26/marc") == "skipped: skipped for the day");
  CHECK_THAT(world.say("marc", "ritual pause standup"), Catch::Contains("est suspendu"));
  world.run_until("2026-11-27T20:00:00Z");
  CHECK(world.outcome("standup/prompt/2026-11-27/marc") == "skipped: paused");
  CHECK_THAT(world.say("marc", "rituals"), Catch::Contains("suspendu"));
  CHECK_THAT(world.say("marc", "ritual resume standup"), Catch::Contains("reprend"));
  world.run_until("2026-11-30T20:00:00Z");
  CHECK(world.outcome("standup/prompt/2026-11-30/marc") == "sent");
}

namespace {

// Two departments of 20, their stand-ups at the same minute: 40 prompts that run in batches sharing their
// lookups (paused rituals, skipped days), which must still apply to their own ritual only.
std::string two_stand_ups() {
  std::string members = "members:\n  - {key: boss, name: Big Boss, role: admin}\n";
  std::string teams[2];
  for (int i = 0; i < 40; ++i) {
    const std::string key = "m" + std::to_string(i);
    members += "  - {key: " + key + ", name: Member " + std::to_string(i) + "}\n";
    teams[i % 2] += (teams[i % 2].empty() ? "" : ", ") + key;
  }
  std::string out = "company: Test Shop\ntimezone: Europe/Paris\n" + members + "departments:\n";
  for (const std::string d : {"a", "b"}) {
    out += "  - {key: " + d + ", name: Team " + d + ", referent: boss, members: [boss, " +
           teams[d == "a" ? 0 : 1] + "], channels: {console: \"#" + d + "\"}}\n";
  }
  out += "rituals:\n";
  for (const std::string d : {"a", "b"}) {
    out += "  - {key: standup-" + d + ", kind: standup, name: Stand-up " + d + ", department: " + d +
           ", schedule: weekdays 09:30}\n";
  }
  return out;
}

}  // namespace

TEST_CASE("prompts due at the same minute are skipped for their own ritual and member only",
          "[rituals][skip]") {
  RitualWorld world(test::config_from(two_stand_ups()), "2026-11-23T08:00:00Z");
  CHECK_THAT(world.say("boss", "ritual skip standup-a 2026-11-24"), Catch::Contains("Tuesday 24 November"));
  CHECK_THAT(world.say("m3", "off 2026-11-24"), Catch::Contains("Tuesday 24 November"));
  world.start();
  world.run_until("2026-11-24T09:00:00Z");
  std::map<std::string, int> outcomes;
  for (int i = 0; i < 40; ++i) {
    const std::string member = "m" + std::to_string(i);
    const std::string ritual = i % 2 == 0 ? "standup-a" : "standup-b";
    CHECK(world.outcome(ritual + "/prompt/2026-11-23/" + member) == "sent");
    ++outcomes[world.outcome(ritual + "/prompt/2026-11-24/" + member)];
  }
  CHECK(world.outcome("standup-b/prompt/2026-11-24/m3") == "skipped: off");
  CHECK(world.outcome("standup-b/prompt/2026-11-24/m5") == "sent");
  CHECK(world.outcome("standup-a/prompt/2026-11-24/m4") == "skipped: skipped for the day");
  CHECK(outcomes ==
        std::map<std::string, int>{{"sent", 19}, {"skipped: off", 1}, {"skipped: skipped for the day", 20}});
  std::vector<std::string> prompts;  // Monday's and Tuesday's, once each
  for (const OutboxItem& item : world.messages_to("member:m5")) {
    if (item.key.find("/prompt/") != std::string::npos) prompts.push_back(item.key);
  }
  CHECK(prompts == std::vector<std::string>{"standup-b/prompt/2026-11-23/m5@console",
                                            "standup-b/prompt/2026-11-24/m5@console"});
}

TEST_CASE("rituals lists what is scheduled with the next time in the caller's zone", "[rituals][commands]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T10:00:00Z");
  // Sam is in Montréal, where it is 05:00: his next prompt is at 09:30 there, today.
  CHECK_THAT(
      world.say("sam", "rituals"),
      Catch::Contains("Logistics stand-up (stand-up), weekdays at 09:30: next Monday 23 November 09:30"));
  CHECK_THAT(world.say("sam", "rituals"), Catch::Contains("your time zone, America/Montreal"));
  // Skipped days and holidays are passed over.
  world.say("marc", "ritual skip standup 2026-11-24");
  CHECK_THAT(world.say("ada", "rituals"), Catch::Contains("next Wednesday 25 November 09:30"));
}

TEST_CASE("with no KPI in the config, kpi says so without an empty name, in the reader's language",
          "[kpis][commands][i18n]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T10:00:00Z");
  // Ada belongs to no department: she would see every KPI, and there is none.
  CHECK(world.say("ada", "kpi") ==
        "No KPI is followed yet: an admin declares them under kpis in the config.\n");
  CHECK_THAT(world.say("marc", "kpi"), Catch::Contains("Aucun KPI n'est suivi pour Logistique"));
}

TEST_CASE("rituals are listed with their schedule in the reader's language", "[rituals][commands][i18n]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T10:00:00Z");
  CHECK_THAT(world.say("marc", "rituals"),
             Catch::Contains("Point logistique (point quotidien), en semaine à 09:30 : prochaine fois"));
  CHECK_THAT(world.say("sam", "rituals"),
             Catch::Contains("Logistics stand-up (stand-up), weekdays at 09:30"));
}

TEST_CASE("stand-up stats count on time, late and missed", "[rituals][standup]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T08:00:00Z");
  world.start();
  world.run_until("2026-11-23T08:31:00Z");
  for (const char* answer : {"a", "b", "c"})
    world.direct("marc", answer);
  world.run_until("2026-11-24T16:00:00Z");
  CHECK_THAT(world.say("sam", "standup stats"), Catch::Contains("managers"));
  const std::string stats = world.say("ada", "standup stats standup 1");
  CHECK_THAT(stats, Catch::Contains("Logistics stand-up: 16% answered (1 of 6)"));
  CHECK_THAT(stats, Catch::Contains("Marc Manager: 1 on time, 0 late, 1 missed"));
  CHECK_THAT(stats, Catch::Contains("Sam Staff: 0 on time, 0 late, 2 missed"));
  CHECK_THAT(world.say("ada", "standup stats 120"), Catch::Contains("1 to 52 weeks; you asked for 120"));
}

TEST_CASE("a cancelled stand-up records nothing, a form answers every question at once",
          "[rituals][standup]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T08:00:00Z");
  CHECK_THAT(world.say("marc", "standup"), Catch::Contains("1/3"));
  CHECK_THAT(world.direct("marc", "annuler"), Catch::Contains("rien n'a été enregistré"));
  CHECK_THAT(world.direct("marc", "hello"), Catch::Contains("pas compris"));

  DialogSubmission form;
  form.user_id = "marc";
  form.dialog_id = "standup.answer";
  form.context = "standup/2026-11-23";
  form.values = {{"q1", "Inventaire"}, {"q2", ""}, {"q3", "-"}};
  const DialogOutcome refused = world.now(world.commands.submit(form));
  CHECK(refused.errors.count("q2") == 1);
  form.values["q2"] = "Expéditions";
  const DialogOutcome accepted = world.now(world.commands.submit(form));
  CHECK(accepted.errors.empty());
  REQUIRE(world.store.standup_answers("standup", "2026-11-23", "2026-11-23").size() == 1);
}

TEST_CASE("a stand-up answer past its limit is cut between characters, kept, and said to be cut",
          "[rituals][standup][utf8]") {
  RitualWorld world(test::config_from(kSmallTeam), "2026-11-23T08:00:00Z");
  CHECK_THAT(world.say("sam", "standup"), Catch::Contains("1/3"));
  // Each parcel is four bytes: a cut by bytes fell inside one, and the draft could not be stored.
  std::string answer = "a";
  for (int i = 0; i < 2100; ++i)
    answer += "📦";
  const std::string next = world.direct("sam", answer);
  CHECK_THAT(next, Catch::Contains("longer than 2000 characters"));
  CHECK_THAT(next, Catch::Contains("2/3"));
  const auto draft = world.store.standup_draft("sam");
  REQUIRE(draft.has_value());
  REQUIRE(draft->answers.size() == 1);
  CHECK(is_valid_utf8(draft->answers[0]));
  CHECK(count_characters(draft->answers[0]) == 2000);
  CHECK(draft->answers[0].ends_with("📦…"));
  // The next answers go to the next questions.
  CHECK_THAT(world.direct("sam", "second"), Catch::Contains("3/3"));
  world.direct("sam", "third");
  const auto answers = world.store.standup_answers("standup", "2026-11-23", "2026-11-23");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].answers.at(1) == "second");
  CHECK(answers[0].answers.at(2) == "third");
  // In the form, an answer over the limit is refused under its field, in characters.
  std::string long_accents;
  for (int i = 0; i < 2001; ++i)
    long_accents += "é";
  DialogSubmission form;
  form.user_id = "marc";
  form.dialog_id = "standup.answer";
  form.context = "standup/2026-11-23";
  form.values = {{"q1", long_accents}, {"q2", "ok"}, {"q3", "-"}};
  const DialogOutcome refused = world.now(world.commands.submit(form));
  CHECK(refused.errors.at("q1") ==
        "Une réponse fait au plus 2000 caractères ; celle-ci en a 2001. Raccourcissez-la.");
}

TEST_CASE("retrospective actions are kept with an owner and a due date, listed until done",
          "[rituals][retro]") {
  std::string yaml = kSmallTeam;
  yaml += R"(  - key: retro
    kind: retrospective
    name: {en: Retro, fr: Rétro}
    department: logistics
    schedule: last fri of month 15:00
    agenda: [{en: What went well, fr: Ce qui a marché}]
)";
  RitualWorld world(test::config_from(yaml), "2026-11-23T08:00:00Z");
  world.start();
  world.run_until("2026-11-27T15:00:00Z");  // the November retrospective is held
  CHECK_THAT(world.say("sam", "retro well The new carrier is faster"),
             Catch::Contains("Went well, “The new carrier is faster”"));
  CHECK_THAT(world.say("sam", "retro action Relabel the returns shelf @lea due:2026-12-04"),
             Catch::Contains("Added to the Retro of Friday 27 November: Action"));
  CHECK_THAT(world.say("sam", "retro actions"),
             Catch::Contains("Relabel the returns shelf (Léa Équipe, due Friday 4 December)"));
  // December's falls on Christmas, a holiday; January's lists the action still open.
  world.run_until("2027-01-29T15:00:00Z");
  CHECK(world.outcome("retro/post/2026-12-25T15:00") == "skipped: holiday: Noël");
  const auto posts = world.messages_to("channel:#logistics");
  const std::string january = test::flatten(posts.back().message);
  // In the channel's language, its referent's (French). Items and actions share one numbering.
  CHECK_THAT(
      january,
      Catch::Contains(
          "Actions en cours\n• #2 Relabel the returns shelf (Léa Équipe, pour le vendredi 4 décembre)"));
  CHECK_THAT(world.say("lea", "retro done 2"), Catch::Contains("terminée"));
  CHECK_THAT(world.say("sam", "retro actions"), Catch::Contains("No open actions."));
}
