// Slack delivery against the fake Slack Web API: which method each destination uses, and how Slack's
// answers are classified for the outbox.
#include "integrations/slack/slack_platform.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "tests/support/async.hpp"
#include "tests/support/fake_slack.hpp"

using namespace baton;
using namespace std::chrono_literals;

namespace {

struct Rig {
  explicit Rig(std::string base_url = {}, std::string token = "xoxb-test-token-0000")
      : http(io.get_executor(), {}),
        api(http, base_url.empty() ? slack.api_base_url() : base_url, Secret(std::move(token)),
            Log::discard()),
        platform(api, SlackConfig{}, Log::discard()) {}

  DeliveryResult deliver(const Destination& to, const std::string& text = "Hello <team>") {
    Message m;
    m.header("Heads up").section(RichText(text));
    return test::run_sync(io, platform.deliver(to, m));
  }

  test::FakeSlack slack;
  boost::asio::io_context io;
  HttpClient http;
  slack::WebApi api;
  slack::SlackPlatform platform;
};

Destination channel(const std::string& id) {
  Destination d;
  d.channel = id;
  return d;
}

}  // namespace

TEST_CASE("a channel message is posted with blocks and a fallback text", "[slack][platform]") {
  Rig rig;
  const auto result = rig.deliver(channel("C0LOGISTIC"));
  CHECK(result.delivered);
  REQUIRE(result.message_id.has_value());
  const auto calls = rig.slack.calls("chat.postMessage");
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].arguments["channel"] == "C0LOGISTIC");
  CHECK(calls[0].arguments["text"] == "Heads up");
  CHECK(calls[0].arguments["blocks"][1]["text"]["text"] == "Hello &lt;team&gt;");
  CHECK(result.message_id->ends_with(".000100"));  // the ts, to update the message later
}

TEST_CASE("a direct message opens the conversation once, then posts in it", "[slack][platform]") {
  Rig rig;
  Destination dm;
  dm.kind = Destination::Kind::member;
  dm.member = "sam";
  dm.user_id = "U0SAMSTAFF";
  CHECK(rig.deliver(dm).delivered);
  CHECK(rig.deliver(dm).delivered);
  CHECK(rig.slack.calls("conversations.open").size() == 1);
  CHECK(rig.slack.texts_in("DU0SAMSTAFF").size() == 2);
  dm.user_id.clear();
  const auto missing = rig.deliver(dm);
  CHECK_FALSE(missing.delivered);
  CHECK_FALSE(missing.retryable);
  CHECK(missing.error == "member sam has no Slack id in the config");
}

TEST_CASE("ephemeral messages, updates and response_url answers use their own methods", "[slack][platform]") {
  Rig rig;
  Destination ephemeral;
  ephemeral.kind = Destination::Kind::member_in_channel;
  ephemeral.channel = "C0LOGISTIC";
  ephemeral.user_id = "U0SAMSTAFF";
  CHECK(rig.deliver(ephemeral).delivered);
  CHECK(rig.slack.calls("chat.postEphemeral").at(0).arguments["user"] == "U0SAMSTAFF");

  Destination update;
  update.kind = Destination::Kind::update;
  update.channel = "C0LOGISTIC";
  update.message_id = "1700000001.000100";
  CHECK(rig.deliver(update).delivered);
  CHECK(rig.slack.calls("chat.update").at(0).arguments["ts"] == "1700000001.000100");

  Destination response;
  response.kind = Destination::Kind::response;
  response.response_url = rig.slack.response_url("abc");
  response.replace_original = true;
  const auto answered = rig.deliver(response);
  INFO(answered.error);
  CHECK(answered.delivered);
  const auto hook = rig.slack.calls("response_url").at(0);
  CHECK(hook.path == "/hooks/commands/T0TEST/1234/abc");
  CHECK(hook.arguments["replace_original"] == true);
  CHECK(hook.arguments["blocks"].is_array());
}

TEST_CASE("a response_url that is not Slack's is never called", "[slack][platform][security]") {
  Rig rig;
  Destination response;
  response.kind = Destination::Kind::response;
  response.response_url = "http://attacker.example/collect";
  const auto result = rig.deliver(response);
  CHECK_FALSE(result.delivered);
  CHECK_FALSE(result.retryable);
  CHECK(rig.platform.trusted_response_url("https://hooks.slack.com/commands/T1/2/3"));
  CHECK_FALSE(rig.platform.trusted_response_url("https://hooks.slack.com.evil.example/x"));
}

TEST_CASE("Slack's answers are classified for the outbox", "[slack][platform][retry]") {
  Rig rig;
  SECTION("429 waits for Retry-After") {
    rig.slack.fail_next(1, 429, 7);
    const auto result = rig.deliver(channel("C1"));
    CHECK_FALSE(result.delivered);
    CHECK(result.retryable);
    CHECK(result.retry_after == 7s);
  }
  SECTION("5xx is temporary") {
    rig.slack.fail_next(1, 503);
    const auto result = rig.deliver(channel("C1"));
    CHECK(result.retryable);
    CHECK(result.error == "HTTP 503");
  }
  SECTION("a channel that does not exist is permanent") {
    const auto result = rig.deliver(channel("C404MISSING"));
    CHECK_FALSE(result.retryable);
    CHECK(result.error == "channel_not_found");
  }
}

TEST_CASE("a revoked token is permanent, and Slack unreachable is temporary", "[slack][platform][retry]") {
  Rig wrong_token({}, "xoxb-revoked-0000");
  const auto refused = wrong_token.deliver(channel("C1"));
  CHECK_FALSE(refused.retryable);
  CHECK(refused.error == "invalid_auth");

  Rig nobody("http://127.0.0.1:1/api");
  const auto down = nobody.deliver(channel("C1"));
  CHECK(down.retryable);
  CHECK_THAT(down.error, Catch::Contains("connection refused"));
}

TEST_CASE("Slack's own temporary error codes are retried, others are not", "[slack][platform]") {
  CHECK(slack::is_temporary_error("ratelimited"));
  CHECK(slack::is_temporary_error("internal_error"));
  CHECK(slack::is_temporary_error("service_unavailable"));
  CHECK_FALSE(slack::is_temporary_error("not_in_channel"));
  CHECK_FALSE(slack::is_temporary_error("account_inactive"));
}
