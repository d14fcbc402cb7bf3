// `baton console` as the README runs it: through a pipe, and at a terminal.
#include <thread>

#include <catch2/catch.hpp>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/binary.hpp"

using namespace baton;
using namespace std::chrono_literals;

TEST_CASE("the README's console pipe prints the role map in the member's language and exits 0",
          "[binary][console]") {
  test::TempDir dir;
  // printf '/baton team\n' | build/baton console --config deploy/examples/baton.yaml
  const auto done = test::run_to_end(BATON_BINARY,
                                     {"console", "--config", BATON_EXAMPLE_CONFIG, "--store",
                                      (dir / "b.db").string(), "--listen", "127.0.0.1:0"},
                                     "/baton team\n");
  INFO(done.err);
  CHECK(done.status == 0);
  // console.user is sophie, who reads French.
  CHECK_THAT(done.out, Catch::StartsWith(
                           "baton → #console (only @sophie sees this)\n  Organisation — Maison Lumière\n"));
  CHECK_THAT(done.out, Catch::Contains("  Logistique\n  Référent : Karim Benali\n"));
  CHECK_THAT(done.out, Catch::Contains("  Canal : #logistique"));
  CHECK_THAT(done.out, Catch::Contains("Services : 4 · Personnes : 13"));
  CHECK_THAT(done.err, Catch::Contains("event=stopped"));
  CHECK_FALSE(std::filesystem::exists(dir / "b.db-wal"));  // the store was closed
}

TEST_CASE("an English-speaking member reads English", "[binary][console]") {
  test::TempDir dir;
  const auto done = test::run_to_end(BATON_BINARY,
                                     {"console", "--config", BATON_EXAMPLE_CONFIG, "--store",
                                      (dir / "b.db").string(), "--listen", "127.0.0.1:0", "--user", "emma"},
                                     "/baton team logistique\n/baton whoami\n");
  CHECK(done.status == 0);
  CHECK_THAT(done.out, Catch::Contains("  Logistics\n  ========="));
  CHECK_THAT(done.out,
             Catch::Contains("Time zone : Europe/London") || Catch::Contains("Time zone: Europe/London"));
}

TEST_CASE("a language chosen in one session is kept in the next", "[binary][console]") {
  test::TempDir dir;
  const std::vector<std::string> args{"console",
                                      "--config",
                                      BATON_EXAMPLE_CONFIG,
                                      "--store",
                                      (dir / "b.db").string(),
                                      "--listen",
                                      "127.0.0.1:0",
                                      "--user",
                                      "emma"};
  CHECK(test::run_to_end(BATON_BINARY, args, "/baton language fr\n").status == 0);
  const auto later = test::run_to_end(BATON_BINARY, args, "/baton whoami\n");
  CHECK_THAT(later.out, Catch::Contains("Ce que baton sait de vous"));
}

TEST_CASE("SIGTERM ends a console waiting for input, cleanly", "[binary][console][shutdown]") {
  test::RunningBaton baton(test::kSmallOrg + "log: {format: logfmt}\n", "console");
  baton.process->write_stdin("/baton whoami\n");
  REQUIRE(baton.process->wait_for_out("What baton knows about you"));
  baton.process->signal(SIGTERM);
  CHECK(baton.process->wait(15s) == 0);
}

TEST_CASE("at a terminal, the console greets, prompts, answers and leaves on Ctrl-D",
          "[binary][console][tty]") {
  test::TempDir dir;
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string store = (dir / "b.db").string();
    ::execl(BATON_BINARY, BATON_BINARY, "console", "--config", BATON_EXAMPLE_CONFIG, "--store", store.c_str(),
            "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string seen;
  const auto read_until = [&](const std::string& text) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (seen.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{master, POLLIN, 0};
      if (::poll(&p, 1, 100) > 0) {
        char chunk[4096];
        const ssize_t n = ::read(master, chunk, sizeof chunk);
        if (n <= 0) break;
        seen.append(chunk, static_cast<std::size_t>(n));
      }
    }
    return seen.find(text) != std::string::npos;
  };
  CHECK(read_until("baton console — you are Sophie Martin (sophie)"));
  CHECK(read_until("sophie> "));
  const std::string line = "/baton whoami\n";
  REQUIRE(::write(master, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
  CHECK(read_until("Ce que baton sait de vous"));
  const char eof = 4;  // Ctrl-D
  REQUIRE(::write(master, &eof, 1) == 1);
  // Keep draining the terminal so the child never blocks writing to it, until it has exited.
  int status = -1;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (::waitpid(pid, &status, WNOHANG) == 0 && std::chrono::steady_clock::now() < deadline) {
    pollfd p{master, POLLIN, 0};
    char chunk[4096];
    if (::poll(&p, 1, 10) > 0 && ::read(master, chunk, sizeof chunk) <= 0) {
      std::this_thread::sleep_for(10ms);  // the terminal is closed: the child is exiting
    }
  }
  ::close(master);
  INFO(seen);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
