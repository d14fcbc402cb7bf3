// A KPI snapshot and an alert notice as each platform shows them: the sparkline, markers and values
// survive every renderer, and a KPI name or summary written with markup cannot become markup.
#include <catch2/catch.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/kpis/alert_notice.hpp"
#include "bot/core/kpis/snapshot.hpp"
#include "integrations/console/console_render.hpp"
#include "integrations/slack/block_kit.hpp"
#include "integrations/teams/adaptive_card.hpp"
#include "tests/support/kpi_fixtures.hpp"

using namespace baton;
using json = nlohmann::json;

namespace {

Message snapshot_message(const KpiDefinition& kpi) {
  rules::Series days;
  const date::sys_days monday = date::sys_days{date::year{2026} / 11 / 16};
  for (int d = 0; d < 14; ++d)
    days.put(monday + date::days(d), (d < 7 ? 1000.0 : 2000.0) * (d % 7 + 1));  // a week, then twice it
  const SnapshotPeriod week = last_complete_period(rules::Period::week, monday + date::days(14));
  return kpi_snapshot({snapshot_row(kpi, &days, week)}, week, Locale::en);
}

}  // namespace

TEST_CASE("a KPI snapshot reads the same on Slack, Teams and the console", "[kpis][render]") {
  KpiDefinition kpi;
  kpi.key = "revenue";
  kpi.name = {"Revenue <!channel> *now*", "Revenue"};
  kpi.unit = rules::Unit::money("EUR");
  kpi.targets[rules::Period::week] = 30000;
  const Message m = snapshot_message(kpi);

  const std::string console = console::render(m);
  CHECK_THAT(console, Catch::Contains("KPIs — week of Monday 23 November"));
  CHECK_THAT(console, Catch::Contains("🟢"));
  CHECK_THAT(console, Catch::Contains("€56,000 · target €30,000 (186.7%) · +100.0% on the period before"));
  CHECK_THAT(console, Catch::Contains("▁█"));

  const auto slack = slack::render(m);
  const std::string section = json::parse(slack.blocks)[1]["text"]["text"];
  CHECK_THAT(section, Catch::Contains("&lt;!channel&gt;"));
  CHECK_THAT(section, !Catch::Contains("<!channel>"));
  CHECK_THAT(section, Catch::Contains("`▁█`"));  // the sparkline in code, monospaced

  const json card = teams::render_card(m);
  const std::string text = card["body"][1]["text"];
  CHECK_THAT(text, Catch::Contains("€56,000"));
  CHECK_THAT(text, Catch::Contains("▁█"));
  CHECK_THAT(text, !Catch::Contains("*now*"));  // escaped, not emphasis
}

TEST_CASE("an alert notice reads the same on Slack, Teams and the console", "[kpis][render]") {
  test::TempDir dir;
  const Config config = test::kpi_config(dir);
  AlertRecord alert;
  alert.rule = "revenue-below-target";
  alert.state = "firing";
  alert.value = 31000;
  alert.fired_at = *parse_iso8601("2026-11-23T09:00:00Z");
  alert.handoff = 3;
  const AlertLine line{config.rule("revenue-below-target"), alert, 40000.0, false, std::nullopt};
  Reader reader;
  reader.zone = date::locate_zone("Europe/Paris");
  const Message m = alert_notice({line}, *config.org.department("customer-service"), config, reader);

  const std::string console = console::render(m);
  CHECK_THAT(console, Catch::Contains("Alerts for Customer service"));
  CHECK_THAT(console, Catch::Contains(
                          "🟠 Warning · revenue-below-target — Revenue at €31,000, target €40,000"));
  CHECK_THAT(console, Catch::Contains("firing since Mon 23 Nov 10:00 · handoff H-3 opened"));

  const auto slack = slack::render(m);
  CHECK(json::parse(slack.blocks)[0]["text"]["text"] == "Alerts for Customer service");
  CHECK_THAT(json::parse(slack.blocks)[1]["text"]["text"].get<std::string>(),
             Catch::Contains("`revenue-below-target`"));

  const json card = teams::render_card(m);
  CHECK_THAT(card["body"][1]["text"].get<std::string>(), Catch::Contains("Revenue at €31,000"));
}
