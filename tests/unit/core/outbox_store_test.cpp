// The store's side of "nothing lost, nothing doubled": events kept until handled and deduplicated by id,
// outbox messages deduplicated by key, delivered one lane at a time in order.
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/message/message_json.hpp"
#include "tests/support/stores.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

// Runs a test case once on each store (test::store_kinds()).
struct Fixture {
  std::string kind = GENERATE(from_range(test::store_kinds()));
  test::TempDir dir;
  ManualClock clock{*parse_iso8601("2026-11-23T08:00:00Z")};
  std::unique_ptr<Store> store = open();

  std::unique_ptr<Store> open() { return test::open_store(kind, dir, clock); }

  OutboxItem item(const std::string& key, const std::string& channel, const std::string& text) {
    OutboxItem i;
    i.key = key;
    i.platform = Platform::slack;
    i.destination.channel = channel;
    i.message.section(RichText(text));
    i.created_at = clock.now();
    return i;
  }
};

std::string text_of(const OutboxItem& item) {
  return std::get<Section>(item.message.blocks.at(0)).text.plain();
}

}  // namespace

TEST_CASE("an event is accepted once, kept until handled, even across a restart", "[store][inbox]") {
  Fixture f;
  const InboundEvent event{"slack", "Ev01ABC", R"({"type":"event_callback"})", f.clock.now()};
  CHECK(f.store->accept_event(event));
  CHECK_FALSE(f.store->accept_event(event));  // Slack's retry
  CHECK(
      f.store->accept_event({"teams", "Ev01ABC", "{}", f.clock.now()}));  // another source, another id space
  f.store = f.open();
  CHECK_FALSE(f.store->accept_event(event));
  auto unhandled = f.store->unhandled_events("slack", f.clock.now(), f.clock.now(), 10, {}).to_retry;
  REQUIRE(unhandled.size() == 1);
  CHECK(unhandled[0].id == "Ev01ABC");
  CHECK(unhandled[0].payload == R"({"type":"event_callback"})");
  f.store->mark_event_handled("slack", "Ev01ABC", f.clock.now());
  CHECK(f.store->unhandled_events("slack", f.clock.now(), f.clock.now(), 10, {}).to_retry.empty());
  CHECK_FALSE(f.store->accept_event(event));  // still remembered once handled
}

TEST_CASE("an event whose handling keeps failing is retried a few times, further apart, then given up",
          "[store][inbox]") {
  Fixture f;
  const EventRetries policy{30s, 3};
  REQUIRE(f.store->accept_event({"slack", "Ev1", "{}", f.clock.now()}));
  // The pass every lease takes what was received a lease ago; each retry holds the event longer.
  std::vector<std::string> retried_at;
  for (int minute = 0; minute < 60; ++minute) {
    f.clock.advance(30s);
    const auto found = f.store->unhandled_events("slack", f.clock.now() - 30s, f.clock.now(), 10, policy);
    for (const InboundEvent& e : found.to_retry)
      retried_at.push_back(iso8601(f.clock.now()) + " #" + std::to_string(e.retries));
    for (const InboundEvent& e : found.given_up)
      retried_at.push_back(iso8601(f.clock.now()) + " given up after " + std::to_string(e.retries));
  }
  CHECK(retried_at == std::vector<std::string>{"2026-11-23T08:00:30.000Z #1", "2026-11-23T08:01:00.000Z #2",
                                               "2026-11-23T08:02:00.000Z #3",
                                               "2026-11-23T08:04:00.000Z given up after 3"});
  // Given up is never claimed again, even when everything left over is taken at a restart.
  CHECK(f.store->unhandled_events("slack", f.clock.now(), f.clock.now(), 10, policy).to_retry.empty());
  f.store = f.open();
  CHECK(f.store->unhandled_events("slack", SysTime::max(), f.clock.now(), 10, policy).given_up.empty());
  // Still known by its id (a platform's late retry is not handled again), and pruned as handled ones are.
  CHECK_FALSE(f.store->accept_event({"slack", "Ev1", "{}", f.clock.now()}));
  f.clock.advance(8 * 24h);
  CHECK(f.store->prune(f.clock.now() - 7 * 24h) == 1);
  CHECK(f.store->accept_event({"slack", "Ev1", "{}", f.clock.now()}));
}

TEST_CASE("a pending command is kept until its answer is enqueued, and claimed if its answer never comes",
          "[store][pending]") {
  Fixture f;
  const PendingCommand command{
      "slack:command:T1",     Platform::slack, "U0SAM", "sam", "C0LOG", "handoff it \"Fix the printer\"",
      "https://hooks.test/1", f.clock.now()};
  f.store->save_pending_command(command);
  f.store->save_pending_command(command);  // the same command again: kept once
  // Answered: enqueued and forgotten together.
  CHECK(f.store->enqueue_answer(f.item("slack:command:T1", "C0LOG", "done"), "slack:command:T1"));
  CHECK(f.store->claim_pending_commands(Platform::slack, SysTime::max(), f.clock.now(), 10).empty());
  // Never answered (its process died): claimed once a lease has passed, by one instance at a time.
  PendingCommand lost = command;
  lost.key = "slack:command:T2";
  f.store->save_pending_command(lost);
  CHECK(f.store->claim_pending_commands(Platform::slack, f.clock.now() - 30s, f.clock.now(), 10).empty());
  CHECK(f.store->claim_pending_commands(Platform::teams, f.clock.now(), f.clock.now(), 10).empty());
  f.clock.advance(31s);
  const auto claimed =
      f.store->claim_pending_commands(Platform::slack, f.clock.now() - 30s, f.clock.now(), 10);
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].key == "slack:command:T2");
  CHECK(claimed[0].member == "sam");
  CHECK(claimed[0].text == "handoff it \"Fix the printer\"");
  CHECK(claimed[0].reply_to == "https://hooks.test/1");
  CHECK(claimed[0].received_at == f.clock.now() - 31s);
  CHECK(f.store->claim_pending_commands(Platform::slack, f.clock.now() - 30s, f.clock.now(), 10).empty());
  // Its author told: the notice enqueued, the command forgotten.
  CHECK(f.store->enqueue_answer(f.item("slack:command:T2:lost", "C0LOG", "not done"), "slack:command:T2"));
  f.clock.advance(1h);
  CHECK(f.store->claim_pending_commands(Platform::slack, f.clock.now(), f.clock.now(), 10).empty());
}

TEST_CASE("a message with bytes that are not UTF-8 is stored with U+FFFD in their place", "[store][outbox]") {
  Fixture f;
  CHECK(f.store->enqueue(f.item("k", "C1", "caf\xE9 cr\xC3\xA8me")));  // a Latin-1 é, then a UTF-8 è
  CHECK(text_of(*f.store->lane_head("slack/channel:C1")) == "caf\xEF\xBF\xBD cr\xC3\xA8me");
}

TEST_CASE("the same outbox key is stored once", "[store][outbox]") {
  Fixture f;
  CHECK(f.store->enqueue(f.item("reply:1", "C1", "hello")));
  CHECK_FALSE(f.store->enqueue(f.item("reply:1", "C1", "hello again")));
  CHECK(f.store->outbox_stats().pending == 1);
  CHECK(text_of(*f.store->lane_head("slack/channel:C1")) == "hello");
}

TEST_CASE("a stored message comes back whole", "[store][outbox]") {
  Fixture f;
  OutboxItem original = f.item("k", "C1", "unused");
  original.message = Message();
  original.message.locale = Locale::fr;
  original.message.header("Transfert H-12").section(RichText("Pour ").append("logistique", SpanStyle::bold));
  original.message.fields({{"Échéance", "vendredi"}}).context("ctx").divider();
  // What a member typed, with everything JSON must escape.
  original.message.section(RichText("\"quoted\" back\\slash\nnew line\ttab \x01 {\"json\": [1]}"));
  original.message.actions(
      {{"Accepter", "handoff.accept", "H-12", ButtonStyle::primary, "handoff accept H-12", {}},
       {"Le tableau", "", "", ButtonStyle::normal, "", "https://example.com/board"}});
  Dialog form;
  form.id = "standup.answer";
  form.title = "Point";
  form.submit = "Enregistrer";
  form.context = "standup/2026-11-23";
  form.fields = {{"q1", "Hier ?", {}, "", "", true, 2000},
                 {"lang", "Langue", {{"en", "English"}, {"fr", "Français"}}, "fr", "un indice", false, 500}};
  original.message.form = form;
  original.destination.kind = Destination::Kind::update;
  original.destination.message_id = "1700000000.000100";
  f.store->enqueue(original);
  const auto back = f.store->lane_head(original.lane());
  REQUIRE(back);
  CHECK(to_json_text(back->message) == to_json_text(original.message));
  REQUIRE(back->message.form);
  CHECK(back->message.form->fields.at(1).choices.at(1).label == "Français");
  CHECK(std::get<Section>(back->message.blocks.at(5)).text.plain() ==
        "\"quoted\" back\\slash\nnew line\ttab \x01 {\"json\": [1]}");
  CHECK_FALSE(back->message.form->fields.at(1).required);
  CHECK(back->destination.kind == Destination::Kind::update);
  CHECK(back->destination.message_id == "1700000000.000100");
  CHECK(back->platform == Platform::slack);
  CHECK(back->state == OutboxState::pending);
  CHECK(back->attempts == 0);
}

TEST_CASE("only the oldest pending message of a lane is due, so a lane keeps its order", "[store][outbox]") {
  Fixture f;
  f.store->enqueue(f.item("a1", "C1", "first in C1"));
  f.store->enqueue(f.item("b1", "C2", "first in C2"));
  f.store->enqueue(f.item("a2", "C1", "second in C1"));
  CHECK(f.store->due_lanes(f.clock.now(), 10, "me") ==
        std::vector<std::string>{"slack/channel:C1", "slack/channel:C2"});

  // The head of C1 must wait (Slack said 429): C1's second message waits behind it; C2 goes on.
  const auto head = *f.store->lane_head("slack/channel:C1");
  f.store->mark_retry(head.id, f.clock.now() + 30s, "ratelimited");
  CHECK(f.store->due_lanes(f.clock.now(), 10, "me") == std::vector<std::string>{"slack/channel:C2"});
  CHECK(f.store->next_due("me") == f.clock.now());  // C2's head is due now
  f.store->mark_sent(f.store->lane_head("slack/channel:C2")->id, f.clock.now(), "1700.1");
  CHECK(f.store->due_lanes(f.clock.now(), 10, "me").empty());
  CHECK(f.store->next_due("me") == f.clock.now() + 30s);

  f.clock.advance(30s);
  CHECK(f.store->due_lanes(f.clock.now(), 10, "me") == std::vector<std::string>{"slack/channel:C1"});
  const auto retried = *f.store->lane_head("slack/channel:C1");
  CHECK(retried.attempts == 1);
  CHECK(retried.last_error == "ratelimited");
  f.store->mark_sent(retried.id, f.clock.now(), std::nullopt);
  CHECK(text_of(*f.store->lane_head("slack/channel:C1")) == "second in C1");
}

TEST_CASE("a failed message leaves the queue and is listed with its reason", "[store][outbox]") {
  Fixture f;
  f.store->enqueue(f.item("a1", "C404", "to nowhere"));
  f.store->enqueue(f.item("a2", "C404", "next"));
  const auto head = *f.store->lane_head("slack/channel:C404");
  f.store->mark_failed(head.id, f.clock.now(), "channel_not_found");
  const auto stats = f.store->outbox_stats();
  CHECK(stats.pending == 1);
  CHECK(stats.failed == 1);
  const auto failed = f.store->outbox_items(OutboxState::failed, 10);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].last_error == "channel_not_found");
  CHECK(failed[0].finished_at == f.clock.now());
  CHECK(text_of(*f.store->lane_head("slack/channel:C404")) == "next");
}

TEST_CASE("queued messages survive a restart", "[store][outbox]") {
  Fixture f;
  f.store->enqueue(f.item("a1", "C1", "one"));
  f.store->enqueue(f.item("a2", "C1", "two"));
  f.store = f.open();
  CHECK(f.store->outbox_stats().pending == 2);
  CHECK(f.store->outbox_stats().oldest_pending == f.clock.now());
  CHECK(f.store->outbox_items(OutboxState::pending, 10).size() == 2);
}

TEST_CASE("clean-up forgets old sent messages and handled events, never pending or failed ones", "[store]") {
  Fixture f;
  f.store->enqueue(f.item("sent", "C1", "x"));
  f.store->mark_sent(f.store->lane_head("slack/channel:C1")->id, f.clock.now(), std::nullopt);
  f.store->enqueue(f.item("failed", "C2", "x"));
  f.store->mark_failed(f.store->lane_head("slack/channel:C2")->id, f.clock.now(), "invalid_auth");
  f.store->enqueue(f.item("pending", "C3", "x"));
  f.store->accept_event({"slack", "E1", "{}", f.clock.now()});
  f.store->mark_event_handled("slack", "E1", f.clock.now());
  f.store->accept_event({"slack", "E2", "{}", f.clock.now()});
  f.clock.advance(8 * 24h);
  CHECK(f.store->prune(f.clock.now() - 7 * 24h) == 2);
  CHECK(f.store->outbox_stats().pending == 1);
  CHECK(f.store->outbox_stats().failed == 1);
  CHECK(f.store->unhandled_events("slack", f.clock.now(), f.clock.now(), 10, {}).to_retry.size() == 1);
  // The sent key is forgotten with its row; a pending one still refuses a duplicate.
  CHECK_FALSE(f.store->enqueue(f.item("pending", "C3", "x")));
}

TEST_CASE("behind a long lane, the other lanes are taken in turn, each once, round to the start",
          "[store][outbox]") {
  Fixture f;
  for (int i = 0; i < 100; ++i)
    f.store->enqueue(f.item("long" + std::to_string(i), "C1", "backlog"));
  for (const std::string channel : {"C2", "C3", "C4", "C5"})
    f.store->enqueue(f.item("to-" + channel, channel, "waiting behind C1's backlog"));
  // The oldest messages are all C1's: its head first, then the other lanes in turn.
  using Lanes = std::vector<std::string>;
  CHECK(f.store->due_lanes(f.clock.now(), 3, "me") ==
        Lanes{"slack/channel:C1", "slack/channel:C2", "slack/channel:C3"});
  CHECK(f.store->due_lanes(f.clock.now(), 3, "me") ==
        Lanes{"slack/channel:C1", "slack/channel:C4", "slack/channel:C5"});
  CHECK(f.store->due_lanes(f.clock.now(), 3, "me") ==
        Lanes{"slack/channel:C1", "slack/channel:C2", "slack/channel:C3"});
  // With room for every lane, every lane.
  CHECK(f.store->due_lanes(f.clock.now(), 10, "me").size() == 5);
}
