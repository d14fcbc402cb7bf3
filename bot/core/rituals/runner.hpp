// Runs due occurrences: decides whether each is skipped (paused, a skipped day, a holiday, a member off,
// a reminder already answered), builds its messages, and records it together with them in one store
// transaction. The occurrence's key makes a second run, after a crash or on another instance, a no-op.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "bot/core/rituals/timeline.hpp"
#include "bot/core/services.hpp"

namespace baton {

// An occurrence due now, and whether it came due too long ago to be useful (recorded as missed).
struct DueOccurrence {
  Occurrence occurrence;
  bool missed = false;
};

class RitualRunner {
 public:
  explicit RitualRunner(Services& services);

  // Runs a batch of occurrences (of rituals in `config`) at `now`, in one call to the store: what every
  // occurrence of the batch reads alike (paused rituals, skipped days) is read once. Says for each
  // whether it was recorded now, false for one recorded before. Throws StoreUnavailable when the store
  // is down; what was recorded before the error stays recorded, and running it again is a no-op.
  boost::asio::awaitable<std::vector<bool>> run(std::shared_ptr<const Config> config,
                                                std::vector<DueOccurrence> batch, SysTime now);

 private:
  // What a batch reads once rather than once per occurrence.
  struct Lookups {
    std::optional<std::vector<std::string>> paused;
    std::map<std::pair<std::string, std::string>, bool> skipped;  // (ritual, day)
  };

  // One occurrence, synchronously, on the store's thread.
  bool run_in(Store& store, const Config& config, const DueOccurrence& due, SysTime now,
              Lookups& lookups) const;
  std::optional<std::string> skip_reason(Store& store, const Config& config, const Occurrence& occurrence,
                                         SysTime now, Lookups& lookups) const;
  std::vector<OutboxItem> messages(Store& store, const Config& config, const Occurrence& occurrence,
                                   SysTime now) const;
  std::vector<OutboxItem> to_member(Store& store, const Config& config, const Occurrence& occurrence,
                                    const std::string& member_key,
                                    const std::function<Message(Locale, const std::string& prefix)>& build,
                                    SysTime now) const;
  std::vector<OutboxItem> to_channel(Store& store, const Config& config, const Occurrence& occurrence,
                                     const std::function<Message(Locale, const std::string& prefix)>& build,
                                     SysTime now) const;
  Locale member_locale(Store& store, const Member& member) const;

  Services& services_;
};

// When a message to `member` at `at` may go: `at`, or the end of their quiet hours.
SysTime after_quiet_hours(const Member& member, const date::time_zone& zone, SysTime at);

// Whether `member` is off on `day` (from their stored days off).
bool is_off(Store& store, const std::string& member, const std::string& day);

}  // namespace baton
