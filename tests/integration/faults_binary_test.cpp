// Faults, end to end: baton killed with SIGKILL at arbitrary moments under a load of mixed commands, then
// started again on the same store: whatever it acknowledged is there, and every message is delivered.
// The moments are drawn from a fixed seed; the checks hold whichever moment the kill falls on. And the
// disk filling up under a running baton, then freed.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/resource.h>

#include "tests/support/slack_binary.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;
using test::command_form;
using test::FakeSlack;
using test::SlackBaton;

namespace {

// One number from baton's store, read as another process would once baton has stopped.
long long count(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const long long value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return value;
}

std::set<std::string> titles(const std::filesystem::path& db) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, "SELECT title FROM handoffs", -1, &statement, nullptr) == SQLITE_OK);
  std::set<std::string> out;
  while (sqlite3_step(statement) == SQLITE_ROW)
    out.emplace(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return out;
}

// The outbox key each message posted to Slack carried, in the order Slack received them.
std::vector<std::string> posted_keys(const FakeSlack& slack) {
  std::vector<std::string> keys;
  for (const auto& call : slack.calls("chat.postMessage"))
    keys.push_back(call.arguments.value("/metadata/event_payload/key"_json_pointer, std::string()));
  return keys;
}

bool each_once(const std::vector<std::string>& keys) {
  return std::set<std::string>(keys.begin(), keys.end()).size() == keys.size();
}

}  // namespace

TEST_CASE("a message Slack received as baton was killed is found there after the restart, not posted again",
          "[binary][slack][faults][in_doubt]") {
  FakeSlack slack;
  SlackBaton baton(slack);
  // Slack takes both messages of a handoff (its card, the note to the referent) and is slow to say so:
  // baton dies in between.
  slack.stall_next("chat.postMessage", 2, 5s);
  const auto reply =
      baton.command(command_form(slack, R"(handoff logistics "Restock SKU-123")", "U0ADAADMIN"));
  CHECK_THAT(json::parse(reply.body).value("text", ""), Catch::Contains("H-1 sent"));
  REQUIRE(slack.wait_for("chat.postMessage", 2));
  baton.process->signal(SIGKILL);
  CHECK(baton.process->wait() == 128 + SIGKILL);

  // Listening on port 0, each start is another process; on SQLite it still takes over the claims of the
  // one killed at once, well before their 30 s lease would run out.
  baton.start();
  CHECK(baton.metric_reaches("baton_outbox_found_delivered_total{platform=\"slack\"} 2", 10s));
  CHECK(baton.metric_reaches("baton_outbox_pending 0\n"));
  CHECK(slack.calls("conversations.history").size() == 2);
  const std::vector<std::string> keys = posted_keys(slack);
  INFO(keys.size() << " messages posted");
  CHECK(keys.size() == 2);
  CHECK(each_once(keys));
  CHECK(std::count(keys.begin(), keys.end(), std::string()) == 0);
  CHECK(slack.texts_in("C0LOGISTIC").size() == 1);
}

TEST_CASE(
    "killed at random points under mixed commands, baton restarts having kept every acknowledged one, "
    "and sends each message once",
    "[binary][slack][faults]") {
  FakeSlack slack;
  // One person sends the whole load: rate_limits.commands would answer most of it with "slow down".
  SlackBaton baton(slack, "rate_limits: {commands: off}\n");
  std::mt19937 draw(20261201);
  constexpr int kKills = 3;
  std::set<std::string> acknowledged;  // handoff titles answered "sent"
  std::set<std::string> events_acknowledged;
  int n = 0;

  for (int round = 0; round < kKills; ++round) {
    const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 400)(draw));
    std::thread killer([&] {
      std::this_thread::sleep_for(delay);
      baton.process->signal(SIGKILL);
    });
    // Writes (handoffs), events (stored, then answered through the outbox) and reads, until the kill.
    for (bool alive = true; alive; ++n) {
      try {
        const std::string title = "Kill test " + std::to_string(n);
        if (n % 3 == 0) {
          const auto reply = baton.command(command_form(slack, "handoff logistics \"" + title + "\"",
                                                        "U0ADAADMIN", "t-kill-" + std::to_string(n)));
          if (reply.status == 200 &&
              json::parse(reply.body).value("text", "").find("sent to Logistics") != std::string::npos)
            acknowledged.insert(title);
        } else if (n % 3 == 1) {
          const std::string id = "Ev0KILL" + std::to_string(n);
          if (baton.event(test::event_envelope(id, test::dm_event("U0SAMSTAFF", "whoami"))).status == 200)
            events_acknowledged.insert(id);
        } else {
          (void)baton.command(command_form(slack, "whoami", "U0SAMSTAFF", "t-read-" + std::to_string(n)));
        }
      } catch (const std::exception&) {
        alive = false;  // the connection was refused or cut: baton is gone
      }
    }
    killer.join();
    CHECK(baton.process->wait() == 128 + SIGKILL);
    baton.start();
  }
  INFO(acknowledged.size() << " handoffs and " << events_acknowledged.size() << " events acknowledged, " << n
                           << " requests sent");
  REQUIRE_FALSE(acknowledged.empty());

  // Everything stored is delivered once the last start has caught up: every event stored is answered
  // (those a kill interrupted are taken up again at start), and the outbox is empty.
  const auto db = baton.dir / "baton.db";
  bool caught_up = false;
  for (int i = 0; i < 600 && !caught_up; ++i) {
    caught_up = static_cast<long long>(slack.texts_in("DU0SAMSTAFF").size()) >=
                    count(db, "SELECT count(*) FROM inbound_events") &&
                baton.metrics().find("baton_outbox_pending 0\n") != std::string::npos;
    if (!caught_up) std::this_thread::sleep_for(100ms);
  }
  CHECK(caught_up);
  baton.process->signal(SIGTERM);
  CHECK(baton.process->wait() == 0);

  const std::set<std::string> stored = titles(db);
  for (const std::string& title : acknowledged) {
    INFO(title);
    CHECK(stored.count(title) == 1);
  }
  const long long events = count(db, "SELECT count(*) FROM inbound_events");
  CHECK(events >= static_cast<long long>(events_acknowledged.size()));
  // Nothing left unsent, and every message reached Slack once: a card per handoff, an answer per event.
  // One that was on its way at a kill (Slack had it, baton had not yet marked it sent) is found in the
  // channel's history after the restart rather than posted again.
  CHECK(count(db, "SELECT count(*) FROM outbox WHERE state <> 'sent'") == 0);
  const std::vector<std::string> cards = slack.texts_in("C0LOGISTIC");
  CHECK(std::set<std::string>(cards.begin(), cards.end()).size() == stored.size());
  CHECK(cards.size() == stored.size());
  CHECK(static_cast<long long>(slack.texts_in("DU0SAMSTAFF").size()) == events);
  CHECK(each_once(posted_keys(slack)));
}

TEST_CASE(
    "with the disk full, writes are answered 'try again' and nothing half stored, and once space is back "
    "baton carries on without a restart",
    "[binary][slack][faults]") {
  FakeSlack slack;
  test::TempDir secrets;
  const auto token_file = secrets.write("shop.token", "a-long-shop-token-123456\n");
  SlackBaton baton(slack, "rate_limits: {commands: off}\n" + test::kpi_api_config(token_file));
  const auto say = [&](const std::string& text, const std::string& trigger) {
    const auto reply = baton.command(command_form(slack, text, "U0ADAADMIN", trigger));
    REQUIRE(reply.status == 200);
    return json::parse(reply.body).value("text", "");
  };
  const auto post_point = [&](int value) {
    test::HttpConnection c("127.0.0.1", baton.port);
    return c.request(
        "POST", "/api/v1/kpis",
        R"({"points":[{"kpi":"revenue","at":"2026-11-20","value":)" + std::to_string(value) + "}]}",
        "Authorization: Bearer a-long-shop-token-123456\r\nContent-Type: application/json\r\n");
  };
  CHECK_THAT(say(R"(handoff logistics "Before the disk filled")", "t-full-1"), Catch::Contains("H-1 sent"));
  REQUIRE(slack.wait_for("chat.postMessage", 2));

  // The disk is full: from now on every byte baton writes to a file fails (RLIMIT_FSIZE of 1 byte set on
  // the running process; baton ignores SIGXFSZ, so the write fails with EFBIG as with ENOSPC).
  rlimit full{1, RLIM_INFINITY};  // the soft limit: raising it back needs no privilege
  REQUIRE(prlimit(baton.process->pid(), RLIMIT_FSIZE, &full, nullptr) == 0);
  for (int i = 0; i < 3; ++i) {
    INFO("attempt " << i);
    CHECK_THAT(say(R"(handoff logistics "While the disk was full )" + std::to_string(i) + "\"",
                   "t-full-w" + std::to_string(i)),
               Catch::Contains("nothing was changed. Please try again in a minute"));
  }
  // An event is not acknowledged (Slack sends it again later); a KPI batch is refused for later too.
  CHECK(baton.event(test::event_envelope("Ev0FULL", test::dm_event("U0SAMSTAFF", "whoami"))).status == 503);
  const auto refused_point = post_point(7);
  CHECK(refused_point.status == 503);
  // Reading still works.
  CHECK_THAT(say("whoami", "t-full-r"), Catch::Contains("What baton knows about you"));
  CHECK(baton.process->wait_for_err("disk"));

  // Space is back: the same process stores again, and only what it acknowledged is there.
  rlimit room{RLIM_INFINITY, RLIM_INFINITY};
  REQUIRE(prlimit(baton.process->pid(), RLIMIT_FSIZE, &room, nullptr) == 0);
  CHECK_THAT(say(R"(handoff logistics "After the disk was freed")", "t-full-2"), Catch::Contains("H-2 sent"));
  CHECK(baton.event(test::event_envelope("Ev0FULL", test::dm_event("U0SAMSTAFF", "whoami"))).status == 200);
  CHECK(post_point(8).status == 200);
  REQUIRE(slack.wait_for("chat.postMessage", 5));  // H-2's card and DM, and the answer to the event
  baton.process->signal(SIGTERM);
  CHECK(baton.process->wait() == 0);
  CHECK(titles(baton.dir / "baton.db") ==
        std::set<std::string>{"Before the disk filled", "After the disk was freed"});
  CHECK(count(baton.dir / "baton.db", "SELECT count(*) FROM inbound_events") == 1);
}
