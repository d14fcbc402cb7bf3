// What the benchmarks that run the real baton share: their command line, baton's memory as the kernel
// counts it, waiting for it to be ready.
#pragma once

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>
#include <unistd.h>

#include "tests/support/http_client.hpp"

namespace baton::bench {

// --baton BINARY (required), --json FILE, and the benchmark's own options, each "--name VALUE".
struct BatonArgs {
  std::string baton;
  std::string json;
  std::map<std::string, std::string> options;

  std::string text(const std::string& name, const std::string& fallback = {}) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  int whole(const std::string& name, int fallback) const {
    const auto it = options.find(name);
    return it == options.end() ? fallback : std::max(1, std::stoi(it->second));
  }
};

// Nullopt, after printing `usage`, when the command line is wrong.
inline std::optional<BatonArgs> parse_baton_args(int argc, char** argv, const std::vector<std::string>& names,
                                                 const std::string& usage) {
  BatonArgs args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--baton") {
      args.baton = value;
    } else if (name == "--json") {
      args.json = value;
    } else if (name.rfind("--", 0) == 0 &&
               std::find(names.begin(), names.end(), name.substr(2)) != names.end()) {
      args.options[name.substr(2)] = value;
    } else {
      args.baton.clear();
      break;
    }
  }
  if (args.baton.empty() || argc % 2 == 0) {
    std::cerr << "usage: " << usage << '\n';
    return std::nullopt;
  }
  return args;
}

// From /proc/<pid>/status: "VmRSS" (resident now) or "VmHWM" (its peak), in MiB.
inline double memory_mib(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return 0;
}

// The CPU time the process has used so far, user and system, in seconds (/proc/PID/stat; clock ticks).
inline double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(stat, text);
  // The command name, in parentheses, may hold spaces: fields are counted from the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 1));
  std::string skipped;
  for (int field = 3; field < 14; ++field)  // state (3) ... cmajflt (13)
    fields >> skipped;
  long long user = 0;
  long long system = 0;
  fields >> user >> system;  // utime (14), stime (15)
  return static_cast<double>(user + system) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Waits, up to `limit`, for `target` to answer 200 on loopback.
inline bool answers(int port, const std::string& target,
                    std::chrono::seconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (test::http_get(port, target).status == 200) return true;
    } catch (const std::exception&) {
      // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

inline bool wait_until_ready(int port) {
  return answers(port, "/readyz", std::chrono::seconds(60));
}

}  // namespace baton::bench
