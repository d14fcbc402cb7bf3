// What every benchmark shares: its command line (--json FILE, --runs N), the median of its runs and the
// resident memory of the process.
#pragma once

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace baton::bench {

struct Options {
  std::string json_path;
  int runs = 5;
};

// The options, or nullopt after printing the usage (exit 2).
inline std::optional<Options> parse_options(int argc, char** argv, const std::string& name) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json" && i + 1 < argc) {
      options.json_path = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      options.runs = std::max(1, std::stoi(argv[++i]));
    } else {
      std::cerr << "usage: " << name << " [--json FILE] [--runs N]\n";
      return std::nullopt;
    }
  }
  return options;
}

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Resident memory of this process, in bytes.
inline long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

}  // namespace baton::bench
