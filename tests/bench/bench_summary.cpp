// Reads the benchmarks' figures (bench-results.json: one object per benchmark) and prints one table:
// what was measured, the figure, the goal, and whether it was met. Exit status 0 whatever was met: a
// benchmark reports, it does not gate.
//   bench_summary bench-results.json
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

struct Row {
  std::string measured;
  std::string figure;
  std::string goal;
  std::string met;  // "yes", "NO", or "-" when there is no goal
};

// A number at `path` ("write_at_1000/p99_ms", "results/2/day_ms") of a benchmark's figures, or nullopt when
// absent.
std::optional<double> number(const json& figures, const std::string& path) {
  const json* at = &figures;
  std::size_t from = 0;
  while (from <= path.size()) {
    const std::size_t slash = path.find('/', from);
    const std::string key = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    if (at->is_array() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos) {
      const std::size_t index = std::stoul(key);
      if (index >= at->size()) return std::nullopt;
      at = &(*at)[index];
    } else if (at->is_object() && at->contains(key)) {
      at = &(*at)[key];
    } else {
      return std::nullopt;
    }
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  if (!at->is_number()) return std::nullopt;
  return at->get<double>();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_summary bench-results.json\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  json all;
  try {
    all = json::parse(in);
  } catch (const json::exception& e) {
    std::cerr << "bench_summary: " << argv[1] << " is not the benchmarks' JSON: " << e.what() << '\n';
    return 1;
  }
  std::map<std::string, json> by_name;
  for (const json& one : all) {
    if (one.is_object() && one.contains("benchmark")) by_name[one["benchmark"].get<std::string>()] = one;
  }

  std::vector<Row> rows;
  // A figure with an upper or lower bound; absent figures (a benchmark that did not run) are skipped.
  const auto bound = [&](const std::string& bench, const std::string& path, const std::string& measured,
                         const char* pattern, double goal, bool at_most, const std::string& goal_text) {
    const auto it = by_name.find(bench);
    if (it == by_name.end()) return;
    const auto value = number(it->second, path);
    if (!value) return;
    const bool met = at_most ? *value <= goal : *value >= goal;
    rows.push_back({measured, format(pattern, *value), goal_text, met ? "yes" : "NO"});
  };
  const auto figure = [&](const std::string& bench, const std::string& path, const std::string& measured,
                          const char* pattern) {
    const auto it = by_name.find(bench);
    if (it == by_name.end()) return;
    if (const auto value = number(it->second, path))
      rows.push_back({measured, format(pattern, *value), "-", "-"});
  };

  figure("commands", "read_saturation/per_second", "read commands at saturation", "%.0f/s");
  figure("commands", "nginx_saturation/per_second", "nginx, same request and connections", "%.0f/s");
  bound("commands", "read_vs_nginx", "read saturation / nginx", "%.2f", 0.5, false, ">= 0.5");
  figure("commands", "read_cpu_us", "baton's CPU per read at saturation", "%.1f us");
  bound("commands", "read_at_2000/p99_ms", "read p99 at 2,000/s", "%.2f ms", 5, true, "< 5 ms");
  figure("commands", "read_at_10000/per_second", "read at 10,000/s offered: reached", "%.0f/s");
  bound("commands", "write_saturation/per_second", "write commands at saturation", "%.0f/s", 5000, false,
        ">= 5,000/s");
  figure("commands", "write_cpu_us", "baton's CPU per write at saturation", "%.1f us");
  bound("commands", "write_at_1000/p99_ms", "write p99 at 1,000/s", "%.2f ms", 20, true, "< 20 ms");
  bound("commands", "idle_rss_mib", "resident memory at idle", "%.1f MiB", 15, true, "< 15 MiB");
  bound("commands", "peak_rss_mib", "resident memory, peak under load", "%.1f MiB", 64, true, "< 64 MiB");
  bound("startup", "start_ms", "ready after exec, a year of data, 200 members", "%.0f ms", 200, true,
        "< 200 ms");
  bound("burst", "stored_ms", "10,000 stand-up prompts stored after due", "%.0f ms", 1000, true,
        "< 1,000 ms");
  figure("burst", "messages_per_second", "outbound to a fake Slack, pacing off", "%.0f messages/s");
  bound("burst", "writes_during/p99_ms", "write p99 at 1,000/s during delivery", "%.2f ms", 20, true,
        "< 20 ms");
  if (const auto it = by_name.find("burst"); it != by_name.end()) {
    const auto after = number(it->second, "rss_after_mib");
    const auto later = number(it->second, "rss_10s_later_mib");
    if (after && later) {
      rows.push_back({"resident 10 s after the burst vs just after",
                      format("%.1f", *later) + " vs " + format("%.1f MiB", *after), "no growth",
                      *later <= *after + 0.5 ? "yes" : "NO"});
    }
  }
  bound("burst", "peak_rss_mib", "resident memory, peak in the burst", "%.1f MiB", 64, true, "< 64 MiB");
  bound("rules", "full_ratio", "rules engine / hand-written loop, full", "%.2f", 0.5, false, ">= 0.5");
  bound("rules", "incremental_ratio", "rules engine / hand-written loop, incremental", "%.2f", 0.5, false,
        ">= 0.5");
  figure("rules", "engine_mib", "rules engine memory", "%.1f MiB");
  figure("scheduler", "results/2/day_ms", "scheduler: a day of 100,000 members' fire times", "%.0f ms");
  bound("scheduler", "pop_growth_100k_vs_1k", "scheduler: time per occurrence, 100k vs 1k members", "%.2fx",
        3, true, "like log n (< 3x)");

  std::size_t widths[3] = {8, 6, 4};
  for (const Row& row : rows) {
    widths[0] = std::max(widths[0], row.measured.size());
    widths[1] = std::max(widths[1], row.figure.size());
    widths[2] = std::max(widths[2], row.goal.size());
  }
  const auto line = [&](const std::string& a, const std::string& b, const std::string& c,
                        const std::string& d) {
    std::printf("%-*s  %*s  %-*s  %s\n", static_cast<int>(widths[0]), a.c_str(), static_cast<int>(widths[1]),
                b.c_str(), static_cast<int>(widths[2]), c.c_str(), d.c_str());
  };
  line("measured", "figure", "goal", "met");
  for (const Row& row : rows)
    line(row.measured, row.figure, row.goal, row.met);
  return 0;
}
