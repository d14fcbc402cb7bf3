// The outbox: everything baton sends on its own initiative is stored here first, then delivered by a
// worker, lane by lane (a channel, a person), in order, at the pace the platform allows. A platform's
// temporary refusal (rate limit, outage, network) is retried with backoff; a permanent one is recorded
// with its reason and not retried; a message that cannot be delivered within outbox.max_age is given up.
// Because it is stored before anything else happens, a message survives a crash and is sent after restart.
#pragma once

#include <functional>
#include <map>
#include <random>
#include <set>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core/clock/clock.hpp"
#include "bot/core/config/config.hpp"
#include "bot/core/log/log.hpp"
#include "bot/core/metrics/metrics.hpp"
#include "bot/core/platform/chat_platform.hpp"
#include "bot/core/store/store_executor.hpp"

namespace baton {

// Counts an event or activity given up (unreadable, or failing every try): baton_events_given_up_total.
void count_given_up(Metrics& metrics, Platform platform);

class Outbox {
 public:
  // Several instances sharing the store each send what they claim under `lease` (see Store::Lease).
  Outbox(const boost::asio::any_io_executor& executor, StoreExecutor& store, const Clock& clock,
         OutboxConfig config, Metrics& metrics, Log log, Lease lease = {});
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Platforms messages can go to; a message for another platform is marked failed.
  void add_platform(ChatPlatform& platform);

  // Stores the message (created_at defaults to now) and wakes the worker. Returns false when a message
  // with the same key was stored before: it is not stored or sent again.
  boost::asio::awaitable<bool> enqueue(OutboxItem item);
  // The same for the answer to a command that was pending (PendingCommand), which it forgets in the same
  // transaction: once the answer is stored, nobody need be told it never came.
  boost::asio::awaitable<bool> enqueue_answer(OutboxItem item, std::string pending_key);
  // Records that `command` is owed an answer, before a slow command is acknowledged (within_budget's
  // on_late). A store that cannot is logged, not thrown: the acknowledgement must go all the same.
  boost::asio::awaitable<void> owe_answer(PendingCommand command);

  // Called once when a person is first found unreachable on a platform (see DeliveryResult), with the
  // message that could not be delivered and why.
  using UnreachableHandler = std::function<boost::asio::awaitable<void>(OutboxItem, std::string)>;
  void on_unreachable(UnreachableHandler handler) { on_unreachable_ = std::move(handler); }

  // Wakes the worker for messages stored another way: a ritual occurrence stores its messages together
  // with its record, in one transaction.
  void wake();

  // Starts the worker: what is already due (a backlog from before a restart) goes out first.
  void start();
  // Stops taking messages from the store, lets deliveries in progress finish, and returns.
  boost::asio::awaitable<void> stop();

  // Most lanes delivering at once.
  static constexpr std::size_t kMaxParallelLanes = 32;

 private:
  struct Bucket {
    double tokens = 0;
    SteadyTime refilled{};
    bool initialised = false;
  };

  boost::asio::awaitable<void> run();
  boost::asio::awaitable<bool> begin_stop();  // on the strand: true once nothing is running
  boost::asio::awaitable<void> run_lane(std::string lane);
  boost::asio::awaitable<void> wait_for_pace(const std::string& lane, const Pacing& pacing);
  boost::asio::awaitable<void> update_gauges();
  std::chrono::milliseconds backoff(int attempts);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  StoreExecutor& store_;
  const Clock& clock_;
  OutboxConfig config_;
  Lease lease_;
  Metrics& metrics_;
  Log log_;
  std::map<Platform, ChatPlatform*> platforms_;
  UnreachableHandler on_unreachable_;

  // Touched only on the strand.
  boost::asio::steady_timer wake_timer_;
  bool wake_pending_ = false;
  bool stopping_ = false;
  bool running_ = false;
  std::set<std::string> active_lanes_;
  std::map<std::string, Bucket> buckets_;
  std::mt19937 random_{std::random_device{}()};
  SysTime last_prune_{};
  SysTime last_gauges_{};
};

}  // namespace baton
