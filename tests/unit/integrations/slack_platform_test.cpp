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

  DeliveryResult deliver(const Destination& to, const std::string& text = "Hello <team>",
                         const DeliveryAttempt& attempt = {}) {
    Message m;
    m.header("Heads up").section(RichText(text));
    return test::run_sync(io, platform.deliver(to, m, attempt));
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

namespace {

// A delivery of the outbox message `key`, stored a moment ago (the fake compares history with real time).
DeliveryAttempt attempt(const std::string& key, bool in_doubt) {
  return {key, in_doubt, std::chrono::system_clock::now() - 1s};
}

}  // namespace

TEST_CASE("a message carries its outbox key, and one in doubt that Slack has is not posted again",
          "[slack][platform][in_doubt]") {
  Rig rig;
  const auto first = rig.deliver(channel("C0OPS"), "Stand-up", attempt("standup:ops:2026-12-01", false));
  REQUIRE(first.delivered);
  CHECK_FALSE(first.already_there);
  CHECK(rig.slack.calls("conversations.history").empty());  // not in doubt: nothing to look for
  const auto posted = rig.slack.calls("chat.postMessage");
  REQUIRE(posted.size() == 1);
  CHECK(posted[0].arguments["metadata"]["event_type"] == "baton_outbox_message");
  CHECK(posted[0].arguments["metadata"]["event_payload"]["key"] == "standup:ops:2026-12-01");

  // Other messages came after it; then the outbox, restarted, is unsure whether it went.
  rig.deliver(channel("C0OPS"), "Later", attempt("alert:orders:1", false));
  const auto again = rig.deliver(channel("C0OPS"), "Stand-up", attempt("standup:ops:2026-12-01", true));
  CHECK(again.delivered);
  CHECK(again.already_there);
  CHECK(again.message_id == first.message_id);  // to update it later, as if sent now
  CHECK(rig.slack.calls("chat.postMessage").size() == 2);
  const auto looked = rig.slack.calls("conversations.history");
  REQUIRE(looked.size() == 1);
  CHECK(looked[0].arguments["channel"] == "C0OPS");
  CHECK(looked[0].arguments["include_all_metadata"] == "true");

  // A message in doubt that never got there is posted.
  const auto missing = rig.deliver(channel("C0OPS"), "Digest", attempt("digest:ops:w48", true));
  CHECK(missing.delivered);
  CHECK_FALSE(missing.already_there);
  CHECK(rig.slack.texts_in("C0OPS") == std::vector<std::string>{"Heads up", "Heads up", "Heads up"});
  CHECK(rig.slack.calls("chat.postMessage").back().arguments["metadata"]["event_payload"]["key"] ==
        "digest:ops:w48");
}

TEST_CASE("a direct message in doubt is looked for in the person's conversation with baton",
          "[slack][platform][in_doubt]") {
  Rig rig;
  Destination dm;
  dm.kind = Destination::Kind::member;
  dm.member = "sam";
  dm.user_id = "U0SAMSTAFF";
  REQUIRE(rig.deliver(dm, "Prompt", attempt("prompt:sam:2026-12-01", false)).delivered);
  const auto again = rig.deliver(dm, "Prompt", attempt("prompt:sam:2026-12-01", true));
  CHECK(again.already_there);
  CHECK(rig.slack.texts_in("DU0SAMSTAFF").size() == 1);
  CHECK(rig.slack.calls("conversations.history").at(0).arguments["channel"] == "DU0SAMSTAFF");
}

TEST_CASE("a message in doubt is found pages back in a busy channel", "[slack][platform][in_doubt]") {
  Rig rig;
  REQUIRE(rig.deliver(channel("C0BUSY"), "Card", attempt("handoff:H-1:card", false)).delivered);
  for (int i = 0; i < 450; ++i)
    rig.deliver(channel("C0BUSY"), "Other", attempt("other:" + std::to_string(i), false));
  const auto again = rig.deliver(channel("C0BUSY"), "Card", attempt("handoff:H-1:card", true));
  CHECK(again.already_there);
  const auto pages = rig.slack.calls("conversations.history");
  REQUIRE(pages.size() == 3);  // 200 a page, newest first: it is the 451st
  CHECK(pages[1].arguments["cursor"] == "200");
  CHECK(rig.slack.texts_in("C0BUSY").size() == 451);
}

TEST_CASE("when Slack cannot say whether a message in doubt arrived", "[slack][platform][in_doubt]") {
  Rig rig;
  REQUIRE(rig.deliver(channel("C0OPS"), "Card", attempt("handoff:H-2:card", false)).delivered);
  SECTION("without the history scopes, it is posted again: a duplicate rather than a loss") {
    rig.slack.refuse("conversations.history", "missing_scope");
    const auto again = rig.deliver(channel("C0OPS"), "Card", attempt("handoff:H-2:card", true));
    CHECK(again.delivered);
    CHECK_FALSE(again.already_there);
    CHECK(rig.slack.texts_in("C0OPS").size() == 2);
  }
  SECTION("rate limited, the outbox asks again later, without posting") {
    rig.slack.fail_next(1, 429, 3);
    const auto again = rig.deliver(channel("C0OPS"), "Card", attempt("handoff:H-2:card", true));
    CHECK_FALSE(again.delivered);
    CHECK(again.retryable);
    CHECK(again.retry_after == 3s);
    CHECK(rig.slack.texts_in("C0OPS").size() == 1);
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
