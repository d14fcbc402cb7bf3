// Start-up with a year behind it: 200 members in four teams, a store holding a year of their stand-ups
// (every prompt, report and answer), ten handoffs a working day with their audit trail and timers, ten
// KPIs a day, and the last week of sent messages. Measures the time from exec to /readyz answering
// (median of several starts of the real baton, release build) and the resident memory once ready.
//   startup_bench --baton build-release/baton [--json FILE] [--runs N]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <signal.h>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "tests/bench/agency.hpp"
#include "tests/bench/baton_process.hpp"
#include "tests/bench/bench_support.hpp"
#include "tests/support/process.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kTeams = 4;
constexpr int kHandoffsADay = 10;

struct Filled {
  long long occurrences = 0;
  long long answers = 0;
  long long handoffs = 0;
  long long kpi_points = 0;
  long long messages = 0;
};

// A year of working days up to `today`, written in groups of one transaction a day, as the store's
// own group commit would.
Filled fill_year(SqliteStore& store, SysTime today) {
  Filled filled;
  const int members = kTeams * bench::kPerTeam;
  for (int back = 365; back >= 1; --back) {
    const SysTime morning = today - std::chrono::hours(24 * back);
    const std::string day = iso8601(morning).substr(0, 10);
    const auto weekday = std::chrono::weekday(std::chrono::floor<std::chrono::days>(morning));
    store.begin_group();
    std::vector<KpiPoint> points;
    for (int k = 1; k <= bench::kKpis; ++k)
      points.push_back({bench::kpi_key(k), day, 400.0 + back % 50 + k});
    filled.kpi_points += store.put_kpi_points(points, "api:shop", morning).stored;
    if (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday) {
      for (int t = 1; t <= kTeams; ++t) {
        const std::string ritual = "standup-" + bench::team_key(t);
        for (int i = 1; i <= bench::kPerTeam; ++i) {
          const std::string member = bench::member_key((t - 1) * bench::kPerTeam + i);
          OccurrenceRecord prompt{ritual + "/prompt/" + day + "/" + member,
                                  ritual,
                                  "prompt",
                                  day,
                                  member,
                                  morning,
                                  OccurrenceOutcome::sent,
                                  "",
                                  morning};
          filled.occurrences += store.record_occurrence(prompt, {}) ? 1 : 0;
          if (i % 5 != 0) {  // four in five answer
            store.save_standup_answer({ritual,
                                       day,
                                       member,
                                       {"Shipped the returns page and reviewed two pull requests",
                                        "Carrier integration tests, then the Black Friday checklist",
                                        "Waiting on the warehouse API credentials"},
                                       morning + std::chrono::minutes(10 + i),
                                       "slack"});
            ++filled.answers;
          }
        }
        OccurrenceRecord report{ritual + "/report/" + day, ritual, "report", day, "", morning,
                                OccurrenceOutcome::sent,   "",     morning};
        filled.occurrences += store.record_occurrence(report, {}) ? 1 : 0;
      }
      for (int h = 0; h < kHandoffsADay; ++h) {
        const int from = 1 + h % kTeams;
        const int to = 1 + (h + 1) % kTeams;
        store.handoff_transaction([&](HandoffWriter& writer) {
          Handoff draft;
          draft.from_department = bench::team_key(from);
          draft.to_department = bench::team_key(to);
          draft.title = "Restock SKU-" + std::to_string(100 + h) + " before Friday's campaign";
          draft.requester = bench::member_key((from - 1) * bench::kPerTeam + 2);
          draft.platform = Platform::slack;
          draft.created_at = morning + std::chrono::hours(1);
          draft.accept_by = draft.created_at + std::chrono::hours(2);
          draft.due_at = draft.created_at + std::chrono::hours(30);
          Handoff handoff = writer.insert(draft);
          const std::string label = handoff_label(handoff.number);
          writer.record({handoff.number, label + "/created", "created", draft.requester, "slack",
                         draft.created_at, ""});
          writer.set_timers(handoff.number,
                            {{0, handoff.number, HandoffTimerKind::accept_breach, draft.accept_by},
                             {0, handoff.number, HandoffTimerKind::due_breach, draft.due_at}});
          handoff.state = HandoffState::done;
          handoff.assignee = bench::member_key((to - 1) * bench::kPerTeam + 3);
          handoff.accepted_at = draft.created_at + std::chrono::minutes(40);
          handoff.closed_at = draft.created_at + std::chrono::hours(20);
          handoff.close_note = "Restocked: 120 units";
          writer.update(handoff);
          writer.set_timers(handoff.number, {});
          writer.record({handoff.number, label + "/accepted/v2", "accepted", handoff.assignee, "slack",
                         *handoff.accepted_at, ""});
          writer.record({handoff.number, label + "/done/v3", "done", handoff.assignee, "slack",
                         *handoff.closed_at, handoff.close_note});
        });
        ++filled.handoffs;
      }
      if (back <= 7) {  // older sent messages are pruned
        for (int m = 1; m <= members; ++m) {
          OutboxItem item;
          item.key = "standup/prompt/" + day + "/" + bench::member_key(m);
          item.platform = Platform::slack;
          item.destination.member = bench::member_key(m);
          item.destination.channel = bench::slack_user(m);
          item.message.header("Stand-up time");
          item.created_at = morning;
          item.next_attempt_at = morning;
          if (store.enqueue(item)) ++filled.messages;
        }
      }
    }
    store.commit_group();
  }
  store.begin_group();
  for (const OutboxItem& item : store.outbox_items(OutboxState::pending, 1'000'000))
    store.mark_sent(item.id, item.created_at + std::chrono::seconds(1), "1700000000.000100");
  store.commit_group();
  return filled;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args =
      bench::parse_baton_args(argc, argv, {"runs"}, "startup_bench --baton BINARY [--json FILE] [--runs N]");
  if (!args) return 2;
  const std::string& baton_binary = args->baton;
  const std::string& json_path = args->json;
  const int runs = args->whole("runs", 5);

  test::TempDir dir;
  const auto config = dir.write("baton.yaml", bench::agency_config("http://127.0.0.1:9/api", kTeams, true));
  const std::string store_file = (dir / "baton.db").string();
  const SysTime today = *parse_iso8601("2026-11-30T08:00:00Z");
  Filled filled;
  {
    ManualClock clock(today);
    SqliteStore store({store_file}, clock);
    store.migrate();
    filled = fill_year(store, today);
  }
  const auto bytes = std::filesystem::file_size(store_file);
  std::printf(
      "start-up with a year of data: %d members, %lld occurrences, %lld answers, %lld handoffs, "
      "%lld KPI points, %lld sent messages; store %.1f MiB\n",
      kTeams * bench::kPerTeam, filled.occurrences, filled.answers, filled.handoffs, filled.kpi_points,
      filled.messages, static_cast<double>(bytes) / (1024.0 * 1024.0));

  std::vector<double> starts;
  std::vector<double> idle;
  for (int run = 0; run < runs; ++run) {
    const Steady::time_point exec = Steady::now();
    test::Process baton(
        baton_binary,
        {"serve", "--config", config.string(), "--listen", "127.0.0.1:0", "--store", store_file},
        {{"SLACK_SIGNING_SECRET", test::kSigningSecret},
         {"SLACK_BOT_TOKEN", test::kBotToken},
         {"BATON_CLOCK_START", iso8601(today + std::chrono::hours(3))}});
    const int port = test::listening_port(baton);
    if (!bench::wait_until_ready(port)) {
      std::cerr << "startup_bench: baton never became ready: " << baton.err() << '\n';
      return 1;
    }
    starts.push_back(std::chrono::duration<double, std::milli>(Steady::now() - exec).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    idle.push_back(bench::memory_mib(baton.pid(), "VmRSS"));
    baton.signal(SIGTERM);
    baton.wait(std::chrono::seconds(30));
  }
  const double start_ms = bench::median(starts);
  const double idle_mib = bench::median(idle);
  std::printf("  ready after exec: %.0f ms (median of %d); resident once ready: %.1f MiB\n", start_ms, runs,
              idle_mib);
  const json out = {{"benchmark", "startup"},
                    {"members", kTeams * bench::kPerTeam},
                    {"occurrences", filled.occurrences},
                    {"answers", filled.answers},
                    {"handoffs", filled.handoffs},
                    {"kpi_points", filled.kpi_points},
                    {"store_mib", static_cast<double>(bytes) / (1024.0 * 1024.0)},
                    {"start_ms", start_ms},
                    {"idle_rss_mib", idle_mib}};
  if (!json_path.empty()) std::ofstream(json_path) << out.dump(2) << '\n';
  return 0;
}
