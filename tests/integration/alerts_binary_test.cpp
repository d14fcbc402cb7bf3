// KPI snapshots and alerts through the real binary, on Slack and on Teams: history imported with `baton
// kpi import`, the snapshot ritual posted at its time (baton's clock started just before it), an alert
// notice in the department's channel when a rule fires, and the same message updated in place when the
// value set in chat resolves it.
#include <csignal>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/binary.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/teams_binary.hpp"

using namespace baton;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Stock of one SKU, owned by logistics; an alert under 5; a snapshot of the last day, Mondays at 09:00.
constexpr const char* kKpis = R"(kpis:
  - key: stock
    name: {en: Stock of SKU-123, fr: Stock du SKU-123}
    unit: count
    rollup: last
    target: 20
    department: logistics
alerts:
  rules_file: rules.yaml
rituals:
  - key: kpis-logistics
    kind: kpi_snapshot
    name: {en: Logistics KPIs, fr: KPI logistique}
    department: logistics
    schedule: mon 09:00
    period: day
)";

constexpr const char* kRules = R"(rules:
  - name: stock-low
    expr: last(stock) < 5
    severity: critical
    summary: {en: "Stock of SKU-123 down to {{value}}", fr: "Stock du SKU-123 tombé à {{value}}"}
)";

// Monday 23 November 2026, two seconds before 09:00 in Paris: the snapshot falls due just after start.
constexpr const char* kBeforeSnapshot = "2026-11-23T07:59:58Z";

// Writes the rules and imports a week of stock with `baton kpi import`, ending with `last` on Sunday, on
// the clock baton will run on (the alert watch reads the points recorded since its last look).
void prepare(const test::TempDir& dir, int last, std::map<std::string, std::string> environment) {
  environment.emplace("BATON_CLOCK_START", kBeforeSnapshot);
  dir.write("rules.yaml", kRules);
  const auto csv =
      dir.write("stock.csv",
                "kpi,at,value\nstock,2026-11-16,30\nstock,2026-11-17,26\nstock,2026-11-18,21\n"
                "stock,2026-11-19,15\nstock,2026-11-20,11\nstock,2026-11-21,8\nstock,2026-11-22," +
                    std::to_string(last) + "\n");
  const auto imported =
      test::run_to_end(BATON_BINARY,
                       {"kpi", "import", csv.string(), "--config", (dir / "baton.yaml").string(), "--store",
                        (dir / "baton.db").string()},
                       "", environment);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  REQUIRE_THAT(imported.out, Catch::Contains("7 points stored"));
}

// The sparkline of the week imported: Unicode blocks, readable in every client.
bool has_sparkline(const std::string& text) {
  for (const char* block : {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}) {
    if (text.find(block) != std::string::npos) return true;
  }
  return false;
}

template <typename Predicate>
bool eventually(Predicate done) {
  for (int i = 0; i < 3000 && !done(); ++i)
    std::this_thread::sleep_for(10ms);
  return done();
}

}  // namespace

TEST_CASE(
    "Slack: the snapshot ritual posts the KPI table, an imported low stock fires one notice, "
    "and the value set by command resolves that same message",
    "[binary][slack][kpis][alerts]") {
  test::FakeSlack slack;
  test::BatonSetup setup{kKpis, kBeforeSnapshot, {}};
  setup.prepare = [](const test::TempDir& dir) {
    prepare(dir, 3, {{"SLACK_SIGNING_SECRET", test::kSigningSecret}, {"SLACK_BOT_TOKEN", test::kBotToken}});
  };
  test::SlackBaton baton(slack, setup);

  // Sunday's 3 is under 5: the alert fires as baton starts, and the channel hears it once, in its
  // referent's language (Marc reads French).
  const auto posted_to_logistics = [&](const std::string& text) {
    std::vector<test::FakeSlack::Call> found;
    for (const auto& call : slack.calls("chat.postMessage")) {
      if (call.arguments.value("channel", "") == "C0LOGISTIC" &&
          call.arguments.dump().find(text) != std::string::npos)
        found.push_back(call);
    }
    return found;
  };
  REQUIRE(eventually([&] { return !posted_to_logistics("Stock du SKU-123 tombé à 3").empty(); }));
  const auto notice = posted_to_logistics("Stock du SKU-123 tombé à 3").at(0);
  CHECK_THAT(notice.arguments.dump(), Catch::Contains("Alertes pour Logistique"));
  CHECK_THAT(notice.arguments.dump(), Catch::Contains("Critique"));
  CHECK_THAT(notice.arguments.dump(), Catch::Contains("/baton silence stock-low"));

  // 09:00: the snapshot of Sunday, with its target, a sparkline of the days before and a marker.
  REQUIRE(eventually([&] { return !posted_to_logistics("KPI — ").empty(); }));
  const std::string snapshot = posted_to_logistics("KPI — ").at(0).arguments.dump();
  CHECK_THAT(snapshot, Catch::Contains("Stock du SKU-123"));
  CHECK_THAT(snapshot, Catch::Contains("objectif 20"));
  CHECK(has_sparkline(snapshot));

  // Sam, in logistics, counts 40 today: the alert resolves, and the notice's own message says so.
  const auto set = baton.command(test::command_form(slack, "kpi set stock 40"));
  REQUIRE(set.status == 200);
  CHECK_THAT(set.body, Catch::Contains("40"));
  INFO(baton.process->err());
  // A read, answered in the response itself (not acknowledged empty and posted later), and seeing the
  // figure just stored.
  const auto read = baton.command(test::command_form(slack, "kpi"));
  REQUIRE(read.status == 200);
  CHECK_THAT(read.body, Catch::Contains("Stock of SKU-123"));
  CHECK_THAT(read.body, Catch::Contains("*Stock of SKU-123*  40"));
  REQUIRE(slack.wait_for("chat.update", 1));
  const auto update = slack.calls("chat.update").at(0).arguments;
  CHECK(update["channel"] == "C0LOGISTIC");
  CHECK(update["ts"] == notice.ts);
  CHECK_THAT(update.dump(), Catch::Contains("Stock du SKU-123 tombé à 3"));
  CHECK_THAT(update.dump(), Catch::Contains("40 maintenant"));
  // No second notice: one alert, one message.
  std::this_thread::sleep_for(300ms);
  CHECK(posted_to_logistics("Alertes pour Logistique").size() == 1);
  baton.process->signal(SIGTERM);
  CHECK(baton.process->wait() == 0);
}

TEST_CASE(
    "Teams: the snapshot ritual posts the KPI table as a card, a low stock set in chat fires one "
    "notice, and the value set again resolves that same card",
    "[binary][teams][kpis][alerts]") {
  test::FakeTeams teams(test::kAppId, test::kAppPassword);
  test::BatonSetup setup{kKpis, kBeforeSnapshot, {}};
  setup.prepare = [&](const test::TempDir& dir) {
    prepare(dir, 7,
            {{"TEAMS_WEBHOOK_SECRET", test::kWebhookSecret},
             {"MICROSOFT_APP_ID", test::kAppId},
             {"MICROSOFT_APP_PASSWORD", test::kAppPassword},
             {"LOGISTICS_WORKFLOW_URL", teams.workflow_url("logistics")}});
  };
  test::TeamsBaton baton(teams, setup);
  REQUIRE(baton.activity(test::logistics_team_install(teams), teams.sign(teams.claims(setup.now()))).status ==
          200);

  // 09:00: the snapshot, as a card in the logistics channel (by the bot, or by the channel's workflow
  // when it came before the install above).
  const auto snapshot_card = [&] {
    for (const auto& call : teams.calls("/")) {
      const std::string body = call.body.dump();
      if (body.find("KPI — ") != std::string::npos) return body;
    }
    return std::string();
  };
  REQUIRE(eventually([&] { return !snapshot_card().empty(); }));
  CHECK_THAT(snapshot_card(), Catch::Contains("AdaptiveCard"));
  CHECK_THAT(snapshot_card(), Catch::Contains("Stock du SKU-123"));
  CHECK_THAT(snapshot_card(), Catch::Contains("objectif 20"));
  CHECK(has_sparkline(snapshot_card()));

  // Marc, the referent, counts 3 today from his chat with the bot: the alert fires in the channel.
  REQUIRE(baton
              .activity(test::personal_message(teams, "act-k1", "kpi set stock 3"),
                        teams.sign(teams.claims(setup.now())))
              .status == 200);
  const std::string channel = test::kLogisticsActivities;
  std::string notice_id;
  REQUIRE(eventually([&] {
    notice_id = test::first_activity_id(teams, channel, "Alertes pour Logistique");
    return !notice_id.empty();
  }));
  const std::string notice = channel + "/" + notice_id;

  // 40 again: the card of the notice is replaced, saying the alert resolved.
  REQUIRE(baton
              .activity(test::personal_message(teams, "act-k2", "kpi set stock 40"),
                        teams.sign(teams.claims(setup.now())))
              .status == 200);
  REQUIRE(teams.wait_for(notice, 1));
  const auto update = teams.calls(notice).at(0);
  CHECK(update.method == "PUT");
  CHECK_THAT(update.body.dump(), Catch::Contains("40 maintenant"));
  CHECK_THAT(update.body.dump(), Catch::Contains("Stock du SKU-123 tombé à 3"));
  std::this_thread::sleep_for(300ms);
  int notices = 0;
  for (const auto& call : teams.calls(channel)) {
    if (call.method == "POST" && call.body.dump().find("Alertes pour Logistique") != std::string::npos)
      ++notices;
  }
  CHECK(notices == 1);
  baton.process->signal(SIGTERM);
  CHECK(baton.process->wait() == 0);
}
