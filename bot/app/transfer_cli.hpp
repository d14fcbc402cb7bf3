// Moving a team's state between stores, from a SQLite file to PostgreSQL typically:
//   baton export --config FILE --store baton.db --output team.jsonl   (the file, whatever the config says)
//   baton import --config FILE team.jsonl                             (into the config's store, empty)
// Exit status: 0 done, 1 the store failed, 2 a file that cannot be used (the message says why).
#pragma once

#include <filesystem>
#include <iosfwd>

#include "bot/core/config/config.hpp"

namespace baton::app {

// To `output`, created with permissions 0600 (it holds the team's data) and never over an existing file;
// to `out` when `output` is empty.
int export_state(const Config& config, const std::filesystem::path& output, std::ostream& out,
                 std::ostream& err);

int import_state(const Config& config, const std::filesystem::path& input, std::ostream& out,
                 std::ostream& err);

}  // namespace baton::app
