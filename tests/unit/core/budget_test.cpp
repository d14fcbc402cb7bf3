// within_budget: a command's answer goes in the response when it comes within the platform's deadline,
// and to the late path when it does not. Driven with io.poll() only, so that a wait that should not
// happen shows as a missing answer instead of a slow test.
#include "bot/core/commands/budget.hpp"

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>

namespace baton {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

struct Outcome {
  bool answered = false;
  std::optional<std::string> result;
  std::vector<std::string> late;
};

// Starts within_budget for `work` and runs whatever is ready, never waiting.
void start(asio::io_context& io, Outcome& outcome, std::function<asio::awaitable<std::string>()> work,
           std::chrono::milliseconds budget) {
  LateAnswer<std::string> late = [&outcome](std::string result) -> asio::awaitable<void> {
    outcome.late.push_back(std::move(result));
    co_return;
  };
  auto request = [&outcome, work = std::move(work), budget, late]() -> asio::awaitable<void> {
    outcome.result = co_await within_budget<std::string>(work, budget, late);
    outcome.answered = true;
  };
  asio::co_spawn(io, request(), asio::detached);
  io.poll();
}

}  // namespace

TEST_CASE("work that finishes without suspending is answered at once, not at the end of the budget",
          "[budget]") {
  asio::io_context io;
  Outcome outcome;
  const auto work = []() -> asio::awaitable<std::string> { co_return "12 orders"; };
  start(io, outcome, work, std::chrono::hours(1));
  REQUIRE(outcome.answered);
  CHECK(outcome.result == "12 orders");
  CHECK(outcome.late.empty());
}

TEST_CASE("work that suspends and finishes within the budget is answered in the response", "[budget]") {
  asio::io_context io;
  Outcome outcome;
  const auto work = []() -> asio::awaitable<std::string> {
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    co_return "handoff H-7 opened";
  };
  start(io, outcome, work, std::chrono::hours(1));
  REQUIRE(outcome.answered);
  CHECK(outcome.result == "handoff H-7 opened");
  CHECK(outcome.late.empty());
}

TEST_CASE("work past the budget is acknowledged empty, and its result goes to the late answer once",
          "[budget]") {
  asio::io_context io;
  Outcome outcome;
  // The work waits on a gate the test opens once the budget (none at all) has run out.
  asio::steady_timer gate(io, asio::steady_timer::time_point::max());
  const auto work = [&gate]() -> asio::awaitable<std::string> {
    co_await gate.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return "digest sent";
  };
  start(io, outcome, work, 0ms);
  for (int i = 0; i < 100 && !outcome.answered; ++i)
    io.poll();
  REQUIRE(outcome.answered);
  CHECK_FALSE(outcome.result.has_value());
  CHECK(outcome.late.empty());

  gate.cancel();
  io.poll();
  CHECK(outcome.late == std::vector<std::string>{"digest sent"});
}

TEST_CASE("a late command is recorded before its answer goes out, without holding the acknowledgement",
          "[budget]") {
  asio::io_context io;
  Outcome outcome;
  std::vector<std::string> order;
  // The work and the record each wait on a gate the test opens.
  asio::steady_timer work_gate(io, asio::steady_timer::time_point::max());
  asio::steady_timer record_gate(io, asio::steady_timer::time_point::max());
  const std::function<asio::awaitable<std::string>()> work = [&]() -> asio::awaitable<std::string> {
    co_await work_gate.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return "handoff H-8 opened";
  };
  const LateAnswer<std::string> late = [&](std::string result) -> asio::awaitable<void> {
    order.push_back("answer: " + result);
    co_return;
  };
  const OnLate record = [&]() -> asio::awaitable<void> {
    co_await record_gate.async_wait(asio::as_tuple(asio::use_awaitable));
    order.emplace_back("recorded");
  };
  auto request = [&]() -> asio::awaitable<void> {
    outcome.result = co_await within_budget<std::string>(work, 0ms, late, record, 0ms);
    outcome.answered = true;
  };
  asio::co_spawn(io, request(), asio::detached);
  // The record is slow: the acknowledgement does not wait past its own small budget (none here).
  for (int i = 0; i < 100 && !outcome.answered; ++i)
    io.poll();
  REQUIRE(outcome.answered);
  CHECK_FALSE(outcome.result.has_value());
  // The work finishes first, but its answer waits for the record.
  work_gate.cancel();
  io.poll();
  CHECK(order.empty());
  record_gate.cancel();
  io.poll();
  CHECK(order == std::vector<std::string>{"recorded", "answer: handoff H-8 opened"});
}

}  // namespace baton
