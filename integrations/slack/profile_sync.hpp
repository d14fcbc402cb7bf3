// Reads members' Slack profiles (users.info) for their time zone and language, where the config leaves
// them to the defaults: at start, then once a day, since people move and change settings.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/org/profiles.hpp"
#include "integrations/slack/web_api.hpp"

namespace baton::slack {

class ProfileSync {
 public:
  ProfileSync(const boost::asio::any_io_executor& executor, WebApi& api, const OrgMap& org,
              Profiles& profiles, const Clock& clock, Log log);

  void start();
  boost::asio::awaitable<void> stop();

  // Reads the profiles of the members who need one; returns how many were read.
  boost::asio::awaitable<int> sync_once();

  static constexpr std::chrono::hours kEvery{24};

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> begin_stop();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  WebApi& api_;
  const OrgMap& org_;
  Profiles& profiles_;
  const Clock& clock_;
  Log log_;
  boost::asio::steady_timer stop_timer_;
  bool stopping_ = false;
  bool running_ = false;
};

}  // namespace baton::slack
