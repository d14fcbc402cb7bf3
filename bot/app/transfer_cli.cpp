#include "bot/app/transfer_cli.hpp"

#include <cerrno>
#include <fstream>
#include <iostream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include "bot/app/store_open.hpp"
#include "bot/core/clock/system_clock.hpp"
#include "bot/core/log/redact.hpp"
#include "bot/core/store/sql/sql_store.hpp"
#include "bot/core/store/sql/transfer.hpp"

namespace baton::app {
namespace {

constexpr int kStoreFailed = 1;
constexpr int kBadFile = 2;

}  // namespace

int export_state(const Config& config, const std::filesystem::path& output, std::ostream& out,
                 std::ostream& err) {
  const SystemClock clock;
  std::ofstream file;
  if (!output.empty()) {
    // Created here, private, and only if new: an export holds everything the team told baton.
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      const std::error_code error(errno, std::generic_category());
      err << "baton: cannot create " << output.string() << ": " << error.message()
          << (error.value() == EEXIST ? " (choose another name, or remove it first)" : "") << '\n';
      return kBadFile;
    }
    ::close(fd);
    file.open(output, std::ios::binary | std::ios::trunc);
  }
  std::ostream& to = output.empty() ? out : file;
  try {
    OpenedStore opened = open_migrated_store(config, clock);
    const std::int64_t rows = opened.store->export_state(to);
    opened.store->close();
    err << "exported " << rows << " rows from " << store_location(config)
        << (output.empty() ? std::string() : " to " + output.string()) << '\n';
    return 0;
  } catch (const std::exception& e) {
    err << "baton: export failed: " << redact(e.what()) << '\n';
    if (!output.empty()) std::filesystem::remove(output);  // never leave half an export behind
    return kStoreFailed;
  }
}

int import_state(const Config& config, const std::filesystem::path& input, std::ostream& out,
                 std::ostream& err) {
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    const std::error_code error(errno, std::generic_category());
    err << "baton: cannot read " << input.string() << ": " << error.message() << '\n';
    return kBadFile;
  }
  const SystemClock clock;
  try {
    OpenedStore opened = open_migrated_store(config, clock);
    try {
      const std::int64_t rows = opened.store->import_state(in);
      out << "imported " << rows << " rows into " << store_location(config) << '\n';
    } catch (const sql::ImportError& e) {
      err << "baton: " << input.string() << ": " << e.what() << "; nothing was imported\n";
      return kBadFile;
    }
    opened.store->close();
    return 0;
  } catch (const std::exception& e) {
    err << "baton: import failed, nothing was imported: " << redact(e.what()) << '\n';
    return kStoreFailed;
  }
}

}  // namespace baton::app
