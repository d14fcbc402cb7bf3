// The alert desk on a real store and the manual clock: states, grouped notices, repeats held by an open
// handoff, silences, working hours, and resolutions updating the message that announced them.
#include <memory>

#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/handoffs/desk.hpp"
#include "bot/core/kpis/alert_desk.hpp"
#include "bot/core/kpis/builtin_kpis.hpp"
#include "bot/core/text/utf8.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/kpi_fixtures.hpp"
#include "tests/support/stores.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

constexpr const char* kStockRules = R"(rules:
  - name: stock-low
    expr: last(stock-sku-123) < 10
    severity: critical
    open_handoff: true
    summary: "{{value}} left of SKU-123"
  - name: stock-very-low
    expr: last(stock-sku-123) < 3
    for: 1d
  - name: stock-out-of-hours
    expr: last(stock-sku-123) < 5
    severity: info
    business_hours: true
)";

struct AlertRig {
  test::TempDir dir;
  // Monday 23 November 2026, 10:00 in Paris.
  ManualClock clock{*parse_iso8601("2026-11-23T09:00:00Z")};
  std::shared_ptr<const Config> config = std::make_shared<const Config>(test::kpi_config(dir, kStockRules));
  std::string kind = GENERATE(from_range(test::store_kinds()));  // each test on each store
  std::unique_ptr<Store> owned = test::open_store(kind, dir, clock);
  Store& store = *owned;
  Profiles profiles;
  std::unique_ptr<KpiData> data = std::make_unique<KpiData>(config->kpis, config->rules);

  void stock(double value) { data->put("stock-sku-123", std::chrono::floor<date::days>(clock.now()), value); }

  AlertRound run(std::set<std::string> evaluate = {"stock-low", "stock-very-low", "stock-out-of-hours"}) {
    const AlertDesk desk(config->org, profiles, config, {Platform::console}, clock.now());
    return desk.run(store, *data, evaluate);
  }

  std::string state(const std::string& rule) {
    for (const AlertRecord& a : store.alerts()) {
      if (a.rule == rule) return a.state;
    }
    return "none";
  }

  // The alert messages queued, in order.
  std::vector<OutboxItem> notices() {
    std::vector<OutboxItem> out;
    for (const OutboxItem& item : store.outbox_items(OutboxState::pending, 1000)) {
      if (item.key.starts_with("alert/")) out.push_back(item);
    }
    return out;
  }
};

}  // namespace

TEST_CASE("alerts firing together make one message, resolved ones update it in place", "[alerts]") {
  AlertRig rig;
  rig.stock(2);
  const AlertRound first = rig.run();
  CHECK(first.evaluated == 3);
  CHECK(rig.state("stock-low") == "firing");
  CHECK(rig.state("stock-out-of-hours") == "firing");
  CHECK(rig.state("stock-very-low") == "pending");  // for: 1d
  auto notices = rig.notices();
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].destination.channel == "#logistics");
  const std::string text = test::flatten(notices[0].message);
  CHECK_THAT(text, Catch::Contains("Alertes pour Logistique"));  // its referent reads French
  CHECK_THAT(text, Catch::Contains("🔴 Critique · stock-low — 2 left of SKU-123"));
  CHECK_THAT(text, Catch::Contains("🔵 Info · stock-out-of-hours — stock-sku-123 : 2"));
  CHECK_THAT(text, Catch::Contains("en cours depuis lun. 23 nov. 10:00"));
  CHECK_THAT(text, Catch::Contains("/baton silence stock-low 4h"));

  // Nothing new: nothing said again.
  rig.clock.advance(1h);
  CHECK(rig.run().messages == 0);

  // A day later the pending one fires: a message of its own.
  rig.clock.advance(24h);
  rig.stock(2);
  rig.run();
  CHECK(rig.state("stock-very-low") == "firing");

  // Stock is back: each resolution updates the message that announced it.
  rig.stock(50);
  CHECK(rig.run().messages >= 2);
  CHECK(rig.state("stock-low") == "resolved");
  notices = rig.notices();
  std::vector<OutboxItem> updates;
  for (const OutboxItem& item : notices) {
    if (item.destination.kind == Destination::Kind::update) updates.push_back(item);
  }
  REQUIRE(updates.size() >= 2);
  CHECK(updates[0].destination.original_key == notices[0].key);
  // The summary still says what was wrong; the resolution says what the value is now.
  CHECK_THAT(test::flatten(updates[0].message),
             Catch::Contains("✅ Critique · stock-low — 2 left of SKU-123"));
  CHECK_THAT(test::flatten(updates[0].message), Catch::Contains("résolue mar. 24 nov. 11:00, 50 maintenant"));
  // Then the books close: inactive, and nothing recorded twice.
  rig.run();
  CHECK(rig.state("stock-low") == "inactive");
  const auto events = rig.store.alert_events(rig.clock.now() - 72h, rig.clock.now() + 1h);
  std::vector<std::string> of_stock_low;
  for (const AlertEvent& e : events) {
    if (e.rule == "stock-low") of_stock_low.push_back(e.state);
  }
  CHECK(of_stock_low == std::vector<std::string>{"firing", "resolved"});
}

TEST_CASE("an alert with open_handoff opens one, holds repeats while it is open, and notes the resolution",
          "[alerts][handoffs]") {
  AlertRig rig;
  rig.stock(8);
  CHECK(rig.run().handoffs == 1);
  const auto opened = rig.store.handoffs({});
  REQUIRE(opened.size() == 1);
  CHECK(opened[0].to_department == "logistics");
  CHECK(opened[0].title == "8 left of SKU-123");
  CHECK(opened[0].priority == Priority::high);  // critical
  CHECK(rig.store.handoff_events(opened[0].number).at(0).note ==
        "Ouverte par l'alerte stock-low (Critique) : 8 left of SKU-123");
  // A day on, still firing: no repeat while the handoff is open, and no second handoff.
  rig.clock.advance(25h);
  rig.stock(8);
  const AlertRound held = rig.run();
  CHECK(held.messages == 0);
  CHECK(held.handoffs == 0);
  CHECK(rig.store.handoffs({}).size() == 1);
  // Resolved: the handoff's history says so.
  rig.stock(40);
  rig.run();
  const auto history = rig.store.handoff_events(opened[0].number);
  CHECK(history.back().action == "alert-resolved");
  CHECK(history.back().note == "Alerte stock-low résolue, 40 maintenant (elle disait : 8 left of SKU-123)");
}

TEST_CASE("an alert's handoff title past 200 characters is cut between characters, with a marker",
          "[alerts][handoffs][utf8]") {
  test::TempDir dir;
  ManualClock clock{*parse_iso8601("2026-11-23T09:00:00Z")};
  // A summary of 197 characters (its limit is 200) that renders as 204, ending in "é", two bytes each:
  // cut at byte 200, the title ended half way through one.
  std::string summary = "x";
  for (int i = 0; i < 7; ++i)
    summary += "{{kpi.name}} ";
  for (int i = 0; i < 105; ++i)
    summary += "é";
  const std::string rules =
      "rules:\n  - name: stock-low\n    expr: last(stock-sku-123) < 10\n"
      "    open_handoff: true\n    summary: \"" +
      summary + "\"\n";
  const auto config = std::make_shared<const Config>(test::kpi_config(dir, rules));
  const auto store = test::open_store("sqlite", dir, clock);
  KpiData data(config->kpis, config->rules);
  data.put("stock-sku-123", std::chrono::floor<date::days>(clock.now()), 8);
  const Profiles profiles;
  const AlertDesk desk(config->org, profiles, config, {Platform::console}, clock.now());
  CHECK(desk.run(*store, data, {"stock-low"}).handoffs == 1);
  const std::string title = store->handoffs({}).at(0).title;
  CHECK(is_valid_utf8(title));
  CHECK(count_characters(title) == 200);
  CHECK(title.starts_with("xstock-sku-123 stock-sku-123"));
  CHECK(title.ends_with("é…"));
}

TEST_CASE("a still-firing alert without a handoff is said again every repeat interval", "[alerts]") {
  AlertRig rig;
  rig.stock(4);  // stock-out-of-hours (no handoff) and stock-low fire
  rig.run();
  const std::size_t before = rig.notices().size();
  rig.clock.advance(23h);
  CHECK(rig.run().messages == 0);
  rig.clock.advance(1h);
  CHECK(rig.run({}).messages == 1);  // a repeat needs no evaluation
  const auto notices = rig.notices();
  REQUIRE(notices.size() == before + 1);
  const std::string repeat = test::flatten(notices.back().message);
  CHECK_THAT(repeat, Catch::Contains("stock-out-of-hours"));
  CHECK_THAT(repeat, Catch::Contains("toujours en cours depuis lun. 23 nov. 10:00"));
  CHECK_THAT(repeat, !Catch::Contains("stock-low"));  // held by its open handoff
}

TEST_CASE("a silenced alert says nothing until its silence ends, then speaks", "[alerts][silence]") {
  AlertRig rig;
  rig.store.add_silence(
      {0, "stock-low", rig.clock.now(), rig.clock.now() + 4h, "marc", "counting the stock", {}});
  rig.stock(8);
  const AlertRound muted = rig.run();
  CHECK(rig.state("stock-low") == "firing");
  CHECK(muted.messages == 0);
  CHECK(muted.handoffs == 0);
  REQUIRE(muted.next);
  CHECK(*muted.next == rig.clock.now() + 4h);
  rig.clock.advance(4h);
  const AlertRound after = rig.run({});
  CHECK(after.messages == 1);
  CHECK(after.handoffs == 1);
}

TEST_CASE("a rule asking for working hours waits for them, in the department's calendar", "[alerts]") {
  AlertRig rig;
  rig.clock.set(*parse_iso8601("2026-11-28T10:00:00Z"));  // a Saturday
  rig.stock(4);
  const AlertRound weekend = rig.run({"stock-out-of-hours"});
  CHECK(rig.state("stock-out-of-hours") == "firing");
  CHECK(weekend.messages == 0);
  REQUIRE(weekend.next);
  CHECK(iso8601(*weekend.next) == "2026-11-30T08:00:00.000Z");  // Monday 09:00 in Paris
  rig.clock.set(*weekend.next);
  CHECK(rig.run({}).messages == 1);
}

TEST_CASE("missing data decides nothing: a firing alert stays firing without a value", "[alerts]") {
  AlertRig rig;
  rig.stock(4);
  rig.run();
  rig.data = std::make_unique<KpiData>(rig.config->kpis, rig.config->rules);  // the series gone
  rig.clock.advance(1h);
  rig.run();
  CHECK(rig.state("stock-low") == "firing");
}

TEST_CASE("built-in KPIs count each day once it is over: stand-up participation and handoffs",
          "[kpis][builtin]") {
  test::TempDir dir;
  const std::string yaml = std::string(test::kTeamYaml) + R"(
kpis:
  - {key: participation, builtin: standup_participation, department: logistics}
  - {key: opened, builtin: handoffs_opened, department: logistics}
  - {key: overdue, builtin: handoffs_overdue, department: logistics}
  - {key: sla, builtin: handoff_sla_compliance, department: logistics}
rituals:
  - {key: standup-logistics, kind: standup, name: Stand-up, department: logistics, schedule: weekdays 09:30}
)";
  ConfigResult result = parse_config(yaml, dir / "baton.yaml", test::kpi_environment());
  REQUIRE(result.errors.empty());
  const auto config = std::make_shared<const Config>(std::move(*result.config));
  ManualClock clock(*parse_iso8601("2026-11-23T08:30:00Z"));
  const std::string kind = GENERATE(from_range(test::store_kinds()));
  const auto owned = test::open_store(kind, dir, clock);
  Store& store = *owned;
  // Monday: both logistics members prompted, Sam answers; the report went at 10:30.
  const SysTime prompt = clock.now();
  for (const char* member : {"marc", "sam"}) {
    store.record_occurrence(
        {std::string("standup-logistics/prompt/2026-11-23/") + member, "standup-logistics", "prompt",
         "2026-11-23", member, prompt, OccurrenceOutcome::sent, "", prompt},
        {});
  }
  store.record_occurrence({"standup-logistics/report/2026-11-23", "standup-logistics", "report", "2026-11-23",
                           "", prompt + 1h, OccurrenceOutcome::sent, "", prompt + 1h},
                          {});
  store.save_standup_answer(
      {"standup-logistics", "2026-11-23", "sam", {"a", "b", "c"}, prompt + 10min, "console"});
  // Two handoffs asked of logistics that day.
  Profiles profiles;
  const HandoffDesk desk(config->org, profiles, config, {Platform::console}, clock.now());
  for (const char* title : {"Restock SKU-123", "Count the shelves"}) {
    HandoffRequest request;
    request.to_department = "logistics";
    request.title = title;
    desk.create(store, *config->org.member("lea"), "customer-service", Platform::console, request);
  }
  // Nothing is counted for a day not over yet.
  for (const KpiPoint& p : builtin_points(store, *config, clock.now(), 1))
    CHECK(p.day == "2026-11-22");  // Sunday's counts (zero handoffs), not Monday's

  clock.set(*parse_iso8601("2026-11-24T08:00:00Z"));
  const auto points = builtin_points(store, *config, clock.now(), 1);
  std::map<std::string, double> by_kpi;
  for (const KpiPoint& p : points) {
    CHECK(p.day == "2026-11-23");
    by_kpi[p.kpi] = p.value;
  }
  CHECK(by_kpi.at("participation") == 50);
  CHECK(by_kpi.at("opened") == 2);
  CHECK(by_kpi.at("overdue") == 0);
  CHECK(by_kpi.count("sla") == 0);  // none closed or due yet: nothing to judge
}
