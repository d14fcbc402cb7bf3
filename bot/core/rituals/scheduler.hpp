// The scheduler: sleeps on the clock until the timeline's next occurrence, then runs everything due
// through the runner. It remembers in the store how far it got, so after a restart it runs what came due
// while baton was down, if that is within the ritual's grace, and records the rest as missed.
#pragma once

#include <memory>

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/rituals/runner.hpp"
#include "bot/core/rituals/timeline.hpp"

namespace baton {

class Scheduler : public ClockedWorker {
 public:
  Scheduler(const boost::asio::any_io_executor& executor, Services& services);

  // Recomputes the timeline from the services' config and members' zones, as they are now (after a
  // reload, or a member's time zone changed).
  void reload();

 private:
  boost::asio::awaitable<SysTime> round() override;
  // The timeline of the current config, positioned after `after`; `config` keeps what it points into.
  std::unique_ptr<Timeline> build(SysTime after, std::shared_ptr<const Config>& config) const;

  Services& services_;
  RitualRunner runner_;
  // Touched only on the strand.
  bool rebuild_ = false;
  std::optional<SysTime> mark_;  // where the last round left off; a first start begins now, nothing missed
  std::shared_ptr<const Config> config_;  // what the timeline's rituals belong to
  std::unique_ptr<Timeline> timeline_;
};

}  // namespace baton
