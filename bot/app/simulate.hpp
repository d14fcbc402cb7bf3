// `baton simulate --from DATE --to DATE`: every message baton would send in that window with this config,
// computed by the real scheduler on a simulated clock, with no network and a throwaway store.
#pragma once

#include <iosfwd>
#include <string>

#include "bot/core/config/config.hpp"

namespace baton::app {

struct SimulateOptions {
  std::string from;  // a date (midnight in the default calendar's zone) or an RFC 3339 instant
  std::string to;
};

// Prints to `out`; returns the exit status (2 for a bad window).
int simulate(const Config& config, const SimulateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace baton::app
