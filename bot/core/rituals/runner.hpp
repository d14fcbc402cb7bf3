// Runs one due occurrence: decides whether it is skipped (paused, a skipped day, a holiday, a member off,
// a reminder already answered), builds its messages, and records it together with them in one store
// transaction. The occurrence's key makes a second run, after a crash or on another instance, a no-op.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/core/rituals/timeline.hpp"
#include "bot/core/services.hpp"

namespace baton {

class RitualRunner {
 public:
  explicit RitualRunner(Services& services);

  // Runs `occurrence` (of a ritual in `config`) at `now`; `missed` records it as missed instead (due too
  // long ago to be useful). Returns false when it had been recorded before. Throws StoreUnavailable when
  // the store is down.
  boost::asio::awaitable<bool> run(std::shared_ptr<const Config> config, Occurrence occurrence, SysTime now,
                                   bool missed);

 private:
  // The same, synchronously, on the store's thread.
  bool run_in(Store& store, const Config& config, const Occurrence& occurrence, SysTime now,
              bool missed) const;
  std::optional<std::string> skip_reason(Store& store, const Config& config, const Occurrence& occurrence,
                                         SysTime now) const;
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
