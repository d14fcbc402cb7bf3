// The Bot Framework's JWT, checked by baton: a valid token, then each way one can be wrong, and key
// rotation (a token naming a key not seen yet fetches the keys again, at most so often).
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "bot/core/clock/manual_clock.hpp"
#include "integrations/teams/bot_auth.hpp"
#include "tests/support/fake_teams.hpp"

using namespace baton;
using namespace baton::teams;
using namespace std::chrono_literals;
using nlohmann::json;
using test::FakeTeams;

namespace {

constexpr const char* kAppId = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

struct Rig {
  Rig() {
    thread = std::thread([this] { io.run(); });
  }
  ~Rig() {
    work.reset();
    thread.join();
  }
  AuthOutcome check(const std::string& token, const json& activity) {
    const std::string header = "Bearer " + token;
    auto checked = boost::asio::co_spawn(io, auth.check_token(header), boost::asio::use_future).get();
    return BotAuth::check_activity(checked, activity);
  }
  json activity() const { return {{"serviceUrl", teams.service_url() + "/"}, {"channelId", "msteams"}}; }

  FakeTeams teams{kAppId, "pw"};
  ManualClock clock{std::chrono::time_point_cast<SysTime::duration>(std::chrono::system_clock::now())};
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  HttpClient http{io.get_executor(), {}};
  BotAuth auth{http, teams.openid_url(), kAppId, clock, Log::discard()};
  std::thread thread;
};

using Verdict = AuthOutcome::Verdict;

}  // namespace

TEST_CASE("a token signed with a published key, for this bot, in time, is accepted", "[teams][jwt]") {
  Rig rig;
  const AuthOutcome outcome = rig.check(rig.teams.sign(rig.teams.claims()), rig.activity());
  INFO(outcome.reason);
  CHECK(outcome.ok());
  CHECK(rig.teams.key_fetches() == 1);
  CHECK(rig.check(rig.teams.sign(rig.teams.claims()), rig.activity()).ok());
  CHECK(rig.teams.key_fetches() == 1);  // cached
}

TEST_CASE("a bad signature, audience, issuer or time is refused", "[teams][jwt]") {
  Rig rig;
  test::SigningKey impostor("fake-key-1");
  CHECK(rig.check(impostor.sign(rig.teams.claims()), rig.activity()).reason == "bad signature");
  json claims = rig.teams.claims();
  claims["aud"] = "another-bot";
  CHECK(rig.check(rig.teams.sign(claims), rig.activity()).reason == "wrong audience");
  claims = rig.teams.claims();
  claims["iss"] = "https://sts.windows.net/evil/";
  CHECK(rig.check(rig.teams.sign(claims), rig.activity()).reason == "wrong issuer");
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(rig.clock.now().time_since_epoch()).count();
  claims = rig.teams.claims();
  claims["exp"] = now - 301;  // past the five minutes of skew
  CHECK(rig.check(rig.teams.sign(claims), rig.activity()).reason == "expired");
  claims["exp"] = now - 200;  // within them
  CHECK(rig.check(rig.teams.sign(claims), rig.activity()).ok());
  claims = rig.teams.claims();
  claims["nbf"] = now + 600;
  CHECK(rig.check(rig.teams.sign(claims), rig.activity()).reason == "not yet valid");
  CHECK(rig.check("not.a.token", rig.activity()).verdict == Verdict::unauthorized);
  CHECK(rig.check("", rig.activity()).verdict == Verdict::unauthorized);
}

TEST_CASE("the token must name the activity's serviceUrl, and its key be endorsed for the channel",
          "[teams][jwt]") {
  Rig rig;
  json activity = rig.activity();
  activity["serviceUrl"] = "https://evil.example/";
  CHECK(rig.check(rig.teams.sign(rig.teams.claims()), activity).reason ==
        "serviceUrl differs from the token's");
  activity = rig.activity();
  activity["channelId"] = "slack";
  const AuthOutcome outcome = rig.check(rig.teams.sign(rig.teams.claims()), activity);
  CHECK(outcome.verdict == Verdict::forbidden);
}

TEST_CASE("an unknown key id fetches the keys again: a rotated key passes, an unpublished one fails",
          "[teams][jwt][rotation]") {
  Rig rig;
  REQUIRE(rig.check(rig.teams.sign(rig.teams.claims()), rig.activity()).ok());
  REQUIRE(rig.teams.key_fetches() == 1);
  test::SigningKey rotated("fake-key-2");
  rig.teams.publish(rotated);
  CHECK(rig.check(rig.teams.sign(rig.teams.claims(), &rotated), rig.activity()).ok());
  CHECK(rig.teams.key_fetches() == 2);
  // Soon after, a key nobody published: refused, and the keys are not fetched again at once.
  test::SigningKey unknown("fake-key-3");
  CHECK(rig.check(rig.teams.sign(rig.teams.claims(), &unknown), rig.activity()).reason ==
        "unknown signing key fake-key-3");
  CHECK(rig.teams.key_fetches() == 2);
  // Later, they are; and once a day regardless.
  rig.clock.advance(BotAuth::kUnknownKeyRefresh);
  CHECK_FALSE(rig.check(rig.teams.sign(rig.teams.claims(), &unknown), rig.activity()).ok());
  CHECK(rig.teams.key_fetches() == 3);
  rig.clock.advance(BotAuth::kRefreshEvery);
  json tomorrow = rig.teams.claims();
  tomorrow["exp"] =
      std::chrono::duration_cast<std::chrono::seconds>(rig.clock.now().time_since_epoch()).count() + 600;
  CHECK(rig.check(rig.teams.sign(tomorrow), rig.activity()).ok());
  CHECK(rig.teams.key_fetches() == 4);
}

TEST_CASE("a token whose fields have the wrong types is refused, not thrown over", "[teams][jwt]") {
  Rig rig;
  const std::string header = base64url_encode(R"({"alg":5,"kid":["fake-key-1"]})");
  const std::string claims = base64url_encode(R"({"iss":1,"aud":{},"exp":"soon"})");
  CHECK(rig.check(header + "." + claims + "." + base64url_encode("sig"), rig.activity()).reason ==
        "algorithm is not RS256");
  json odd = rig.teams.claims();
  odd["serviceurl"] = 42;
  CHECK(rig.check(rig.teams.sign(odd), rig.activity()).reason == "serviceUrl differs from the token's");
}
