// Monday 09:30 for an agency: 200 teams of 50 (10,000 members) whose stand-ups all fall due in the same
// minute, run by the real baton (release build) against the fake Slack, which answers at once; per-
// channel pacing is off, so the figure is what baton itself can deliver. Measures the time from the due
// minute until every prompt is stored in the outbox, until every prompt has reached Slack (and so the
// messages a second), write commands at a fixed rate while the burst is delivered (once every prompt is
// stored, so that the stored figure is the scheduler's alone), resident memory
// before, after, and a while after, and the start-up time with that organisation.
//   burst_bench --baton build-release/baton [--json FILE] [--teams N]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <signal.h>
#include <sqlite3.h>

#include "bot/core/clock/iso8601.hpp"
#include "integrations/slack/signature.hpp"
#include "tests/bench/agency.hpp"
#include "tests/bench/baton_process.hpp"
#include "tests/bench/http_load.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/slack_binary.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

// baton's clock starts this long before the stand-ups are due, leaving time to start and settle.
constexpr std::chrono::seconds kLead{8};

// One number from the store, read as another process would (-1 when it cannot be read).
long long count(const std::string& file, const char* sql) {
  sqlite3* db = nullptr;
  long long value = -1;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
      value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

// Stand-up prompts in the outbox, whatever their state.
long long stored_prompts(const std::string& file) {
  return count(file, "SELECT count(*) FROM outbox WHERE key LIKE '%/prompt/%'");
}

// Prompts the store has recorded as delivered (the platform answered ok), read as another process would.
long long delivered_prompts(const std::string& file) {
  return count(file, "SELECT count(*) FROM outbox WHERE key LIKE '%/prompt/%' AND state = 'sent'");
}

// Signed at `at`, baton's time (its clock runs from BATON_CLOCK_START): Slack's signatures carry the
// time they were made, and baton refuses one five minutes off its own clock.
bench::HttpRequest handoff_command(const test::FakeSlack& slack, int n,
                                   std::chrono::system_clock::time_point at) {
  bench::HttpRequest r;
  r.target = "/slack/commands";
  r.content_type = "application/x-www-form-urlencoded";
  r.body = form_encode({{"token", "unused"},
                        {"team_id", "T0TEST"},
                        {"channel_id", "C00000001"},
                        {"user_id", "U00000002"},
                        {"command", "/baton"},
                        {"text", "handoff t002 \"Burst request " + std::to_string(n) + "\""},
                        {"response_url", slack.response_url("burst")},
                        {"trigger_id", "1." + std::to_string(n)}});
  const std::string now =
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
  r.headers = {{"X-Slack-Request-Timestamp", now},
               {"X-Slack-Signature", slack::sign(test::kSigningSecret, now, r.body)}};
  return r;
}

// When, on this process's steady clock, baton's clock reaches `due` (baton's time). baton logs the instant
// its clock starts from, stamped with the real time it was written: "ts=REAL ... start=BATON".
std::optional<Steady::time_point> baton_due(const std::string& log,
                                            std::chrono::system_clock::time_point due) {
  const auto line_at = log.find("the clock runs from another instant");
  if (line_at == std::string::npos) return std::nullopt;
  const auto line_start = log.rfind('\n', line_at) == std::string::npos ? 0 : log.rfind('\n', line_at) + 1;
  const auto field = [&](const std::string& name) -> std::optional<SysTime> {
    const auto at = log.find(name + "=", line_start);
    if (at == std::string::npos) return std::nullopt;
    return parse_iso8601(log.substr(at + name.size() + 1, 24));
  };
  const auto real = field("ts");
  const auto started = field("start");
  if (!real || !started) return std::nullopt;
  const auto real_due = *real + (due - *started);
  return Steady::now() +
         std::chrono::duration_cast<Steady::duration>(real_due - std::chrono::system_clock::now());
}

double ms_between(Steady::time_point from, Steady::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

int main(int argc, char** argv) {
  const auto args =
      bench::parse_baton_args(argc, argv, {"teams"}, "burst_bench --baton BINARY [--json FILE] [--teams N]");
  if (!args) return 2;
  const std::string& baton_binary = args->baton;
  const std::string& json_path = args->json;
  const int teams = args->whole("teams", 200);
  const int members = teams * bench::kPerTeam;

  test::FakeSlack slack;
  test::TempDir dir;
  const auto config = dir.write("baton.yaml", bench::agency_config(slack.api_base_url(), teams));
  const std::string store = (dir / "baton.db").string();
  // Monday 30 November 2026, 09:30 in Paris is 08:30 UTC.
  const auto due_utc = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + std::chrono::hours(8) +
                       std::chrono::minutes(30);
  const auto clock_start = std::chrono::system_clock::time_point(due_utc - kLead);
  const Steady::time_point exec = Steady::now();
  test::Process baton(baton_binary,
                      {"serve", "--config", config.string(), "--listen", "127.0.0.1:0", "--store", store},
                      {{"SLACK_SIGNING_SECRET", test::kSigningSecret},
                       {"SLACK_BOT_TOKEN", test::kBotToken},
                       {"BATON_CLOCK_START", iso8601(clock_start)}});
  const auto baton_now = [&] {
    return clock_start +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(Steady::now() - exec);
  };
  const int port = test::listening_port(baton);
  if (!bench::wait_until_ready(port)) {
    std::cerr << "burst_bench: baton never became ready: " << baton.err() << '\n';
    return 1;
  }
  const double ready_ms = ms_between(exec, Steady::now());
  // baton's clock starts at BATON_CLOCK_START once its config is read, some hundreds of milliseconds
  // after exec with 10,000 members: it says when, and the due minute is measured from there.
  const auto due_at = baton_due(baton.err(), due_utc);
  if (!due_at) {
    std::cerr << "burst_bench: baton did not say when its clock started: " << baton.err().substr(0, 2000)
              << '\n';
    return 1;
  }
  const Steady::time_point due = *due_at;
  std::this_thread::sleep_until(due - std::chrono::seconds(2));
  const double before_mib = bench::memory_mib(baton.pid(), "VmRSS");

  {
    const bench::HttpRequest probe = handoff_command(slack, 0, baton_now());
    std::string headers = "Content-Type: " + probe.content_type + "\r\n";
    for (const auto& [name, value] : probe.headers)
      headers += name + ": " + value + "\r\n";
    test::HttpConnection connection("127.0.0.1", port);
    const auto reply = connection.request("POST", probe.target, probe.body, headers);
    if (reply.status != 200) {
      std::cerr << "burst_bench: a handoff command was answered " << reply.status << ": " << reply.body
                << '\n';
      return 1;
    }
  }
  std::printf("stand-up burst: %d teams, %d members, pacing off, fake Slack answering at once\n", teams,
              members);
  std::printf("  ready after exec: %.0f ms; resident before the burst: %.1f MiB\n", ready_ms, before_mib);

  // The prompts are stored with nothing else going on (the goal is about enqueueing them); then write
  // commands at 1,000 a second while the outbox delivers them, which is how the store's write path holds
  // up under the delivery.
  std::this_thread::sleep_until(due);
  bench::LoadResult writes;
  int n = 0;
  std::thread load;
  const auto start_writes = [&] {
    load = std::thread([&] {
      bench::LoadOptions options;
      options.port = static_cast<std::uint16_t>(port);
      options.connections = 16;
      options.duration = std::chrono::seconds(5);
      options.rate = 1000;
      writes = bench::run_load(options, [&] { return handoff_command(slack, ++n, baton_now()); });
    });
  };

  std::optional<Steady::time_point> stored_at;
  std::optional<Steady::time_point> delivered_at;
  const Steady::time_point give_up = due + std::chrono::minutes(3);
  while (!delivered_at && Steady::now() < give_up) {
    if (!stored_at && stored_prompts(store) >= members) {
      stored_at = Steady::now();
      start_writes();
    }
    if (stored_at && delivered_prompts(store) >= members) delivered_at = Steady::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(stored_at ? 20 : 5));
  }
  if (load.joinable()) load.join();
  if (!stored_at || !delivered_at) {
    std::cerr << "burst_bench: the prompts did not all go out in 3 minutes (stored " << stored_prompts(store)
              << ", delivered " << delivered_prompts(store) << ")\n"
              << baton.err().substr(0, 4000) << '\n';
    return 1;
  }
  const double stored_ms = ms_between(due, *stored_at);
  const double delivered_ms = ms_between(due, *delivered_at);
  const double per_second = members / (delivered_ms / 1000.0);
  const double after_mib = bench::memory_mib(baton.pid(), "VmRSS");
  std::this_thread::sleep_for(std::chrono::seconds(10));
  const double later_mib = bench::memory_mib(baton.pid(), "VmRSS");
  const double peak_mib = bench::memory_mib(baton.pid(), "VmHWM");

  std::printf(
      "  every prompt stored %.0f ms after the due minute, delivered after %.0f ms: %.0f messages/s\n",
      stored_ms, delivered_ms, per_second);
  std::printf("  writes at 1000/s during delivery: %.0f/s, p50 %.2f ms, p99 %.2f ms, failed %lld\n",
              writes.per_second(), writes.percentile(0.5), writes.percentile(0.99),
              static_cast<long long>(writes.failed));
  std::printf("  resident after delivery %.1f MiB, 10 s later %.1f MiB, peak %.1f MiB\n", after_mib,
              later_mib, peak_mib);

  baton.signal(SIGTERM);
  baton.wait(std::chrono::seconds(60));
  const json out = {{"benchmark", "burst"},
                    {"teams", teams},
                    {"members", members},
                    {"start_ms", ready_ms},
                    {"stored_ms", stored_ms},
                    {"delivered_ms", delivered_ms},
                    {"messages_per_second", per_second},
                    {"writes_during",
                     {{"per_second", writes.per_second()},
                      {"p50_ms", writes.percentile(0.5)},
                      {"p99_ms", writes.percentile(0.99)},
                      {"failed", writes.failed}}},
                    {"rss_before_mib", before_mib},
                    {"rss_after_mib", after_mib},
                    {"rss_10s_later_mib", later_mib},
                    {"peak_rss_mib", peak_mib}};
  if (!json_path.empty()) std::ofstream(json_path) << out.dump(2) << '\n';
  return 0;
}
