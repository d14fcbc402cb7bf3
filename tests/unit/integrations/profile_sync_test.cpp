// Slack profiles fill in what the config leaves to the defaults, and nothing else.
#include "integrations/slack/profile_sync.hpp"

#include <thread>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/system_clock.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fake_slack.hpp"
#include "tests/support/fixtures.hpp"

using namespace baton;

TEST_CASE("profiles from Slack give the zone and language the config left to the defaults",
          "[slack][profiles]") {
  test::FakeSlack slack;
  // No company-wide language. Sam has his own time zone in the config; Ada has nothing of her own.
  slack.set_profile("U0SAMSTAFF", "Asia/Tokyo", "fr-FR");
  slack.set_profile("U0ADAADMIN", "Asia/Tokyo", "en-GB");
  const auto parsed =
      parse_config(R"(timezone: Europe/Paris
members:
  - {key: ada, name: Ada, role: admin, ids: {slack: U0ADAADMIN}}
  - {key: sam, name: Sam, timezone: America/Montreal, ids: {slack: U0SAMSTAFF}}
  - {key: lea, name: Léa, locale: fr, timezone: Europe/Paris, ids: {slack: U0LEAEQUIP}}
)",
                   "/tmp/t.yaml", [](const std::string&) -> std::optional<std::string> { return {}; });
  REQUIRE(parsed.config);
  const Config& config = *parsed.config;
  boost::asio::io_context io;
  HttpClient http(io.get_executor(), {});
  slack::WebApi api(http, slack.api_base_url(), Secret("xoxb-test-token-0000"), Log::discard());
  Profiles profiles;
  SystemClock clock;
  slack::ProfileSync sync(io.get_executor(), api, config.org, profiles, clock, Log::discard());

  CHECK(test::run_sync(io, sync.sync_once()) == 2);  // Léa's config says everything: no need to ask
  const Member& sam = *config.org.member("sam");
  CHECK(profiles.locale_of(sam) == Locale::fr);                // from Slack
  CHECK(profiles.zone_of(sam)->name() == "America/Montreal");  // the config's own wins
  const Member& ada = *config.org.member("ada");
  CHECK(profiles.zone_of(ada)->name() == "Asia/Tokyo");  // Slack beats the company-wide zone
  CHECK(profiles.locale_of(ada) == Locale::en);
  CHECK(slack.calls("users.info").at(0).arguments["include_locale"] == "true");
  CHECK(profiles.locale_of(*config.org.member("lea")) == Locale::fr);
}

TEST_CASE("rate limited, the sync sends nothing more until Retry-After and goes on from where it stopped",
          "[slack][profiles][faults]") {
  test::FakeSlack slack;
  const auto parsed =
      parse_config(R"(timezone: Europe/Paris
members:
  - {key: ada, name: Ada, role: admin, ids: {slack: U0ADAADMIN}}
  - {key: sam, name: Sam, ids: {slack: U0SAMSTAFF}}
  - {key: max, name: Max, ids: {slack: U0MAXSTAFF}}
)",
                   "/tmp/t.yaml", [](const std::string&) -> std::optional<std::string> { return {}; });
  REQUIRE(parsed.config);
  boost::asio::io_context io;
  HttpClient http(io.get_executor(), {});
  slack::WebApi api(http, slack.api_base_url(), Secret("xoxb-test-token-0000"), Log::discard());
  Profiles profiles;
  SystemClock clock;
  slack::ProfileSync sync(io.get_executor(), api, parsed.config->org, profiles, clock, Log::discard());

  // Ada's profile is read; Sam's is refused with Retry-After: 1. The pass stops there, for that second.
  slack.let_through(1);
  slack.fail_next(1, 429, 1);
  CHECK(test::run_sync(io, sync.sync_once()) == 1);
  REQUIRE(sync.paused());
  CHECK(*sync.paused() == std::chrono::seconds(1));
  CHECK(slack.refused() == 1);
  // Asked again at once, nothing is sent: users.info is quiet for the rest of the second.
  CHECK(test::run_sync(io, sync.sync_once()) == 0);
  REQUIRE(sync.paused());
  CHECK(*sync.paused() <= std::chrono::seconds(1));
  CHECK(slack.arrivals().size() == 2);
  // Once it has passed, the sync goes on from Sam: Ada is not asked twice.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(test::run_sync(io, sync.sync_once()) == 2);
  CHECK_FALSE(sync.paused());
  const auto asked = slack.calls("users.info");
  REQUIRE(asked.size() == 3);
  CHECK(asked[0].arguments["user"] == "U0ADAADMIN");
  CHECK(asked[1].arguments["user"] == "U0SAMSTAFF");
  CHECK(asked[2].arguments["user"] == "U0MAXSTAFF");
}

TEST_CASE("language tags become baton's languages", "[slack][profiles]") {
  CHECK(locale_from_tag("fr-FR") == Locale::fr);
  CHECK(locale_from_tag("fr_CA") == Locale::fr);
  CHECK(locale_from_tag("en-US") == Locale::en);
  CHECK_FALSE(locale_from_tag("de-DE").has_value());
  CHECK_FALSE(locale_from_tag("").has_value());
}

TEST_CASE("a company-wide language outranks a Slack profile's", "[slack][profiles]") {
  const auto parsed = parse_config(
      "timezone: Europe/Paris\nlocale: fr\nmembers:\n  - {key: ada, name: Ada, role: admin, ids: {slack: "
      "U0ADAADMIN}}\n",
      "/tmp/t.yaml", [](const std::string&) -> std::optional<std::string> { return {}; });
  REQUIRE(parsed.config);
  const Member& ada = *parsed.config->org.member("ada");
  Profiles profiles;
  profiles.set("ada", {date::locate_zone("Asia/Tokyo"), Locale::en});
  CHECK(profiles.locale_of(ada) == Locale::fr);
  CHECK(profiles.zone_of(ada)->name() == "Asia/Tokyo");
}
