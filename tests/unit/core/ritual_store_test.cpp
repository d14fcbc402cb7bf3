// The store's ritual tables, through the Store port: an occurrence claimed once with its messages, answers
// replaced, drafts, days off, skips and pauses, retrospective actions.
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "tests/support/stores.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;

namespace {

// Runs a test case once on each store (test::store_kinds()).
struct Fixture {
  std::string kind = GENERATE(from_range(test::store_kinds()));
  test::TempDir dir;
  ManualClock clock{*parse_iso8601("2026-11-23T08:00:00Z")};
  std::unique_ptr<Store> owned = test::open_store(kind, dir, clock);
  Store& store = *owned;
};

OutboxItem message(const std::string& key, const std::string& member) {
  OutboxItem item;
  item.key = key;
  item.destination.kind = Destination::Kind::member;
  item.destination.member = member;
  item.destination.user_id = member;
  item.message.section("hello");
  item.created_at = *parse_iso8601("2026-11-23T08:30:00Z");
  return item;
}

}  // namespace

TEST_CASE("an occurrence is claimed once, and its messages are stored with it or not at all",
          "[store][rituals]") {
  Fixture f;
  OccurrenceRecord record{"standup/prompt/2026-11-23/sam",
                          "standup",
                          "prompt",
                          "2026-11-23",
                          "sam",
                          *parse_iso8601("2026-11-23T08:30:00Z"),
                          OccurrenceOutcome::sent,
                          "",
                          f.clock.now()};
  CHECK(f.store.record_occurrence(record, {message("standup/prompt/2026-11-23/sam@console", "sam")}));
  CHECK_FALSE(f.store.record_occurrence(record, {message("other key", "sam")}));
  CHECK(f.store.outbox_stats().pending == 1);
  REQUIRE(f.store.occurrence(record.key));
  CHECK(f.store.occurrence(record.key)->outcome == OccurrenceOutcome::sent);
  CHECK(f.store.occurrences("standup", "2026-11-23", "2026-11-23").size() == 1);
  CHECK(f.store.occurrences("", "2026-11-24", "2026-11-30").empty());

  // A message key given twice is stored once, as everywhere in the outbox.
  OccurrenceRecord second = record;
  second.key = "standup/prompt/2026-11-23/marc";
  second.member = "marc";
  const OutboxItem twice = message("standup/prompt/2026-11-23/marc@console", "marc");
  CHECK(f.store.record_occurrence(second, {twice, twice}));
  CHECK(f.store.outbox_stats().pending == 2);

  // A message held for quiet hours is due at the end of them.
  OccurrenceRecord third = record;
  third.key = "standup/prompt/2026-11-23/lea";
  OutboxItem held = message("held", "lea");
  held.next_attempt_at = *parse_iso8601("2026-11-23T09:00:00Z");
  CHECK(f.store.record_occurrence(third, {held}));
  CHECK(f.store.due_lanes(*parse_iso8601("2026-11-23T08:45:00Z"), 10, "me") ==
        std::vector<std::string>{"console/member:sam", "console/member:marc"});
  CHECK(f.store.due_lanes(*parse_iso8601("2026-11-23T09:00:00Z"), 10, "me").size() == 3);
}

TEST_CASE("the scheduler's mark only moves forward", "[store][rituals]") {
  Fixture f;
  CHECK_FALSE(f.store.scheduler_mark());
  f.store.set_scheduler_mark(*parse_iso8601("2026-11-23T09:00:00Z"));
  f.store.set_scheduler_mark(*parse_iso8601("2026-11-23T08:00:00Z"));
  CHECK(iso8601(*f.store.scheduler_mark()) == "2026-11-23T09:00:00.000Z");
}

TEST_CASE("answers are replaced, drafts kept per member, days off overlap and cancel", "[store][rituals]") {
  Fixture f;
  f.store.save_standup_answer({"standup", "2026-11-23", "sam", {"a", "b", "c"}, f.clock.now(), "slack"});
  f.store.save_standup_answer({"standup", "2026-11-23", "sam", {"x", "y", "z"}, f.clock.now(), "teams"});
  const auto answers = f.store.standup_answers("standup", "2026-11-01", "2026-11-30");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].answers == std::vector<std::string>{"x", "y", "z"});
  CHECK(answers[0].platform == "teams");

  f.store.save_standup_draft({"sam", "standup", "2026-11-23", {"first"}, f.clock.now()});
  REQUIRE(f.store.standup_draft("sam"));
  CHECK(f.store.standup_draft("sam")->answers == std::vector<std::string>{"first"});
  f.store.clear_standup_draft("sam");
  CHECK_FALSE(f.store.standup_draft("sam"));

  f.store.add_days_off({"sam", "2026-12-21", "2026-12-24", f.clock.now()});
  f.store.add_days_off({"sam", "2026-12-21", "2026-12-31", f.clock.now()});  // extends
  f.store.add_days_off({"lea", "2026-11-30", "2026-11-30", f.clock.now()});
  CHECK(f.store.days_off("sam", "2026-11-23").size() == 1);
  CHECK(f.store.days_off("sam", "2026-11-23")[0].last_day == "2026-12-31");
  CHECK(f.store.days_off("", "2026-11-23").size() == 2);
  CHECK(f.store.days_off("lea", "2026-12-01").empty());
  CHECK(f.store.cancel_days_off("sam", "2026-12-30", "2027-01-05") == 1);
  CHECK(f.store.days_off("sam", "2026-11-23").empty());
}

TEST_CASE("skips and pauses say whether they changed anything, actions close once", "[store][rituals]") {
  Fixture f;
  CHECK(f.store.skip_ritual_day("standup", "2026-11-26", "marc", f.clock.now()));
  CHECK_FALSE(f.store.skip_ritual_day("standup", "2026-11-26", "ada", f.clock.now()));
  CHECK(f.store.skipped_days("standup", "2026-11-23") == std::vector<std::string>{"2026-11-26"});
  CHECK(f.store.skipped_days("standup", "2026-11-27").empty());
  CHECK(f.store.set_ritual_paused("standup", true, "marc", f.clock.now()));
  CHECK_FALSE(f.store.set_ritual_paused("standup", true, "marc", f.clock.now()));
  CHECK(f.store.paused_rituals() == std::vector<std::string>{"standup"});
  CHECK(f.store.set_ritual_paused("standup", false, "marc", f.clock.now()));
  CHECK_FALSE(f.store.set_ritual_paused("standup", false, "marc", f.clock.now()));

  RetroItem action{0,         "retro", "2026-11-27", "sam", RetroItemKind::action,
                   "Relabel", "lea",   "2026-12-04", {},    f.clock.now()};
  const std::int64_t id = f.store.add_retro_item(action);
  action.kind = RetroItemKind::went_well;
  f.store.add_retro_item(action);
  CHECK(f.store.retro_items("retro", "2026-11-27").size() == 2);
  CHECK(f.store.open_retro_actions("retro").size() == 1);
  CHECK(f.store.open_retro_actions("").size() == 1);
  CHECK(f.store.close_retro_action(id, f.clock.now()));
  CHECK_FALSE(f.store.close_retro_action(id, f.clock.now()));
  CHECK(f.store.open_retro_actions("retro").empty());
}
