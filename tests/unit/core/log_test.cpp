#include "bot/core/log/log.hpp"

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/core/log/redact.hpp"
#include "tests/support/temp_dir.hpp"

using namespace baton;

TEST_CASE("JSON lines carry the time, level, event, context and fields", "[log]") {
  std::ostringstream out;
  const Log log = Log::to_stream(out, LogFormat::json, LogLevel::info);
  log.with({{"request_id", "abc123"}})
      .info("http request", {{"status", 200}, {"path", "/healthz"}, {"slow", false}});
  const auto line = nlohmann::json::parse(out.str());
  CHECK(line["level"] == "info");
  CHECK(line["event"] == "http request");
  CHECK(line["request_id"] == "abc123");
  CHECK(line["status"] == 200);
  CHECK(line["path"] == "/healthz");
  CHECK(line["slow"] == false);
  CHECK(line["ts"].get<std::string>().size() == 24);  // 2026-11-22T18:07:10.123Z
}

TEST_CASE("logfmt quotes values that need it", "[log]") {
  std::ostringstream out;
  const Log log = Log::to_stream(out, LogFormat::logfmt, LogLevel::info);
  log.info("store ready",
           {{"path", "/var/lib/baton/baton.db"}, {"note", "two words"}, {"quote", "say \"hi\""}});
  const std::string line = out.str();
  CHECK_THAT(line, Catch::StartsWith("ts="));
  CHECK_THAT(line, Catch::Contains(R"(level=info event="store ready" path=/var/lib/baton/baton.db)"));
  CHECK_THAT(line, Catch::Contains(R"(note="two words" quote="say \"hi\"")"));
}

TEST_CASE("lines below the level are dropped", "[log]") {
  std::ostringstream out;
  const Log log = Log::to_stream(out, LogFormat::json, LogLevel::warn);
  log.info("quiet");
  log.debug("quieter");
  CHECK(out.str().empty());
  log.error("loud");
  CHECK_THAT(out.str(), Catch::Contains("loud"));
  CHECK_FALSE(log.enabled(LogLevel::info));
}

TEST_CASE("a log file is appended to, its folder made, and lines from many threads stay whole", "[log]") {
  const test::TempDir dir;
  const auto path = dir / "logs/baton.log";  // the folder "logs" does not exist yet
  {
    const Log log = Log::to_file(path.string(), LogFormat::json, LogLevel::info);
    log.info("first run");
  }
  const Log log = Log::to_file(path.string(), LogFormat::json, LogLevel::info);
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&log, t] {
      for (int i = 0; i < 200; ++i)
        log.info("line", {{"thread", t}, {"i", i}, {"padding", std::string(300, 'x')}});
    });
  }
  for (auto& w : writers)
    w.join();
  log.flush();

  std::ifstream in(path);
  std::string line;
  int lines = 0;
  std::getline(in, line);
  CHECK(nlohmann::json::parse(line)["event"] == "first run");  // the second opening appended
  while (std::getline(in, line)) {
    const auto parsed = nlohmann::json::parse(line);  // throws on a line cut into or interleaved
    CHECK(parsed["padding"].get<std::string>().size() == 300);
    ++lines;
  }
  CHECK(lines == 800);
}

TEST_CASE("a log file that cannot be opened says why", "[log]") {
  const test::TempDir dir;
  const auto blocker = dir.write("not-a-folder", "");
  CHECK_THROWS_WITH(Log::to_file((blocker / "baton.log").string(), LogFormat::json, LogLevel::info),
                    Catch::Contains("Not a directory"));
}

TEST_CASE("warnings reach the file at once, without a flush", "[log]") {
  const test::TempDir dir;
  const auto path = dir / "baton.log";
  const Log log = Log::to_file(path.string(), LogFormat::logfmt, LogLevel::info);
  log.warn("disk nearly full");
  std::ifstream in(path);
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK_THAT(line, Catch::Contains("level=warn event=\"disk nearly full\""));
}

TEST_CASE("secrets are redacted from every line, by value, by shape and by field name", "[log][secrets]") {
  register_secret("a-registered-signing-secret");
  std::ostringstream out;
  const Log log = Log::to_stream(out, LogFormat::json, LogLevel::debug);
  log.info("request failed", {{"error", "signature check with a-registered-signing-secret failed"},
                              {"header", "Authorization: Bearer eyJhbGciOi.payload.sig"},
                              {"detail", "token xoxb-1234-5678-abcdefghij was refused"},
                              {"bot_token", "anything at all"},
                              {"retry_after", 3}});
  const std::string line = out.str();
  CHECK_THAT(line, !Catch::Contains("a-registered-signing-secret"));
  CHECK_THAT(line, !Catch::Contains("eyJhbGciOi"));
  CHECK_THAT(line, !Catch::Contains("xoxb-1234"));
  CHECK_THAT(line, !Catch::Contains("anything at all"));
  const auto json = nlohmann::json::parse(line);
  CHECK(json["bot_token"] == "[redacted]");
  CHECK(json["header"] == "Authorization: Bearer [redacted]");
  CHECK(json["retry_after"] == 3);
}

TEST_CASE("redaction leaves ordinary text alone", "[log][secrets]") {
  CHECK(redact("GET /healthz 200") == "GET /healthz 200");
  CHECK(redact("Bearer") == "Bearer");
  register_secret("short");  // too short to be a secret: would redact ordinary words
  CHECK(redact("a short note") == "a short note");
  CHECK(is_secret_field("signing_secret"));
  CHECK(is_secret_field("Authorization"));
  CHECK_FALSE(is_secret_field("status"));
}

TEST_CASE("what members type loses registered secrets only, not words shaped like credentials",
          "[log][secrets]") {
  register_secret("a-pasted-bot-token-value");
  CHECK(redact_secrets("kpi set revenue 5 a-pasted-bot-token-value!") == "kpi set revenue 5 [redacted]!");
  CHECK(redact_secrets("handoff it \"Fix the Basic dXNlcjpwYXNz and xoxb-1 login\"") ==
        "handoff it \"Fix the Basic dXNlcjpwYXNz and xoxb-1 login\"");
}

TEST_CASE("credential shapes are redacted wherever they are in the text", "[log][secrets]") {
  CHECK(redact("xoxb-1 and xapp-2") == "xoxb-[redacted] and xapp-[redacted]");
  CHECK(redact("tail Basic dXNlcjpwYXNz") == "tail Basic [redacted]");
  CHECK(redact("xoxb- then HMAC x") == "xoxb- then HMAC [redacted]");  // a prefix alone is not one
  CHECK(redact("Bearer Bearer t") == "Bearer [redacted] t");
  CHECK(is_secret_field("SLACK_BOT_TOKEN"));
  CHECK(is_secret_field("x-slack-signature"));
  CHECK_FALSE(is_secret_field("tok"));
}

TEST_CASE("control characters cannot break a JSON line", "[log]") {
  std::ostringstream out;
  const Log log = Log::to_stream(out, LogFormat::json, LogLevel::info);
  log.info("typed", {{"text", "line one\nline two\x1b[2J"}});
  const std::string line = out.str();
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  CHECK(nlohmann::json::parse(line)["text"] == "line one\nline two\x1b[2J");
}
