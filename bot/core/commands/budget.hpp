// Platforms give a request a deadline (Slack 3 s, a Teams outgoing webhook 5 s). A command that answers
// within its budget is answered in the response; one that does not is acknowledged, and its reply,
// when it comes, goes to `late` (through the outbox), so the platform never waits past its deadline.
// Before acknowledging a late one, `on_late` records it (a PendingCommand), and `late` waits for that.
// The budget and the wait for the record together stay under the deadline.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace baton {

template <class Result>
using LateAnswer = std::function<boost::asio::awaitable<void>(Result)>;
using OnLate = std::function<boost::asio::awaitable<void>()>;

namespace budget_detail {

// Shared by the request, which waits at most the budget, and the work it started. Both run on the same
// executor (the connection's strand), so the flags need no lock.
template <class Result>
struct Pending {
  explicit Pending(const boost::asio::any_io_executor& executor)
      : done(executor, boost::asio::steady_timer::time_point::max()),
        noted(executor, boost::asio::steady_timer::time_point::max()) {}
  boost::asio::steady_timer done;
  boost::asio::steady_timer noted;  // cancelled once on_late has run
  bool late = false;                // the request was answered before the work finished
  bool late_noted = false;          // ... and on_late has run
  std::optional<Result> result;
};

// Parameters by value: a coroutine keeps them in its frame; references would dangle after the caller's
// first suspension.
template <class Result>
boost::asio::awaitable<void> run(std::shared_ptr<Pending<Result>> pending,
                                 std::function<boost::asio::awaitable<Result>()> work,
                                 LateAnswer<Result> late) {
  Result result = co_await work();
  if (!pending->late) {
    pending->result = std::move(result);
    pending->done.cancel();
    co_return;
  }
  // Its answer goes out only once the command is known to be pending, so that it is then forgotten.
  if (!pending->late_noted)
    co_await pending->noted.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  co_await late(std::move(result));
}

// Runs `on_late`, then lets the late answer through.
template <class Result>
boost::asio::awaitable<void> note(std::shared_ptr<Pending<Result>> pending, OnLate on_late,
                                  std::shared_ptr<boost::asio::steady_timer> waiting) {
  // Whatever on_late does (it logs its own failures), the answer is let through after it.
  struct LetThrough {
    Pending<Result>& pending;
    boost::asio::steady_timer& waiting;
    ~LetThrough() {
      pending.late_noted = true;
      pending.noted.cancel();
      waiting.cancel();
    }
  } let_through{*pending, *waiting};
  if (on_late) co_await on_late();
}

}  // namespace budget_detail

// The result when `work` finished within `budget`; nullopt when it did not (it goes on, and `late` gets
// its result, once `on_late` has finished). The request waits for `on_late` at most `note_budget` more:
// a store too slow to record it in that time must not make the platform's deadline pass too; the
// record is still made before the answer goes out. Call from the executor the request runs on.
template <class Result>
boost::asio::awaitable<std::optional<Result>> within_budget(
    std::function<boost::asio::awaitable<Result>()> work, std::chrono::milliseconds budget,
    LateAnswer<Result> late, OnLate on_late = {},
    std::chrono::milliseconds note_budget = std::chrono::milliseconds(400)) {
  namespace asio = boost::asio;
  auto executor = co_await asio::this_coro::executor;
  auto pending = std::make_shared<budget_detail::Pending<Result>>(executor);
  pending->done.expires_after(budget);
  asio::co_spawn(executor, budget_detail::run<Result>(pending, std::move(work), std::move(late)),
                 asio::detached);
  // co_spawn starts the work at once on this thread, so work that never suspends (a read on the
  // caller's own store connection) has finished here, and its cancel() came before any wait: waiting
  // now would last the whole budget.
  if (!pending->result) co_await pending->done.async_wait(asio::as_tuple(asio::use_awaitable));
  if (pending->result) co_return std::move(pending->result);
  pending->late = true;
  auto waiting = std::make_shared<asio::steady_timer>(executor, note_budget);
  asio::co_spawn(executor, budget_detail::note<Result>(pending, std::move(on_late), waiting), asio::detached);
  if (!pending->late_noted) co_await waiting->async_wait(asio::as_tuple(asio::use_awaitable));
  co_return std::nullopt;
}

}  // namespace baton
