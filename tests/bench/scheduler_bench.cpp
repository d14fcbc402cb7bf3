// Scheduler benchmark: members in many time zones with daily stand-ups. Measures the time to compute a
// day of fire times (build the timeline, then take every occurrence of 24 hours), the memory each
// scheduled entry costs, and the time per occurrence taken at growing sizes, which should grow like
// log n (the heap), not like n. Prints a table and, with --json FILE, writes the figures.
//   scheduler_bench [--json FILE] [--runs N]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bot/core/rituals/timeline.hpp"
#include "tests/bench/bench_support.hpp"

using namespace baton;
using Stopwatch = std::chrono::steady_clock;

namespace {

constexpr int kMembersPerTeam = 50;

struct World {
  std::vector<Ritual> rituals;
  OrgMap org;
};

World make_world(int members, int zones) {
  const auto& tzdb = date::get_tzdb();
  std::vector<const date::time_zone*> all;
  for (const auto& zone : tzdb.zones)
    all.push_back(&zone);
  zones = std::min<int>(zones, static_cast<int>(all.size()));
  std::vector<Member> people;
  std::vector<Department> departments;
  World world;
  for (int i = 0; i < members; ++i) {
    Member m;
    m.key = "m" + std::to_string(i);
    m.name = "Member " + std::to_string(i);
    m.zone = all[static_cast<std::size_t>(i % zones) * all.size() / static_cast<std::size_t>(zones)];
    people.push_back(std::move(m));
  }
  const Schedule daily = std::get<Schedule>(parse_schedule("daily 09:30"));
  for (int team = 0; team * kMembersPerTeam < members; ++team) {
    Department d;
    d.key = "team" + std::to_string(team);
    Ritual r;
    r.key = "standup-" + d.key;
    r.kind = RitualKind::standup;
    r.department = d.key;
    r.schedule = daily;
    r.zone = nullptr;  // each member's own
    for (int i = team * kMembersPerTeam; i < std::min(members, (team + 1) * kMembersPerTeam); ++i) {
      d.members.push_back("m" + std::to_string(i));
    }
    d.referent = d.members.front();
    r.participants = d.members;
    departments.push_back(std::move(d));
    world.rituals.push_back(std::move(r));
  }
  world.org = OrgMap("Bench", std::move(people), std::move(departments));
  return world;
}

struct Result {
  int members = 0;
  std::size_t entries = 0;
  std::size_t occurrences = 0;  // in the day
  double build_ms = 0;          // timeline built and started
  double day_ms = 0;            // every occurrence of 24 hours taken
  double ns_per_pop = 0;
  double bytes_per_entry = 0;
};

Result measure(int members, int zones, int runs) {
  const World world = make_world(members, zones);
  const ZoneOf zone_of = [](const Member& m) { return m.zone; };
  const SysTime start = date::sys_days{date::year{2026} / 11 / 23};
  std::vector<double> build, day;
  Result result;
  result.members = members;
  for (int run = 0; run < runs; ++run) {
    const long before = bench::resident_bytes();
    const auto t0 = Stopwatch::now();
    Timeline timeline(world.rituals, world.org, zone_of);
    timeline.start(start);
    const auto t1 = Stopwatch::now();
    const long after = bench::resident_bytes();
    std::size_t taken = 0;
    while (timeline.pop(start + std::chrono::hours(24)))
      ++taken;
    const auto t2 = Stopwatch::now();
    build.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    day.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    result.entries = timeline.entries();
    result.occurrences = taken;
    if (run == 0)
      result.bytes_per_entry = static_cast<double>(after - before) / static_cast<double>(timeline.entries());
  }
  result.build_ms = bench::median(build);
  result.day_ms = bench::median(day);
  result.ns_per_pop = result.day_ms * 1e6 / static_cast<double>(std::max<std::size_t>(1, result.occurrences));
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = bench::parse_options(argc, argv, "scheduler_bench");
  if (!options) return 2;
  const std::string& json_path = options->json_path;
  const int runs = options->runs;
  date::get_tzdb();  // loaded once, outside the measurements

  std::vector<Result> results;
  for (const int members : {1'000, 10'000, 100'000})
    results.push_back(measure(members, 300, runs));

  std::printf("%-9s %9s %12s %14s %14s %12s %14s\n", "members", "entries", "occurrences", "build (ms)",
              "day (ms)", "ns/pop", "bytes/entry");
  for (const Result& r : results) {
    std::printf("%-9d %9zu %12zu %14.1f %14.1f %12.0f %14.0f\n", r.members, r.entries, r.occurrences,
                r.build_ms, r.day_ms, r.ns_per_pop, r.bytes_per_entry);
  }
  const Result& small = results[0];
  const Result& large = results[2];
  const double growth = large.ns_per_pop / small.ns_per_pop;
  const double log_growth =
      std::log2(static_cast<double>(large.entries)) / std::log2(static_cast<double>(small.entries));
  std::printf("time per occurrence taken, 100,000 vs 1,000 members: x%.2f (log n grows x%.2f, n x%.0f)\n",
              growth, log_growth, static_cast<double>(large.entries) / static_cast<double>(small.entries));

  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << "{\"benchmark\":\"scheduler\",\"zones\":300,\"runs\":" << runs << ",\"results\":[";
    for (std::size_t i = 0; i < results.size(); ++i) {
      const Result& r = results[i];
      out << (i ? "," : "") << "{\"members\":" << r.members << ",\"entries\":" << r.entries
          << ",\"occurrences\":" << r.occurrences << ",\"build_ms\":" << r.build_ms
          << ",\"day_ms\":" << r.day_ms << ",\"ns_per_pop\":" << r.ns_per_pop
          << ",\"bytes_per_entry\":" << r.bytes_per_entry << "}";
    }
    out << "],\"pop_growth_100k_vs_1k\":" << growth << "}\n";
  }
  return 0;
}
