#include "integrations/slack/profile_sync.hpp"

#include "bot/core/http/json_field.hpp"

namespace baton::slack {

ProfileSync::ProfileSync(const boost::asio::any_io_executor& executor, WebApi& api, const OrgMap& org,
                         Profiles& profiles, const Clock& clock, Log log)
    : ClockedWorker(executor, clock, std::move(log), "the slack profile sync"),
      api_(api),
      org_(org),
      profiles_(profiles) {}

boost::asio::awaitable<int> ProfileSync::sync_once() {
  int read = 0;
  pause_.reset();
  const std::vector<Member>& members = org_.members();
  for (; next_ < members.size(); ++next_) {
    if (stopping()) co_return read;
    const Member& member = members[next_];
    const auto id = member.ids.find(Platform::slack);
    if (id == member.ids.end() || (member.zone_from_config && member.locale_from_config)) continue;
    const std::vector<std::pair<std::string, std::string>> fields{{"user", id->second},
                                                                  {"include_locale", "true"}};
    const ApiResult answer = co_await api_.call_form("users.info", fields);
    if (!answer.ok) {
      if (answer.retryable && answer.retry_after) {
        // Slack said when users.info may be called again: this member and the rest wait until then.
        pause_ = answer.retry_after;
        co_return read;
      }
      if (answer.error == "missing_scope") {
        log().warn(
            "slack profiles not readable: the app lacks the users:read scope; add it and reinstall the app");
        break;
      }
      log().warn("slack profile not read", {{"member", member.key}, {"error", answer.error}});
      continue;
    }
    PlatformProfile profile;
    const std::string tz = string_at(answer.body, "/user/tz"_json_pointer);
    if (!tz.empty()) {
      try {
        profile.zone = date::locate_zone(tz);
      } catch (const std::exception&) {
        log().warn("slack profile has a time zone baton does not know", {{"member", member.key}, {"tz", tz}});
      }
    }
    profile.locale = locale_from_tag(string_at(answer.body, "/user/locale"_json_pointer));
    profiles_.set(member.key, profile);
    ++read;
  }
  next_ = 0;
  co_return read;
}

// At start, then every kEvery: people move and change their settings.
boost::asio::awaitable<SysTime> ProfileSync::round() {
  const int read = co_await sync_once();
  if (read > 0) log().info("slack profiles read", {{"members", read}});
  if (pause_) {
    log().info("slack profiles: users.info rate limited, going on later", {{"retry_in_ms", pause_->count()}});
    co_return clock().now() + *pause_;
  }
  co_return clock().now() + kEvery;
}

}  // namespace baton::slack
