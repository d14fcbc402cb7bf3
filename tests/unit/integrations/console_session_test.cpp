// The console session fed through a pipe, as `printf ... | baton console` feeds it.
#include "integrations/console/console_session.hpp"

#include <sstream>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <catch2/catch.hpp>
#include <unistd.h>

#include "tests/support/test_bot.hpp"

using namespace baton;
using namespace baton::console;

namespace {

// Runs a session over `input` until its end, returning what it printed.
std::string session(const std::string& input, const std::string& user = "sam") {
  test::Bot bot;
  std::ostringstream out;
  ConsolePlatform platform(out, {});
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < input.size()) {
      const ssize_t n = ::write(fds[1], input.data() + done, input.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  bool ended = false;
  {
    ConsoleSession console(bot.io, bot.commands, bot.config.org, platform, Log::discard(),
                           {fds[0], user, false});
    console.start([&] { ended = true; });
    bot.io.restart();
    bot.io.run();  // returns once the session has ended: it holds the io_context until then
  }
  writer.join();
  ::close(fds[0]);
  CHECK(ended);
  return out.str();
}

}  // namespace

TEST_CASE("each line is answered, in order, with where the answer goes", "[console][session]") {
  const std::string out = session("/baton whoami\nhello there\n/baton team logistics\n");
  const auto whoami = out.find("baton → #console (only @sam sees this)\n  What baton knows about you");
  const auto dm = out.find("baton → @sam (direct message)\n  I didn't catch that.");
  const auto team = out.find("  Logistics\n  =========");
  REQUIRE(whoami != std::string::npos);
  REQUIRE(dm != std::string::npos);
  REQUIRE(team != std::string::npos);
  CHECK(whoami < dm);
  CHECK(dm < team);
}

TEST_CASE("the member's language is used", "[console][session][i18n]") {
  CHECK_THAT(session("/baton team\n", "marc"), Catch::Contains("  Organisation — Test Shop"));
}

TEST_CASE("/as switches who is typing", "[console][session]") {
  const std::string out = session("/as marc\n/baton whoami\n/as saam\n/as\n");
  CHECK_THAT(out, Catch::Contains("console: you are now Marc Manager (marc)"));
  CHECK_THAT(out, Catch::Contains("baton → #console (only @marc sees this)\n  Ce que baton sait de vous"));
  CHECK_THAT(out, Catch::Contains("console: no member \"saam\"; did you mean sam?"));
  CHECK_THAT(out, Catch::Contains("console: no member given"));
}

TEST_CASE("a last line without a newline, Windows line ends and blank lines are handled",
          "[console][session]") {
  const std::string out = session("\r\n\n/baton whoami\r\n/baton team");
  CHECK_THAT(out, Catch::Contains("What baton knows about you"));
  CHECK_THAT(out, Catch::Contains("Team map — Test Shop"));
}

TEST_CASE("other slash words are explained, not sent to baton", "[console][session]") {
  CHECK_THAT(session("/bato team\n"), Catch::Contains("console: commands start with /baton"));
}

TEST_CASE("/quit ends the session and the lines after it are not run", "[console][session]") {
  const std::string out = session("/quit\n/baton whoami\n");
  CHECK_THAT(out, !Catch::Contains("What baton knows about you"));
}

TEST_CASE("a line longer than the limit is refused and the next one still runs",
          "[console][session][limits]") {
  const std::string out =
      session(std::string(ConsoleSession::kMaxLineLength + 10, 'x') + "\n/baton whoami\n");
  CHECK_THAT(out, Catch::Contains("console: that line is longer than 65536 bytes and was ignored"));
  CHECK_THAT(out, Catch::Contains("What baton knows about you"));
  CHECK_THAT(out, !Catch::Contains("xxxx"));
}

TEST_CASE("/click clicks a button of the last message, by label or number", "[console][session][click]") {
  const std::string out = session("/baton team\n/click logistics\n/baton team\n/click 2\n/click nothing\n");
  CHECK_THAT(out, Catch::Contains("  [ Logistics ] [ Customer service ]"));
  CHECK_THAT(out,
             Catch::Contains("baton → #console (in place of the message clicked)\n  Logistics\n  ========="));
  CHECK_THAT(out, Catch::Contains("(in place of the message clicked)\n  Customer service\n"));
  CHECK_THAT(out, Catch::Contains("console: the last message has no buttons"));
}
