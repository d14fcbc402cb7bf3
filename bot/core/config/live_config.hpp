// The config as it is now: replaced whole on reload (SIGHUP, `baton reload`), read as a snapshot that
// stays valid for as long as its reader holds it. Rituals, calendars, members' time zones and quiet hours
// follow the latest; the HTTP server, the store and the platforms keep the config they started with.
#pragma once

#include <memory>
#include <mutex>

#include "bot/core/config/config.hpp"

namespace baton {

class LiveConfig {
 public:
  explicit LiveConfig(std::shared_ptr<const Config> first) : current_(std::move(first)) {}

  std::shared_ptr<const Config> get() const {
    const std::lock_guard lock(mutex_);
    return current_;
  }
  void set(std::shared_ptr<const Config> next) {
    const std::lock_guard lock(mutex_);
    current_ = std::move(next);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Config> current_;
};

}  // namespace baton
