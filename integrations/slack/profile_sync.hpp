// Reads members' Slack profiles (users.info) for their time zone and language, where the config leaves
// them to the defaults: at start, then once a day, since people move and change settings.
#pragma once

#include "bot/core/clock/clocked_worker.hpp"
#include "bot/core/org/profiles.hpp"
#include "integrations/slack/web_api.hpp"

namespace baton::slack {

class ProfileSync : public ClockedWorker {
 public:
  ProfileSync(const boost::asio::any_io_executor& executor, WebApi& api, const OrgMap& org,
              Profiles& profiles, const Clock& clock, Log log);

  // Reads the profiles of the members who need one; returns how many were read. Stops early when Slack
  // rate limits users.info: paused() then says for how long, and the next call goes on from there.
  boost::asio::awaitable<int> sync_once();
  std::optional<std::chrono::milliseconds> paused() const { return pause_; }

  static constexpr std::chrono::hours kEvery{24};

 private:
  boost::asio::awaitable<SysTime> round() override;

  WebApi& api_;
  const OrgMap& org_;
  Profiles& profiles_;
  std::size_t next_ = 0;  // the member a pass goes on from (on the strand)
  std::optional<std::chrono::milliseconds> pause_;
};

}  // namespace baton::slack
