// What the benchmarks that run the real baton share: its memory as the kernel counts it, waiting for it
// to be ready.
#pragma once

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include <sys/types.h>

#include "tests/support/http_client.hpp"

namespace baton::bench {

// From /proc/<pid>/status: "VmRSS" (resident now) or "VmHWM" (its peak), in MiB.
inline double memory_mib(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return 0;
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
