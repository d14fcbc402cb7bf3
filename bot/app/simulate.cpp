// `baton simulate`: the real scheduler and ritual services, on a manual clock and a throwaway store,
// with nothing delivered. The clock jumps from one wake-up of the scheduler to the next; at the end every
// message stored in the outbox is printed in time order, with where it would go and the local time of
// whoever reads it, and every occurrence that was skipped, with why.
#include "bot/app/simulate.hpp"

#include <cstdlib>
#include <filesystem>
#include <ostream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "bot/core/clock/iso8601.hpp"
#include "bot/core/clock/manual_clock.hpp"
#include "bot/core/clock/zone.hpp"
#include "bot/core/config/live_config.hpp"
#include "bot/core/rituals/scheduler.hpp"
#include "bot/core/store/sqlite/sqlite_store.hpp"
#include "integrations/console/console_platform.hpp"

namespace baton::app {
namespace {

constexpr int kUsageError = 2;
constexpr date::days kLongestWindow{366};
constexpr int kMaxMessages = 1'000'000;

// A folder of our own under the system's temporary folder, removed when done.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "baton-simulate-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

// A day (midnight in the default calendar's zone) or an RFC 3339 instant.
std::optional<SysTime> read_instant(const std::string& text, const date::time_zone& zone) {
  if (const auto at = parse_iso8601(text)) return at;
  if (const auto day = parse_day(text)) return to_instant(zone, date::local_days{day->time_since_epoch()});
  return std::nullopt;
}

const date::time_zone* zone_of_destination(const Config& config, const Profiles& profiles,
                                           const Destination& to) {
  if (!to.member.empty()) {
    if (const Member* member = config.org.member(to.member)) return profiles.zone_of(*member);
  }
  for (const Department& d : config.org.departments()) {
    for (const auto& [platform, channel] : d.channels) {
      if (channel == to.channel) return config.calendar(d.calendar).zone;
    }
  }
  return config.calendar("").zone;
}

std::string local_time(const date::time_zone& zone, SysTime at) {
  return date::format("%a %F %H:%M", to_local(zone, at)) + " " + std::string(zone.name());
}

// Runs what is ready on the io_context until nothing is.
void settle(boost::asio::io_context& io) {
  io.restart();
  while (io.poll() > 0) {
  }
}

}  // namespace

int simulate(const Config& config, const SimulateOptions& options, std::ostream& out, std::ostream& err) {
  const date::time_zone& zone = *config.calendar("").zone;
  const auto from = read_instant(options.from, zone);
  const auto to = read_instant(options.to, zone);
  if (!from || !to) {
    err << "baton: --from and --to take a date (2026-11-23, midnight in " << zone.name()
        << ") or an RFC 3339 instant\n";
    return kUsageError;
  }
  if (*to <= *from || *to - *from > kLongestWindow) {
    err << "baton: --to must come after --from, within 366 days\n";
    return kUsageError;
  }

  ScratchDir scratch;
  ManualClock clock(*from);
  SqliteStore store({scratch.path / "simulate.db"}, clock);
  store.migrate();
  store.set_scheduler_mark(*from);

  boost::asio::io_context io;
  StoreExecutor executor(store, io.get_executor());
  RuntimeInfo runtime{BATON_VERSION, *from, {}};
  if (config.slack.enabled) runtime.platforms.push_back(Platform::slack);
  if (config.teams.enabled) runtime.platforms.push_back(Platform::teams);
  if (runtime.platforms.empty()) runtime.platforms.push_back(Platform::console);
  Profiles profiles;
  const LiveConfig live(std::make_shared<const Config>(config));
  Services services{config.org, profiles, executor, clock, Log::discard(), runtime, &live, {}};

  {
    Scheduler scheduler(io.get_executor(), services);
    scheduler.start();
    settle(io);
    while (true) {
      const auto next = clock.next_wake();
      if (!next || *next > *to) break;
      clock.set(*next);
      settle(io);
    }
    // The stop waits on real timers a few milliseconds at a time: run the io_context until it is done.
    auto stopped = boost::asio::co_spawn(io, scheduler.stop(), boost::asio::use_future);
    io.restart();
    while (stopped.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      io.run_one_for(std::chrono::milliseconds(5));
    }
    stopped.get();
  }

  // What would have been sent, and what was skipped, in time order.
  struct Line {
    SysTime at;
    std::string text;
  };
  std::vector<Line> lines;
  std::size_t messages = 0, skipped = 0;
  for (const OutboxItem& item : store.outbox_items(OutboxState::pending, kMaxMessages)) {
    const date::time_zone* where = zone_of_destination(config, profiles, item.destination);
    std::string text = local_time(where != nullptr ? *where : zone, item.next_attempt_at) + "  " +
                       std::string(to_string(item.platform)) + "  " +
                       console::ConsolePlatform::destination_line(item.destination) + "\n" +
                       console::render(item.message) + "\n";
    lines.push_back({item.next_attempt_at, std::move(text)});
    ++messages;
  }
  const std::string first_day = day_text(date::floor<date::days>(*from) - date::days{1});
  const std::string last_day = day_text(date::floor<date::days>(*to) + date::days{1});
  for (const OccurrenceRecord& r : store.occurrences("", first_day, last_day)) {
    if (r.outcome == OccurrenceOutcome::sent) continue;
    ++skipped;
    const date::time_zone* where = &zone;
    if (const Member* member = config.org.member(r.member)) {
      where = profiles.zone_of(*member);
    } else if (const Ritual* ritual = config.ritual(r.ritual); ritual != nullptr && ritual->zone != nullptr) {
      where = ritual->zone;
    }
    lines.push_back({r.due, local_time(*where, r.due) + "  skipped  " + r.key + " (" + r.reason + ")\n"});
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.at < b.at; });
  for (const Line& line : lines)
    out << line.text;
  out << messages << (messages == 1 ? " message" : " messages") << " and " << skipped << " skipped between "
      << iso8601(*from) << " and " << iso8601(*to) << "; nothing was sent.\n";
  store.close();
  return 0;
}

}  // namespace baton::app
