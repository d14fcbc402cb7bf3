// Starting the real baton for end-to-end tests: a config written to a fresh folder, a free loopback
// port, and the process handle.
#pragma once

#include <memory>
#include <string>

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

}  // namespace baton::test
