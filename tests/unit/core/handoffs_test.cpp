// Handoffs in one process: due times as people type them, SLA arithmetic in business hours, the whole
// lifecycle through commands and buttons, who may do what, two Accepts at once, reminders and escalations
// on a manual clock across a restart, and a workflow with a parallel step to its end.
#include <algorithm>

#include <catch2/catch.hpp>

#include "bot/core/handoffs/desk.hpp"
#include "bot/core/handoffs/due.hpp"
#include "bot/core/handoffs/stats.hpp"
#include "bot/core/rituals/standup.hpp"
#include "bot/core/rituals/timeline.hpp"
#include "tests/support/handoff_world.hpp"

using namespace baton;
using test::flatten;
using test::HandoffWorld;

namespace {

const char* kShop = R"(company: Test Shop
timezone: Europe/Paris
members:
  - {key: ada, name: Ada Admin, role: admin}
  - {key: dora, name: Dora Director, role: manager}
  - {key: mia, name: Mia Marketing, role: manager}
  - {key: hugo, name: Hugo Traffic}
  - {key: karim, name: Karim Stock}
  - {key: ines, name: Ines Planner}
  - {key: joao, name: Joao Warehouse}
  - {key: lucas, name: Lucas Web, locale: fr}
departments:
  - key: marketing
    name: {en: Marketing, fr: Marketing}
    referent: mia
    members: [mia, hugo]
    channels: {console: "#marketing"}
  - key: logistics
    name: {en: Logistics, fr: Logistique}
    referent: karim
    members: [karim, ines, joao]
    channels: {console: "#logistics"}
  - key: it
    name: {en: IT, fr: Informatique}
    referent: lucas
    members: [lucas, ada]
    channels: {console: "#it"}
calendars:
  - key: france
    timezone: Europe/Paris
    working_hours: 09:00-12:30, 14:00-18:00
    holidays: [{date: 2027-11-01, name: Toussaint}]
handoffs:
  sla: {accept: 4h, resolve: 16h, remind_before: 2h, escalate_after: 4h, high: {accept: 1h, resolve: 8h}}
workflows:
  - key: campaign-launch
    name: {en: Campaign launch, fr: Lancement de campagne}
    steps:
      - {key: brief, department: marketing, title: {en: Campaign brief, fr: Brief de campagne}, within: 8h}
      - {key: stock-check, department: logistics, title: {en: Stock check, fr: Vérification des stocks}, within: 24h}
      - parallel:
          - {key: landing, department: it, title: {en: Landing page, fr: Page d'atterrissage}, within: 16h}
          - {key: faq, department: logistics, title: {en: Carrier FAQ, fr: FAQ transporteurs}, within: 8h}
)";

// Monday 30 November 2026, 09:00 in Paris.
constexpr const char* kMonday = "2026-11-30T08:00:00Z";

std::string due(std::string_view typed, std::string_view now = "2026-11-29T20:55:00Z",
                const char* zone = "Europe/Paris") {
  DueContext context;
  context.now = *parse_iso8601(now);
  context.zone = date::locate_zone(zone);
  const auto parsed = parse_due(typed, context);
  if (const auto* problem = std::get_if<DueProblem>(&parsed)) {
    switch (*problem) {
      case DueProblem::unreadable:
        return "unreadable";
      case DueProblem::past:
        return "past";
      case DueProblem::too_far:
        return "too far";
    }
  }
  return iso8601(std::get<SysTime>(parsed));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

int count_containing(const std::vector<std::string>& texts, const std::string& part) {
  return static_cast<int>(
      std::count_if(texts.begin(), texts.end(), [&](const std::string& t) { return contains(t, part); }));
}

}  // namespace

TEST_CASE("due times typed in English and French, read in the typer's zone", "[handoffs][due]") {
  // Sunday 29 November 2026, 21:55 in Paris.
  CHECK(due("2026-12-01") == "2026-12-01T17:00:00.000Z");  // a day alone: the end of the working day, 18:00
  CHECK(due("fri") == "2026-12-04T17:00:00.000Z");
  CHECK(due("Friday 17:00") == "2026-12-04T16:00:00.000Z");
  CHECK(due("vendredi 17h") == "2026-12-04T16:00:00.000Z");
  CHECK(due("ven à 9h30") == "2026-12-04T08:30:00.000Z");
  CHECK(due("fri at 4:30pm") == "2026-12-04T15:30:00.000Z");
  CHECK(due("demain 10h") == "2026-11-30T09:00:00.000Z");
  CHECK(due("tomorrow") == "2026-11-30T17:00:00.000Z");
  CHECK(due("aujourd’hui 23:00") == "2026-11-29T22:00:00.000Z");
  CHECK(due("+2d") == "2026-12-01T20:55:00.000Z");  // two days on, at the same time
  CHECK(due("+2j 10:00") == "2026-12-01T09:00:00.000Z");
  CHECK(due("+1w") == "2026-12-06T20:55:00.000Z");
  CHECK(due("+3h") == "2026-11-29T23:55:00.000Z");
  CHECK(due("+90min") == "2026-11-29T22:25:00.000Z");
  CHECK(due("27/12") == "2026-12-27T17:00:00.000Z");
  CHECK(due("15/01") == "2027-01-15T17:00:00.000Z");  // this year's is past: next year's
  CHECK(due("27/12/2026 8h") == "2026-12-27T07:00:00.000Z");
  CHECK(due("2026-12-01T15:00") == "2026-12-01T14:00:00.000Z");
  CHECK(due("2026-12-01T15:00:00Z") == "2026-12-01T15:00:00.000Z");
  CHECK(due("23:30") == "2026-11-29T22:30:00.000Z");
  // A weekday typed on that weekday: today while its time is ahead, else next week.
  CHECK(due("sun 23:00") == "2026-11-29T22:00:00.000Z");
  CHECK(due("sun 18:00") == "2026-12-06T17:00:00.000Z");
  // Another zone: the same words mean Montréal's time.
  CHECK(due("fri 17:00", "2026-11-29T20:55:00Z", "America/Montreal") == "2026-12-04T22:00:00.000Z");
  // Daylight saving: 02:30 does not exist in Paris on 28 March 2027 (first instant after the gap); 02:30
  // happens twice on 31 October 2027 (the first).
  CHECK(due("2027-03-28 02:30") == "2027-03-28T01:00:00.000Z");
  CHECK(due("2027-10-31 02:30") == "2027-10-31T00:30:00.000Z");

  CHECK(due("21:00") == "past");
  CHECK(due("2026-11-27") == "past");
  CHECK(due("2030-01-01") == "too far");
  // Dates beyond what an instant holds (found by fuzzing: the conversion overflowed) are too far or past.
  CHECK(due("9999-12-31") == "too far");
  CHECK(due("9999-12-31T23:59") == "too far");
  CHECK(due("27/12/9999 8h") == "too far");
  CHECK(due("0001-01-01") == "past");
  CHECK(due("27/1/1203") == "past");
  CHECK(due("someday") == "unreadable");
  CHECK(due("fri 25:00") == "unreadable");
  CHECK(due("31/02") == "unreadable");
  CHECK(due("mon-fri") == "unreadable");
  CHECK(due("") == "unreadable");
  CHECK(due("+0d") == "unreadable");
  CHECK(due("fri 17:00 sharp") == "unreadable");
}

TEST_CASE("SLA targets count business hours across weekends, holidays and both DST changes",
          "[handoffs][sla]") {
  const auto accept_by = [](std::string_view at, const char* command) {
    HandoffWorld world(test::config_from(kShop), at);
    world.say("hugo", command);
    const auto h = world.store->handoff(1);
    REQUIRE(h);
    return iso8601(h->accept_by) + " " + iso8601(h->due_at);
  };
  // Monday 09:00: four working hours, lunch from 12:30 to 14:00, is 14:30; sixteen are Wednesday 10:00.
  CHECK(accept_by(kMonday, "handoff logistics Restock SKU-1") ==
        "2026-11-30T13:30:00.000Z 2026-12-02T09:00:00.000Z");
  // High priority: one hour, eight hours.
  CHECK(accept_by(kMonday, "handoff logistics Restock SKU-1 prio:high") ==
        "2026-11-30T09:00:00.000Z 2026-12-01T08:30:00.000Z");
  // Friday 26 March 2027 17:00 CET: one hour on Friday, the weekend (clocks go forward on Sunday), three
  // hours on Monday: 12:00 CEST.
  CHECK(accept_by("2027-03-26T16:00:00Z", "handoff logistics Restock SKU-2")
            .starts_with("2027-03-29T10:00:00.000Z"));
  // Friday 29 October 2027 17:00 CEST: clocks go back on Sunday, Monday 1 November is a holiday: Tuesday
  // 12:00 CET.
  CHECK(accept_by("2027-10-29T15:00:00Z", "handoff logistics Restock SKU-3")
            .starts_with("2027-11-02T11:00:00.000Z"));
  // Asked on a Saturday: counting starts at Monday's opening.
  CHECK(accept_by("2026-12-05T10:00:00Z", "handoff logistics Restock SKU-4")
            .starts_with("2026-12-07T13:30:00.000Z"));
}

TEST_CASE("a handoff from request to done, by commands and buttons, with its audit trail", "[handoffs]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  const std::string created =
      world.say("hugo", R"(handoff logistics "Restock SKU-123 before Friday's campaign" due:"fri 17:00")");
  CHECK(contains(created, "H-1 sent to Logistics. Due Fri 4 Dec 17:00; to be accepted by Mon 30 Nov 14:30."));

  // The card in the department's channel, with its three buttons; the referent told directly.
  const auto posts = world.messages_to("channel:#logistics");
  REQUIRE(posts.size() == 1);
  const std::string card = flatten(posts[0].message);
  CHECK(contains(card, "H-1 · Restock SKU-123 before Friday's campaign"));
  CHECK(contains(card, "From: Marketing (Hugo Traffic)"));
  CHECK(contains(card, "Status: Open, waiting for someone to accept it"));
  CHECK(contains(card, "[Accept][Done][Reject]"));
  const auto to_referent = world.texts_to("member:karim");
  REQUIRE(to_referent.size() == 1);
  CHECK(contains(to_referent[0], "Hugo Traffic (Marketing) asks Logistics for something:"));

  // Ines accepts with the button: the card clicked shows it, the channel's card is updated, Hugo hears.
  world.clock.advance(std::chrono::minutes(20));
  const std::string clicked = world.click("ines", "accept", "H-1");
  CHECK(contains(clicked, "Status: Accepted by Ines Planner"));
  CHECK(contains(clicked, "[Done][Reject]"));
  CHECK_FALSE(contains(clicked, "[Accept]"));
  const auto channel = world.messages_to("channel:#logistics");
  REQUIRE(channel.size() == 2);
  CHECK(channel[1].destination.kind == Destination::Kind::update);
  CHECK(channel[1].destination.original_key == channel[0].key);
  CHECK(contains(flatten(channel[1].message), "Accepted by Ines Planner"));
  CHECK(
      world.texts_to("member:hugo") ==
      std::vector<std::string>{"H-1 Restock SKU-123 before Friday's campaign: accepted by Ines Planner.\n"});

  // Joao, in the same department, finishes it by typing.
  CHECK(
      contains(world.say("joao", "handoff done H-1 200 units on the shelf"), "H-1: Done by Joao Warehouse."));
  const auto h = world.store->handoff(1);
  REQUIRE(h);
  CHECK(h->state == HandoffState::done);
  CHECK(h->assignee == "joao");  // who finished it; the audit trail keeps who accepted
  CHECK(world.actions_of(1) == "created accepted done");
  CHECK(count_containing(world.texts_to("member:hugo"), "done by Joao Warehouse. 200 units on the shelf") ==
        1);
  CHECK(contains(flatten(world.messages_to("channel:#logistics").back().message), "Status: Done by"));
  CHECK_FALSE(contains(flatten(world.messages_to("channel:#logistics").back().message), "[Done]"));

  // The details, with the history: who, when, from where, the note.
  const std::string shown = world.say("hugo", "handoff show H-1");
  CHECK(contains(shown, "History"));
  CHECK(contains(shown, "Mon 30 Nov 09:00  Hugo Traffic asked for it (console)"));
  CHECK(contains(shown, "Mon 30 Nov 09:20  Ines Planner accepted it (console)"));
  CHECK(contains(shown, "Joao Warehouse marked it done (console): 200 units on the shelf"));

  // Closed: nothing more happens to it.
  CHECK(contains(world.say("ines", "handoff reject H-1 too late"), "H-1 is closed"));
  CHECK(contains(world.say("hugo", "handoff show H-9"), "There is no handoff H-9."));
}

TEST_CASE("a title written as SQL is stored and shown as text: every value is bound, never spliced",
          "[handoffs][injection]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  const std::string created =
      world.say("hugo", R"(handoff logistics "Robert'); DROP TABLE handoffs; -- 100% _x_")");
  CHECK(contains(created, "H-1 sent to Logistics."));
  CHECK(contains(world.say("hugo", R"(handoff logistics "Second one")"), "H-2 sent to Logistics."));
  const std::string card = flatten(world.messages_to("channel:#logistics").at(0).message);
  CHECK(contains(card, "H-1 · Robert'); DROP TABLE handoffs; -- 100% _x_"));
  const std::string listed = world.say("hugo", "handoffs");
  CHECK(contains(listed, "Robert'); DROP TABLE handoffs; -- 100% _x_"));
  CHECK(contains(listed, "Second one"));
}

TEST_CASE("a handoff's title is 200 characters at most, said with the length typed", "[handoffs][limits]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  const std::string refused = world.say("hugo", "handoff logistics \"" + std::string(250, 'x') + "\"");
  CHECK(contains(refused, "A handoff's title is 200 characters at most; this one has 250. Shorten it."));
  CHECK(world.store->handoff(1) == std::nullopt);
  CHECK(contains(world.say("hugo", "handoff logistics \"" + std::string(200, 'x') + "\""), "H-1 sent"));
  CHECK(
      contains(world.say("hugo", "handoff edit H-1 \"" + std::string(201, 'y') + "\""), "this one has 201"));
}

TEST_CASE("rejecting and cancelling say why, the requester edits", "[handoffs]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.say("hugo", "handoff logistics Restock SKU-1 to:@ines");
  CHECK(world.texts_to("member:ines").size() == 1);  // the named member, not the referent, is told
  CHECK(world.texts_to("member:karim").empty());
  CHECK(
      contains(world.say("ines", "handoff reject H-1"), "Say why: type /baton handoff reject H-1 <reason>."));
  // Reject with the button: a dialog asks why (a console has none: the aside says what to type).
  CHECK(world.click("ines", "reject", "H-1").empty());  // the card stays as it is
  CHECK(contains(world.aside(), "Say why: type /baton handoff reject H-1 <reason>"));
  REQUIRE(world.last_click.dialog);
  const Dialog why = *world.last_click.dialog;
  CHECK(why.id == "handoff.reason");
  CHECK(why.title == "Reject H-1");
  REQUIRE(why.fields.size() == 1);
  CHECK(why.fields[0].id == "reason");
  CHECK(world.submit("ines", why, {{"reason", "  "}}) == "reason: Say why, in a few words.\n");
  CHECK(world.submit("ines", why, {{"reason", std::string(401, 'x')}}).starts_with("reason: "));
  CHECK(
      world.submit("hugo", why, {{"reason", "not mine to refuse"}}).starts_with("Only members of Logistics"));
  CHECK(world.store->handoff(1)->state == HandoffState::open);
  CHECK(contains(world.submit("ines", why, {{"reason", "no stock until January"}}),
                 "Rejected by Ines Planner"));
  CHECK(contains(world.submit("ines", why, {{"reason", "again"}}), "H-1 is closed"));
  CHECK(count_containing(world.texts_to("member:hugo"), "rejected by Ines Planner: no stock until January") ==
        1);

  world.say("hugo", "handoff logistics Restock SKU-2");
  CHECK(contains(world.say("hugo", "handoff edit H-2 due:wed prio:high Restock SKU-2 and SKU-3"),
                 "H-2 · Restock SKU-2 and SKU-3"));
  const auto edited = world.store->handoff(2);
  REQUIRE(edited);
  CHECK(edited->priority == Priority::high);
  CHECK(iso8601(edited->due_at) == "2026-12-02T17:00:00.000Z");
  CHECK(iso8601(edited->accept_by) == "2026-11-30T09:00:00.000Z");  // the high priority's one hour
  CHECK(contains(world.say("hugo", "handoff cancel H-2 the campaign moved"), "Cancelled by Hugo Traffic"));
  CHECK(count_containing(world.texts_to("member:karim"), "cancelled by Hugo Traffic: the campaign moved") ==
        1);
  CHECK(world.actions_of(2) == "created edited cancelled");

  // Mistakes get a precise answer.
  CHECK(contains(world.say("hugo", "handoff logistcs Restock"),
                 "There is no department \"logistcs\". Did you mean logistics?"));
  CHECK(contains(world.say("hugo", "handoff logistics Restock due:someday"),
                 "baton cannot read the due time \"someday\""));
  CHECK(contains(world.say("hugo", "handoff logistics Restock due:2026-11-01"), "is already past"));
  CHECK(contains(world.say("hugo", "handoff logistics Restock prio:asap"),
                 "Priority \"asap\" is not one baton knows"));
  CHECK(contains(world.say("hugo", "handoff logistics Restock to:@lucas"), "Lucas Web is not in Logistics"));
  CHECK(contains(world.say("hugo", "handoff logistics " + std::string(201, 'x')), "201"));
  CHECK(contains(world.say("hugo", "handoff logistics"), "Type /baton handoff <department>"));
  CHECK(world.store->handoffs({}).size() == 2);  // none of the mistakes stored anything
}

TEST_CASE("who may do what with a handoff: every role against every action", "[handoffs][permissions]") {
  const Config config = test::config_from(kShop);
  Handoff h;
  h.number = 1;
  h.from_department = "marketing";
  h.to_department = "logistics";
  h.requester = "hugo";
  // member, then accept / done / reject / cancel / edit
  const std::vector<std::pair<std::string, std::string>> matrix = {
      {"hugo", "---CE"},   // the requester (staff, marketing): cancels and edits
      {"mia", "ADRCE"},    // a manager of another department: anything
      {"karim", "ADR--"},  // the target's referent (staff): what its members do
      {"ines", "ADR--"},   // a member of the target department
      {"lucas", "-----"},  // staff of a third department: nothing
      {"ada", "ADRCE"},    // an admin: anything
      {"dora", "ADRCE"},   // a manager in no department: anything
  };
  for (const auto& [key, expected] : matrix) {
    const Member* m = config.org.member(key);
    REQUIRE(m != nullptr);
    std::string actual;
    actual += may_act(*m, HandoffAction::accept, h, config.org) ? 'A' : '-';
    actual += may_act(*m, HandoffAction::done, h, config.org) ? 'D' : '-';
    actual += may_act(*m, HandoffAction::reject, h, config.org) ? 'R' : '-';
    actual += may_act(*m, HandoffAction::cancel, h, config.org) ? 'C' : '-';
    actual += may_edit(*m, h) ? 'E' : '-';
    INFO(key);
    CHECK(actual == expected);
  }

  // Through commands and buttons, a refusal names who can, and changes nothing.
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.say("hugo", "handoff logistics Restock SKU-1");
  CHECK(contains(
      world.say("lucas", "handoff accept H-1"),
      "Seuls les membres de Logistique (Karim Stock, Ines Planner et Joao Warehouse) ou un manager"));
  CHECK(contains(world.say("ines", "handoff cancel H-1 not needed"),
                 "Only Hugo Traffic, who asked for it, or a manager (Ada Admin, Dora Director and Mia "
                 "Marketing) can cancel H-1."));
  CHECK(contains(world.say("ines", "handoff edit H-1 prio:high"), "can change H-1"));
  CHECK(contains(world.say("hugo", "handoff done H-1"), "can mark as done H-1"));
  world.click("lucas", "accept", "H-1");
  CHECK(contains(world.aside(), "Seuls les membres de Logistique"));  // to Lucas alone
  CHECK(world.store->handoff(1)->state == HandoffState::open);
  CHECK(world.actions_of(1) == "created");
  // A manager may do anything.
  CHECK(contains(world.say("dora", "handoff accept H-1"), "Accepted by Dora Director"));
}

TEST_CASE("a button payload forged with another handoff's id is judged against that handoff",
          "[handoffs][permissions][security]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.say("hugo", "handoff logistics Restock SKU-1");  // H-1, Logistics' to take
  world.say("hugo", "handoff it Fix the checkout");      // H-2, IT's
  // Ines (Logistics) edits the value of H-1's Accept button to H-2: refused as if she had typed it.
  world.click("ines", "accept", "H-2");
  CHECK(contains(world.aside(), "can accept H-2"));
  CHECK(world.store->handoff(2)->state == HandoffState::open);
  CHECK(world.actions_of(2) == "created");
  // Another department's action (done before accepted, on someone else's) and a handoff that does not
  // exist change nothing either.
  world.click("ines", "done", "H-2");
  CHECK(world.store->handoff(2)->state == HandoffState::open);
  world.click("ines", "accept", "H-99");
  CHECK(world.store->handoff(1)->state == HandoffState::open);
  CHECK_FALSE(world.store->handoff(99));
  // Her own department's button still works.
  world.click("ines", "accept", "H-1");
  CHECK(world.store->handoff(1)->state == HandoffState::accepted);
  CHECK(world.actions_of(2) == "created");
}

TEST_CASE("two members press Accept at the same moment: one wins, the other is told who took it",
          "[handoffs][race]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.say("hugo", "handoff logistics Restock SKU-1");
  auto first = boost::asio::co_spawn(world.io, world.commands->click(world.click_of("ines", "accept", "H-1")),
                                     boost::asio::use_future);
  auto second = boost::asio::co_spawn(
      world.io, world.commands->click(world.click_of("joao", "accept", "H-1")), boost::asio::use_future);
  world.settle();
  const ClickReply ines_saw = first.get();
  const ClickReply joao_saw = second.get();
  const auto h = world.store->handoff(1);
  REQUIRE(h);
  CHECK(h->state == HandoffState::accepted);
  const std::string winner = h->assignee;
  const std::string loser = winner == "ines" ? "joao" : "ines";
  CHECK((winner == "ines" || winner == "joao"));
  CHECK(world.actions_of(1) == "created accepted");
  const ClickReply& lost = winner == "ines" ? joao_saw : ines_saw;
  REQUIRE(lost.aside);
  CHECK(contains(
      flatten(*lost.aside),
      "H-1 was taken first by " + std::string(winner == "ines" ? "Ines Planner" : "Joao Warehouse")));
  CHECK_FALSE((winner == "ines" ? ines_saw : joao_saw).aside);
  CHECK(count_containing(world.texts_to("member:hugo"), "accepted by") == 1);
}

TEST_CASE("reminders and escalations fire once each, on time, across a restart", "[handoffs][sla]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.start();
  world.say("hugo", "handoff logistics Restock SKU-1");
  // Accept by Monday 14:30 Paris; due Wednesday 10:00; reminder two working hours before, Tuesday 17:00;
  // managers four working hours after each breach: Tuesday 09:30 and Wednesday 15:30.
  const auto timers = world.store->handoff_timers(1);
  std::vector<std::string> planned;
  for (const HandoffTimer& t : timers)
    planned.push_back(std::string(to_string(t.kind)) + " " + iso8601(t.at));
  CHECK(planned == std::vector<std::string>{
                       "accept-breach 2026-11-30T13:30:00.000Z", "accept-managers 2026-12-01T08:30:00.000Z",
                       "due-reminder 2026-12-01T16:00:00.000Z", "due-breach 2026-12-02T09:00:00.000Z",
                       "due-managers 2026-12-02T14:30:00.000Z"});

  world.run_until("2026-11-30T13:29:00Z");
  CHECK(world.texts_to("member:karim").size() == 1);  // only the request itself
  world.run_until("2026-11-30T13:31:00Z");
  CHECK(count_containing(world.texts_to("member:karim"), "was due to be accepted by Mon 30 Nov 14:30") == 1);
  world.run_until("2026-12-01T08:31:00Z");
  CHECK(count_containing(world.texts_to("member:dora"),
                         "Escalation: H-1 for Logistics has still not been accepted") == 1);
  CHECK(world.texts_to("member:mia").empty());  // a manager of a department is not "the managers"

  world.clock.set(*parse_iso8601("2026-12-01T08:40:00Z"));
  world.click("ines", "accept", "H-1");
  world.run_until("2026-12-01T16:01:00Z");
  CHECK(count_containing(world.texts_to("member:ines"), "Reminder: H-1 is due Wed 2 Dec 10:00.") == 1);

  world.restart();
  world.run_until("2026-12-02T09:01:00Z");
  CHECK(count_containing(world.texts_to("member:karim"), "was due Wed 2 Dec 10:00 and is not done") == 1);
  world.run_until("2026-12-02T14:31:00Z");
  CHECK(count_containing(world.texts_to("member:dora"), "is past due") == 1);
  CHECK(world.actions_of(1) ==
        "created accept-breach accept-managers accepted due-reminder due-breach due-managers");

  // Another restart, days later: nothing fires again.
  world.restart();
  world.run_until("2026-12-09T08:00:00Z");
  CHECK(world.texts_to("member:karim").size() == 3);
  CHECK(world.texts_to("member:dora").size() == 2);
  CHECK(world.texts_to("member:ines").size() == 1);
  CHECK(world.store->handoff_timers(1).empty());
  const std::string shown = world.say("hugo", "handoff show H-1");
  CHECK(contains(shown, "baton told the referent: not accepted in time"));
  CHECK(contains(shown, "baton told the managers: still not done"));
}

TEST_CASE("a handoff done in time sends no reminder and no escalation", "[handoffs][sla]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.start();
  world.say("hugo", "handoff logistics Restock SKU-1");
  world.run_until("2026-11-30T09:00:00Z");
  world.say("ines", "handoff done H-1 restocked");
  world.run_until("2026-12-09T08:00:00Z");
  CHECK(world.texts_to("member:karim").size() == 1);
  CHECK(world.texts_to("member:dora").empty());
  CHECK(world.actions_of(1) == "created done");
}

TEST_CASE("a three-step workflow with a parallel step runs to its end", "[handoffs][workflow]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  const std::string started = world.say("dora", "workflow start campaign-launch Black Friday");
  CHECK(contains(started, "W-1 Campaign launch started: H-1 (Marketing)."));
  CHECK(contains(flatten(world.messages_to("channel:#marketing").at(0).message),
                 "Campaign brief — Black Friday"));
  CHECK(contains(world.say("dora", "workflow status W-1"), "step 1 of 3"));
  CHECK(contains(world.say("dora", "workflow status W-1"), "Held by Marketing."));

  world.say("hugo", "handoff done H-1 brief in the shared drive");
  // The next step opened, carrying what the last one said.
  const auto stock = world.store->handoff(2);
  REQUIRE(stock);
  CHECK(stock->to_department == "logistics");
  CHECK(stock->from_department == "marketing");
  CHECK(stock->title == "Stock check — Black Friday");
  CHECK(iso8601(stock->due_at) == "2026-12-03T09:30:00.000Z");  // 24 working hours: Thursday 10:30
  CHECK(world.store->handoff_events(2).at(0).note == "H-1: brief in the shared drive");
  CHECK(contains(flatten(world.messages_to("channel:#logistics").at(0).message),
                 "Earlier steps:\nH-1: brief in the shared drive"));
  world.say("ines", "handoff accept H-2");
  CHECK(contains(world.say("dora", "workflow status W-1"), "Held by Logistics (Ines Planner)."));

  world.say("ines", "handoff done H-2 stock is fine");
  // The parallel step: IT and Logistics at once.
  CHECK(world.store->handoff(3)->to_department == "it");
  CHECK(world.store->handoff(4)->to_department == "logistics");
  CHECK(world.store->handoff(3)->title == "Landing page — Black Friday");
  world.say("lucas", "handoff done H-3 page en ligne");
  CHECK_FALSE(world.store->handoff(5));  // waits for the other one
  CHECK(contains(world.say("dora", "workflow status W-1"), "step 3 of 3"));
  CHECK(contains(world.say("dora", "workflow status W-1"), "Held by Logistics."));
  world.say("joao", "handoff done H-4 FAQ sent");
  CHECK(world.store->workflow_run(1)->state == WorkflowState::done);
  CHECK(contains(world.say("dora", "workflow status W-1"), "complete"));
  CHECK(count_containing(world.texts_to("member:dora"), "Workflow Black Friday is complete") == 1);

  // A rejected step stops the run and tells whoever started it.
  world.say("dora", "workflow start campaign-launch Soldes");
  world.say("mia", "handoff reject H-5 no budget");
  CHECK(world.store->workflow_run(2)->state == WorkflowState::stopped);
  CHECK(count_containing(world.texts_to("member:dora"), "Your workflow stopped at H-5") == 1);
  CHECK(contains(world.say("dora", "workflow start nope X"), "There is no workflow \"nope\""));
}

TEST_CASE("handoff lists: mine, a department's, overdue, waiting on us", "[handoffs]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.say("hugo", "handoff logistics Restock SKU-1 due:tomorrow");
  world.say("hugo", "handoff it Fix the banner due:+3h");
  world.say("lucas", "handoff logistics Ship samples");
  world.clock.set(*parse_iso8601("2026-11-30T12:00:00Z"));
  const std::string mine = world.say("hugo", "handoffs");
  CHECK(contains(mine, "Your open handoffs"));
  CHECK(contains(mine, "H-1 Restock SKU-1"));
  CHECK(contains(mine,
                 "H-2 Fix the banner · Marketing → IT · due Mon 30 Nov 12:00 · Open, waiting for someone to "
                 "accept it · overdue"));
  CHECK_FALSE(contains(mine, "H-3"));
  CHECK(contains(mine, "Details: /baton handoff show H-2."));  // the first listed, the soonest due
  const std::string waiting = world.say("ines", "handoffs waiting-on-us");
  CHECK(contains(waiting, "Waiting on Logistics"));
  CHECK(contains(waiting, "H-1 Restock"));
  CHECK(contains(waiting, "H-3 Ship samples"));
  CHECK_FALSE(contains(waiting, "H-2 "));
  const std::string overdue = world.say("ines", "handoffs overdue");
  CHECK(contains(overdue, "H-2 Fix the banner"));
  CHECK_FALSE(contains(overdue, "H-1 "));
  const std::string none = world.say("hugo", "handoffs waiting-on-us");  // nothing asked of marketing
  INFO(none);
  CHECK(contains(none, "None."));
  CHECK_FALSE(contains(none, "Details:"));  // none listed, none to show
  CHECK(contains(world.say("ines", "handoffs it"), "H-2 Fix the banner"));
  CHECK(contains(world.say("ines", "handoffs nowhere"), "Type /baton handoffs"));
}

TEST_CASE("SLA and workflow settings that cannot work are refused with where and why", "[handoffs][config]") {
  const auto errors_with = [](const std::string& from, const std::string& to) {
    std::string yaml = kShop;
    const std::size_t at = yaml.find(from);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, from.size(), to);
    const ConfigResult result = parse_config(
        yaml, "/tmp/x.yaml", [](const std::string&) -> std::optional<std::string> { return {}; });
    std::string out;
    for (const auto& e : result.errors)
      out += std::to_string(e.line) + ": " + e.message + " | " + e.hint + "\n";
    return out;
  };
  const std::string sla = "sla: {accept: 4h, resolve: 16h,";
  CHECK(contains(
      errors_with(sla, "sla: {accept: 2d, resolve: 16h,"),
      "34: handoffs.sla.accept is not a working time: \"2d\" | write hours or minutes of working time"));
  CHECK(contains(errors_with(sla, "sla: {accept: 20h, resolve: 16h,"),
                 "the low priority's accept target is longer than its resolve target"));
  CHECK(contains(errors_with(sla, "sla: {accept: 1m, resolve: 16h,"), "must be between 5m and 1000h"));
  CHECK(
      contains(errors_with(sla, "sla: {acept: 4h, resolve: 16h,"), "unknown key \"acept\" in handoffs.sla"));
  CHECK(contains(errors_with("department: logistics, title: {en: Stock check",
                             "department: logistcs, title: {en: Stock check"),
                 "is not a department | did you mean \"logistics\"?"));
  CHECK(contains(errors_with("      - parallel:\n          - {key: landing",
                             "      - parallel:\n          - {key: brief"),
                 "step \"brief\" is listed twice"));
  CHECK(contains(
      errors_with("{key: brief, department: marketing, title: {en: Campaign brief, fr: Brief de campagne}, "
                  "within: 8h}",
                  "{key: brief, department: marketing}"),
      "needs a title"));
  // A workflow without steps is said to need them (found by fuzzing: it threw out of the checker).
  CHECK(contains(errors_with("workflows:\n", "workflows:\n  - key: empty\n"),
                 "workflow empty needs steps, a list"));
  // Managers named for escalations must be members.
  std::string with_managers = kShop;
  with_managers.replace(with_managers.find("workflows:"), 0, "  managers: [dora, zoe]\n");
  const ConfigResult result = parse_config(
      with_managers, "/tmp/x.yaml", [](const std::string&) -> std::optional<std::string> { return {}; });
  REQUIRE(result.errors.size() == 1);
  CHECK(contains(result.errors[0].message, "zoe"));
}

TEST_CASE("handoff figures per department and week, for the KPI engine and /baton handoffs stats",
          "[handoffs][stats]") {
  HandoffWorld world(test::config_from(kShop), kMonday);  // Monday 30 November, 09:00 in Paris
  world.say("hugo", "handoff logistics Restock SKU-1");
  world.say("hugo", "handoff logistics Ship samples due:+3h");
  world.say("hugo", "handoff logistics Count the pallets");
  world.say("hugo", "handoff logistics Never mind");
  world.say("hugo", "handoff cancel H-4 not needed after all");
  world.clock.set(*parse_iso8601("2026-11-30T09:00:00Z"));
  world.say("ines", "handoff accept H-1");  // an hour to accept
  world.clock.set(*parse_iso8601("2026-11-30T10:00:00Z"));
  world.say("karim", "handoff reject H-3 done last week");  // two hours to answer
  world.clock.set(*parse_iso8601("2026-12-01T09:00:00Z"));
  world.say("ines", "handoff done H-1 restocked");  // 8h30 of working time after it was asked
  world.clock.set(*parse_iso8601("2026-12-04T11:00:00Z"));

  const auto figures = world.now(world.services->store.run([&](Store& store) {
    return handoff_stats(store, world.config, "logistics", date::sys_days{date::November / 23 / 2026}, 2,
                         world.clock.now());
  }));
  REQUIRE(figures.size() == 2);
  CHECK(figures[0].opened == 0);
  CHECK_FALSE(figures[0].sla_percent);
  const HandoffWeekStats& week = figures[1];
  CHECK(week.opened == 4);
  CHECK(week.closed == 2);   // done and rejected; the cancelled one is not the department's doing
  CHECK(week.overdue == 1);  // H-2, due at noon on Monday
  CHECK(week.median_accept == std::chrono::minutes(90));
  CHECK(week.median_close == std::chrono::minutes(8 * 60 + 30));
  REQUIRE(week.sla_percent);
  CHECK(*week.sla_percent == Approx(50.0));  // H-1 in time, H-2 missed

  const std::string shown = world.say("ines", "handoffs stats");
  CHECK(contains(shown, "Handoffs to Logistics, last 4 weeks"));
  CHECK(contains(
      shown,
      "Week of Mon 30 Nov: 4 asked, 2 closed, 1 overdue · accepted in 1h30 · done in 8h30 · SLA met 50%"));
  CHECK(contains(world.say("lucas", "handoffs stats logistics 2"),
                 "Semaine du lun. 30 nov. : 4 reçues, 2 closes, 1 en retard"));
  CHECK(contains(world.say("ines", "handoffs stats 99"), "from 1 to 26"));
}

TEST_CASE("a handoff's card outlives the outbox's pruning, so it can still be updated weeks later",
          "[handoffs][store]") {
  HandoffWorld world(test::config_from(kShop), kMonday);
  world.say("hugo", "handoff logistics Restock SKU-1");
  world.say("hugo", "whoami");  // an ordinary message, for comparison
  const auto post = world.messages_to("channel:#logistics").at(0);
  for (const OutboxItem& item : world.store->outbox_items(OutboxState::pending, 100))
    world.store->mark_sent(item.id, world.clock.now(), "ts-" + std::to_string(item.id));
  CHECK(world.store->prune(world.clock.now() + date::days(30)) > 0);
  CHECK(world.store->sent_message_id(post.key) == "ts-" + std::to_string(post.id));
  // Weeks later the handoff is done: its card is updated in place.
  world.clock.advance(std::chrono::hours(24 * 30));
  world.say("ines", "handoff done H-1 restocked");
  const auto update = world.messages_to("channel:#logistics").back();
  CHECK(update.destination.original_key == post.key);
}

TEST_CASE("a blocker in the stand-up report becomes a handoff with its button", "[handoffs][standup]") {
  const std::string with_standup = std::string(kShop) + R"(rituals:
  - key: standup
    kind: standup
    name: {en: Logistics stand-up, fr: Point logistique}
    department: logistics
    schedule: weekdays 09:30
)";
  HandoffWorld world(test::config_from(with_standup), kMonday);
  const Ritual& ritual = *world.config.ritual("standup");
  const auto answer = [&](const std::string& who, const std::string& blocker) {
    const StandupAnswer given{"standup",         "2026-11-30", who, {"Counted", "Receiving", blocker},
                              world.clock.now(), "console"};
    world.store->save_standup_answer(given);
    return given;
  };
  StandupDay day;
  day.day = *parse_day("2026-11-30");
  day.answers["ines"] = answer("ines", "The carrier's API key has expired");
  day.answers["joao"] = answer("joao", "none");
  const Message report = standup_report(ritual, world.config.org, Locale::en, day);
  CHECK(contains(flatten(report), "[Hand off Ines Planner's blocker]"));
  CHECK_FALSE(contains(flatten(report), "Joao Warehouse's blocker"));  // "none" is no blocker
  const Button* button = nullptr;
  for (const Block& block : report.blocks) {
    if (const auto* actions = std::get_if<Actions>(&block)) button = &actions->buttons.at(0);
  }
  REQUIRE(button != nullptr);
  CHECK(button->value == "standup|2026-11-30|ines");

  // Karim presses it: a dialog to him alone, with the departments other than Logistics and the blocker.
  const ClickReply pressed = world.press("karim", *button);
  CHECK_FALSE(pressed.replacement);  // the report stays as everyone sees it
  REQUIRE(pressed.dialog);
  const Dialog dialog = *pressed.dialog;
  CHECK(dialog.id == "standup.handoff");
  REQUIRE(dialog.fields.size() == 3);
  CHECK(dialog.fields[0].id == "department");
  REQUIRE(dialog.fields[0].choices.size() == 2);
  CHECK(dialog.fields[0].choices[0].value == "marketing");
  CHECK(dialog.fields[0].choices[1].value == "it");
  CHECK(dialog.fields[1].initial == "The carrier's API key has expired");
  CHECK_FALSE(dialog.fields[2].required);
  CHECK(contains(world.aside(), "type /baton handoff <department> \"The carrier's API key has expired\""));

  // What is wrong is said by field; nothing is opened until all is right.
  const std::string wrong =
      world.submit("karim", dialog, {{"department", "logistics"}, {"title", " "}, {"due", "someday"}});
  CHECK(contains(wrong, "department: Pick a department."));
  CHECK(contains(wrong, "title: Say what is asked."));
  CHECK(contains(wrong, "due: "));
  CHECK_FALSE(world.store->handoff(1));

  const std::string opened =
      world.submit("karim", dialog,
                   {{"department", "it"}, {"title", "Renew the carrier's API key"}, {"due", "wed 12:00"}});
  CHECK(contains(opened, "H-1 sent to IT"));
  const auto h = world.store->handoff(1);
  REQUIRE(h);
  CHECK(h->from_department == "logistics");  // on behalf of the blocked person's department
  CHECK(h->to_department == "it");
  CHECK(h->requester == "karim");
  CHECK(h->title == "Renew the carrier's API key");
  CHECK(iso8601(h->due_at) == "2026-12-02T11:00:00.000Z");
  const auto events = world.store->handoff_events(1);
  REQUIRE(!events.empty());
  CHECK(events[0].note == "A blocker in Ines Planner's stand-up (Logistics stand-up, Monday 30 November)");
  CHECK(world.texts_to("channel:#it").size() == 1);  // the card in IT's channel
  CHECK(contains(world.say("lucas", "handoff show H-1"), "A blocker in Ines Planner's stand-up"));

  // Once Ines's blocker is gone, the button says so instead of opening a dialog.
  answer("ines", "nothing");
  const ClickReply later = world.press("karim", *button);
  CHECK_FALSE(later.dialog);
  CHECK(contains(world.aside(), "Ines Planner has no blocker in that stand-up any more."));
}
