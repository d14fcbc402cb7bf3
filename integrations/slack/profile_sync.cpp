#include "integrations/slack/profile_sync.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace baton::slack {
namespace {

namespace asio = boost::asio;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

ProfileSync::ProfileSync(const asio::any_io_executor& executor, WebApi& api, const OrgMap& org,
                         Profiles& profiles, const Clock& clock, Log log)
    : strand_(asio::make_strand(executor)),
      api_(api),
      org_(org),
      profiles_(profiles),
      clock_(clock),
      log_(std::move(log)),
      stop_timer_(strand_, asio::steady_timer::time_point::max()) {}

asio::awaitable<int> ProfileSync::sync_once() {
  int read = 0;
  for (const Member& member : org_.members()) {
    if (stopping_) break;
    const auto id = member.ids.find(Platform::slack);
    if (id == member.ids.end() || (member.zone_from_config && member.locale_from_config)) continue;
    const std::vector<std::pair<std::string, std::string>> fields{{"user", id->second},
                                                                  {"include_locale", "true"}};
    const ApiResult answer = co_await api_.call_form("users.info", fields);
    if (!answer.ok) {
      if (answer.error == "missing_scope") {
        log_.warn(
            "slack profiles not readable: the app lacks the users:read scope; add it and reinstall the app");
        break;
      }
      log_.warn("slack profile not read", {{"member", member.key}, {"error", answer.error}});
      continue;
    }
    PlatformProfile profile;
    const std::string tz = answer.body.value("/user/tz"_json_pointer, std::string());
    if (!tz.empty()) {
      try {
        profile.zone = date::locate_zone(tz);
      } catch (const std::exception&) {
        log_.warn("slack profile has a time zone baton does not know", {{"member", member.key}, {"tz", tz}});
      }
    }
    profile.locale = locale_from_tag(answer.body.value("/user/locale"_json_pointer, std::string()));
    profiles_.set(member.key, profile);
    ++read;
  }
  co_return read;
}

void ProfileSync::start() {
  running_ = true;
  asio::co_spawn(strand_, run(), [this](const std::exception_ptr&) { running_ = false; });
}

asio::awaitable<void> ProfileSync::run() {
  using namespace asio::experimental::awaitable_operators;
  while (!stopping_) {
    const int read = co_await sync_once();
    if (read > 0) log_.info("slack profiles read", {{"members", read}});
    if (stopping_) break;
    co_await (clock_.sleep_until(clock_.now() + kEvery) || stop_timer_.async_wait(kUseTuple));
  }
}

asio::awaitable<bool> ProfileSync::begin_stop() {
  stopping_ = true;
  stop_timer_.cancel();
  co_return !running_;
}

asio::awaitable<void> ProfileSync::stop() {
  asio::steady_timer poll(co_await asio::this_coro::executor);
  // A users.info call in progress ends within the HTTP client's timeout.
  for (int i = 0; i < 3000; ++i) {
    if (co_await asio::co_spawn(strand_, begin_stop(), asio::use_awaitable)) break;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(kUseTuple);
  }
}

}  // namespace baton::slack
