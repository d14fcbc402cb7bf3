// /baton kpi, kpi set, silence and silences through the command layer, with the KPI test config.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/commands/command_layer.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "bot/core/text/utf8.hpp"
#include "tests/support/async.hpp"
#include "tests/support/flatten.hpp"
#include "tests/support/kpi_fixtures.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

struct KpiBot {
  test::TempDir dir;
  // Monday 23 November 2026, 09:00 in Paris.
  ManualClock clock{*parse_iso8601("2026-11-23T08:00:00Z")};
  std::shared_ptr<const Config> config = std::make_shared<const Config>(test::kpi_config(dir));
  LiveConfig live{config};
  SqliteStore store{{dir / "baton.db"}, clock};
  boost::asio::io_context io;
  StoreExecutor executor{store, io.get_executor()};
  Profiles profiles;
  Services services{config->org, profiles,       executor,
                    clock,       Log::discard(), {"9.9.9", clock.now(), {Platform::console}},
                    &live};
  CommandLayer commands{services};
  int alerts_woken = 0;

  KpiBot() {
    store.migrate();
    services.wake_alerts = [this] { ++alerts_woken; };
  }

  std::string say(const std::string& who, const std::string& text) {
    Inbound in;
    in.platform = Platform::console;
    in.user_id = who;
    in.channel = "#console";
    in.text = text;
    return test::flatten(test::run_sync(io, commands.handle(in)).message);
  }

  void points(const std::string& kpi, const std::vector<std::pair<std::string, double>>& days) {
    std::vector<KpiPoint> list;
    for (const auto& [day, value] : days)
      list.push_back({kpi, day, value});
    store.put_kpi_points(list, "test", clock.now());
  }
};

}  // namespace

TEST_CASE("kpi shows the caller's department's KPIs, yesterday's until today has figures",
          "[kpis][commands]") {
  KpiBot bot;
  bot.points("revenue", {{"2026-11-21", 30000}, {"2026-11-22", 36000}});
  bot.points("conversion", {{"2026-11-22", 2.6}});
  const std::string text = bot.say("lea", "kpi");  // customer service, in French
  CHECK_THAT(text, Catch::Contains("KPI — dimanche 22 novembre"));
  CHECK_THAT(
      text,
      Catch::Contains(
          "🟠 Chiffre d'affaires  36\u202F000\u00A0€ · objectif 40\u202F000\u00A0€ (90\u00A0%)"));
  CHECK_THAT(text, Catch::Contains("+20,0\u00A0% sur la période précédente"));
  CHECK_THAT(text, Catch::Contains("🟢 Taux de conversion  2,6\u00A0%"));
  CHECK_THAT(text, !Catch::Contains("stock"));  // logistics' KPI
  // Once today has a figure, today.
  bot.points("revenue", {{"2026-11-23", 41000}});
  CHECK_THAT(bot.say("lea", "kpi"), Catch::Contains("KPI — lundi 23 novembre"));
}

TEST_CASE("kpi names one KPI or a department, by day, week or month", "[kpis][commands]") {
  KpiBot bot;
  bot.points("revenue", {{"2026-11-16", 40000}, {"2026-11-17", 42000}, {"2026-11-23", 10000}});
  const std::string week = bot.say("sam", "kpi revenue week");
  CHECK_THAT(week, Catch::Contains("KPIs — week of Monday 23 November, so far"));
  CHECK_THAT(week, Catch::Contains("Revenue  €10,000 · target €40,000 (25%)"));  // a seventh of the week's
  CHECK_THAT(week, Catch::Contains("-75.0% on the period before"));              // against last Monday
  CHECK_THAT(bot.say("sam", "kpi logistics"), Catch::Contains("stock-sku-123"));
  CHECK_THAT(bot.say("sam", "kpi revenue year"),
             Catch::Contains("\"year\" is not a period: day, week or month"));
  CHECK_THAT(bot.say("sam", "kpi revenu"),
             Catch::Contains("There is no KPI \"revenu\". Did you mean revenue?"));
  CHECK_THAT(bot.say("sam", "kpi revenue month"), Catch::Contains("KPIs — November 2026, so far"));
}

TEST_CASE("kpi set records a value for the KPI's department and managers, and says what it replaced",
          "[kpis][commands]") {
  KpiBot bot;
  CHECK_THAT(bot.say("sam", "kpi set stock-sku-123 42"),
             Catch::Contains("Recorded: stock-sku-123 for Monday 23 November, 42."));
  CHECK(bot.alerts_woken == 1);
  CHECK_THAT(bot.say("sam", "kpi set stock-sku-123 40 today"), Catch::Contains("40 (it was 42)"));
  CHECK_THAT(bot.say("sam", "kpi set stock-sku-123 41 yesterday"), Catch::Contains("Sunday 22 November, 41"));
  CHECK(bot.store.kpi_points("stock-sku-123", "2026-11-22", "2026-11-23").size() == 2);
  CHECK(bot.store.kpi_points("stock-sku-123", "2026-11-23", "2026-11-23").at(0).source == "chat:sam");
  // Sam is in logistics, not customer service; Dana is a manager.
  CHECK_THAT(bot.say("sam", "kpi set revenue 100"),
             Catch::Contains("Only members of Customer service and managers may set Revenue"));
  CHECK_THAT(bot.say("dana", "kpi set revenue 12500.5"), Catch::Contains("€12,500.50"));
  CHECK_THAT(bot.say("dana", "kpi set revenue lots"),
             Catch::Contains("\"lots\" is not a value for Revenue (EUR)"));
  CHECK_THAT(bot.say("dana", "kpi set revenue 1 tomorrow"), Catch::Contains("has not begun yet"));
  CHECK_THAT(bot.say("dana", "kpi set logistics-sla 90"), Catch::Contains("is computed by baton"));
  CHECK_THAT(bot.say("dana", "kpi set revenue"), Catch::Contains("kpi set <kpi> <value> [<day>]"));
  CHECK_THAT(bot.say("lea", "kpi set conversion 2,7 %"),
             Catch::Contains("pour lundi 23 novembre, 2,7\u00A0%"));
}

TEST_CASE("a silence's reason past 200 characters is cut between characters, and listed",
          "[kpis][commands][silence][utf8]") {
  KpiBot bot;
  std::string reason;
  for (int i = 0; i < 250; ++i)
    reason += "é";
  CHECK_THAT(bot.say("dana", "silence stock-low 4h " + reason), Catch::Contains("Muted"));
  const std::string stored = bot.store.silences(bot.clock.now()).at(0).reason;
  CHECK(is_valid_utf8(stored));
  CHECK(count_characters(stored) == 200);
  CHECK(stored.ends_with("é…"));
  CHECK_THAT(bot.say("sam", "silences"), Catch::Contains("stock-low"));
}

TEST_CASE("silence mutes a rule for a while (managers), silences lists them, off lifts it",
          "[kpis][commands][silence]") {
  KpiBot bot;
  CHECK_THAT(bot.say("sam", "silence stock-low 4h"), Catch::Contains("manager"));  // staff may not
  CHECK_THAT(bot.say("dana", "silence stock-low 4h counting the shelves"),
             Catch::Contains("Muted: stock-low says nothing until Mon 23 Nov 13:00."));
  CHECK(bot.store.silences(bot.clock.now()).at(0).reason == "counting the shelves");
  CHECK_THAT(bot.say("sam", "silences"),
             Catch::Contains(
                 "stock-low until Mon 23 Nov 07:00, by Dana Director — counting the shelves"));  // Montréal
  CHECK_THAT(bot.say("dana", "silence stock-lo 4h"), Catch::Contains("There is no rule \"stock-lo\""));
  CHECK_THAT(bot.say("dana", "silence stock-low forever"), Catch::Contains("\"forever\" is not a duration"));
  CHECK_THAT(bot.say("dana", "silence stock-low 8d"), Catch::Contains("7 days at most"));
  CHECK_THAT(bot.say("dana", "silence stock-low off"), Catch::Contains("stock-low speaks again."));
  CHECK_THAT(bot.say("dana", "silence stock-low off"), Catch::Contains("stock-low is not muted."));
  CHECK_THAT(bot.say("sam", "silences"), Catch::Contains("No alert is muted."));
}
