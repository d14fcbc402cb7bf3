// Starting the real baton for end-to-end tests: a config written to a fresh folder, a free loopback
// port, and the process handle.
#pragma once

#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>

#include "bot/core/clock/iso8601.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace baton::test {

// A minimal valid organisation, for tests about the server rather than the team.
inline const std::string kSmallOrg = R"(company: Test Shop
timezone: Europe/Paris
members:
  - {key: ada, name: Ada Admin, role: admin}
  - {key: bob, name: Bob Staff, locale: fr}
departments:
  - {key: it, name: {en: IT, fr: Informatique}, referent: ada, members: [ada, bob]}
)";

// How a test starts baton on a platform (SlackBaton, TeamsBaton).
struct BatonSetup {
  std::string extra;        // YAML appended to the platform's config
  std::string clock_start;  // BATON_CLOCK_START: the instant baton's clock starts at; now when empty
  // Called with the folder holding baton.yaml and (to be) baton.db before baton starts: to put something
  // in the store, with `baton kpi import` for instance.
  std::function<void(const TempDir& dir)> prepare;

  // What baton's clock reads now, near enough for what it checks against it (the timestamp of a Slack
  // signature, a token's validity): the tests that start its clock elsewhere last seconds.
  std::chrono::system_clock::time_point now() const {
    if (clock_start.empty()) return std::chrono::system_clock::now();
    return parse_iso8601(clock_start).value();
  }
};

struct RunningBaton {
  TempDir dir;
  std::unique_ptr<Process> process;
  int port = 0;

  // Writes `config` (the organisation plus any server/log settings) and starts `baton serve` on port 0.
  explicit RunningBaton(const std::string& config, const std::string& mode = "serve") {
    const auto file = dir.write("baton.yaml", config);
    process = std::make_unique<Process>(
        BATON_BINARY, std::vector<std::string>{mode, "--config", file.string(), "--listen", "127.0.0.1:0",
                                               "--store", (dir / "baton.db").string()});
    port = listening_port(*process);
  }
};

// A setup whose config gets `lines` at the top of its `section:` (the platform's own section, which
// BatonSetup::extra, appended at the end, cannot reach): "slack", "  team_id: T0TEST\n".
inline BatonSetup in_section(const std::string& section, const std::string& lines) {
  BatonSetup setup;
  setup.prepare = [section, lines](const TempDir& dir) {
    std::ifstream in(dir / "baton.yaml");
    std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string head = section + ":\n";
    yaml.replace(yaml.find(head), head.size(), head + lines);
    dir.write("baton.yaml", yaml);
  };
  return setup;
}

}  // namespace baton::test
