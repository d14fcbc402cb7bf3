// The worker loop asks the store which lanes have a message due, starts a lane coroutine for each lane
// not already running, then sleeps until the next message falls due or something is enqueued. A lane
// sends its head, then the next, until its head is not due (waiting for a retry) or it is empty. Everything
// but store calls and deliveries runs on one strand, so the bookkeeping needs no locks.
#include "bot/core/outbox/outbox.hpp"

#include <cmath>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace baton {
namespace {

namespace asio = boost::asio;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Even with nothing due, look again now and then: the gauges in /metrics stay fresh, and another process
// (a second instance, later) may have changed the store.
constexpr std::chrono::seconds kLongestSleep{15};
constexpr std::chrono::hours kPruneEvery{1};
constexpr std::chrono::seconds kGaugesEvery{1};
constexpr std::chrono::hours kKeepFor{7 * 24};

std::string describe_age(std::chrono::milliseconds age) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(age).count();
  if (minutes >= 120) return std::to_string(minutes / 60) + " h";
  return std::to_string(minutes) + " min";
}

}  // namespace

Outbox::Outbox(const asio::any_io_executor& executor, StoreExecutor& store, const Clock& clock,
               OutboxConfig config, Metrics& metrics, Log log, Lease lease)
    : strand_(asio::make_strand(executor)),
      store_(store),
      clock_(clock),
      config_(config),
      lease_(std::move(lease)),
      metrics_(metrics),
      log_(std::move(log)),
      wake_timer_(strand_, asio::steady_timer::time_point::max()) {}

void Outbox::add_platform(ChatPlatform& platform) {
  platforms_[platform.platform()] = &platform;
}

void count_given_up(Metrics& metrics, Platform platform) {
  metrics
      .counter("baton_events_given_up_total",
               "Events and activities given up: unreadable, or failing every time they were tried",
               {{"platform", std::string(to_string(platform))}})
      .add();
}

asio::awaitable<bool> Outbox::enqueue(OutboxItem item) {
  if (item.created_at == SysTime{}) item.created_at = clock_.now();
  const auto store_item = [item](Store& store) { return store.enqueue(item); };
  const bool stored = co_await store_.run(store_item);
  if (stored) wake();
  co_return stored;
}

asio::awaitable<bool> Outbox::enqueue_answer(OutboxItem item, std::string pending_key) {
  if (item.created_at == SysTime{}) item.created_at = clock_.now();
  const auto store_item = [item, pending_key](Store& store) {
    return store.enqueue_answer(item, pending_key);
  };
  const bool stored = co_await store_.run(store_item);
  if (stored) wake();
  co_return stored;
}

asio::awaitable<void> Outbox::owe_answer(PendingCommand command) {
  try {
    const auto save = [command](Store& store) {
      store.save_pending_command(command);
      return true;
    };
    co_await store_.run(save);
  } catch (const std::exception& e) {
    log_.error("slow command not recorded; if baton stops before answering it, nobody is told",
               {{"key", command.key}, {"error", e.what()}});
  }
}

void Outbox::wake() {
  asio::post(strand_, [this] {
    wake_pending_ = true;
    wake_timer_.cancel();
  });
}

void Outbox::start() {
  running_ = true;
  asio::co_spawn(strand_, run(), [this](const std::exception_ptr& error) {
    running_ = false;
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        log_.error("outbox worker stopped", {{"error", e.what()}});
      }
    }
  });
}

asio::awaitable<bool> Outbox::begin_stop() {
  stopping_ = true;
  wake_timer_.cancel();
  co_return active_lanes_.empty() && !running_;
}

asio::awaitable<void> Outbox::stop() {
  // Lanes finish the delivery they are in; nothing new starts. Bounded: a delivery has its own timeouts.
  asio::steady_timer poll(co_await asio::this_coro::executor);
  for (int i = 0; i < 3000; ++i) {
    if (co_await asio::co_spawn(strand_, begin_stop(), asio::use_awaitable)) break;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(kUseTuple);
  }
}

std::chrono::milliseconds Outbox::backoff(int attempts) {
  // Exponential from retry_min, capped at retry_max, with full jitter over its upper half so that many
  // messages failing together do not all come back together.
  const double base = static_cast<double>(config_.retry_min.count()) * std::pow(2.0, std::min(attempts, 30));
  const double capped = std::min(base, static_cast<double>(config_.retry_max.count()));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(capped * jitter(random_)));
}

asio::awaitable<void> Outbox::wait_for_pace(const std::string& lane, const Pacing& pacing) {
  if (pacing.interval.count() <= 0) co_return;
  Bucket& bucket = buckets_[lane];
  const auto now = clock_.monotonic();
  const double capacity = std::max(1, pacing.burst);
  if (!bucket.initialised) {
    bucket = {capacity, now, true};
  } else {
    const double earned = std::chrono::duration<double>(now - bucket.refilled) / pacing.interval;
    bucket.tokens = std::min(capacity, bucket.tokens + earned);
    bucket.refilled = now;
  }
  if (bucket.tokens < 1) {
    const auto wait =
        std::chrono::duration_cast<std::chrono::milliseconds>((1 - bucket.tokens) * pacing.interval);
    co_await clock_.sleep_until(clock_.now() + wait);
    bucket.tokens = 1;
    bucket.refilled = clock_.monotonic();
  }
  bucket.tokens -= 1;
}

asio::awaitable<void> Outbox::run_lane(std::string lane) {
  try {
    // After a delivery, the lane's next head is claimed in the same call to the store that marks the
    // message sent: one crossing per message rather than two.
    std::optional<OutboxItem> claimed_next;
    bool next_claimed = false;
    while (!stopping_) {
      // The claim covers pacing and delivery; another instance sends the message only if this one dies
      // (or hangs) for longer than the lease.
      const SysTime now = clock_.now();
      std::optional<OutboxItem> head;
      if (next_claimed) {
        head = std::exchange(claimed_next, std::nullopt);
        next_claimed = false;
      } else {
        const auto claim_head = [lane, holder = lease_.holder, now, until = now + lease_.length](
                                    Store& store) { return store.claim_lane_head(lane, holder, now, until); };
        head = co_await store_.run(claim_head);
      }
      if (!head) break;  // nothing due, or another instance is sending it
      const std::string platform_name(to_string(head->platform));
      const Log item_log =
          log_.with({{"outbox_id", head->id},
                     {"platform", platform_name},
                     {"lane", head->destination.kind == Destination::Kind::response ? "response" : lane}});

      const auto platform = platforms_.find(head->platform);
      if (platform == platforms_.end()) {
        const std::string error = platform_name + " is not configured in this baton";
        const auto fail = [id = head->id, now, error](Store& store) {
          store.mark_failed(id, now, error);
          return true;
        };
        co_await store_.run(fail);
        metrics_
            .counter("baton_outbox_failed_total", "Messages given up on",
                     {{"platform", platform_name}, {"reason", "no_platform"}})
            .add();
        item_log.error("outbox message failed", {{"error", error}});
        continue;
      }

      // An update of a message queued earlier in this lane: its platform id is known once it was sent (an
      // empty one when its platform gives none, as a Teams Workflows post: the platform says the change
      // another way).
      Destination to = head->destination;
      if (to.kind == Destination::Kind::update && to.message_id.empty() && !to.original_key.empty()) {
        const auto find = [key = to.original_key](Store& store) { return store.sent_message_id(key); };
        const std::optional<std::string> original = co_await store_.run(find);
        if (!original) {
          const auto fail = [id = head->id, now](Store& store) {
            store.mark_failed(id, now, "the message to update was never sent");
            return true;
          };
          co_await store_.run(fail);
          item_log.warn("outbox update dropped: its message was never sent", {{"original", to.original_key}});
          continue;
        }
        to.message_id = *original;
      }

      co_await wait_for_pace(lane, platform->second->pacing(to));
      const DeliveryAttempt attempt{head->key, head->in_doubt, head->created_at};
      const DeliveryResult result = co_await platform->second->deliver(to, head->message, attempt);
      const SysTime after = clock_.now();

      if (result.delivered) {
        // Stopping, the next head is left unclaimed for whoever runs next.
        const auto sent = [id = head->id, after, message_id = result.message_id, lane, holder = lease_.holder,
                           until = after + lease_.length, claim = !stopping_](Store& store) {
          store.mark_sent(id, after, message_id);
          return claim ? store.claim_lane_head(lane, holder, after, until) : std::nullopt;
        };
        claimed_next = co_await store_.run(sent);
        next_claimed = true;
        metrics_.counter("baton_outbox_sent_total", "Messages delivered", {{"platform", platform_name}})
            .add();
        if (result.already_there) {
          metrics_
              .counter("baton_outbox_found_delivered_total",
                       "Messages cut off by a restart that the platform had already received: not sent again",
                       {{"platform", platform_name}})
              .add();
          item_log.info("outbox message cut off by a restart was already delivered; not sent again");
        }
        const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(after - head->created_at);
        metrics_
            .histogram("baton_outbox_delivery_seconds", "From storing a message to its delivery",
                       Metrics::latency_buckets(), {{"platform", platform_name}})
            .observe(std::chrono::duration<double>(age).count());
        continue;
      }

      const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(after - head->created_at);
      const auto wait = result.retry_after.value_or(backoff(head->attempts));
      if (result.retryable && age + wait <= config_.max_age) {
        const SysTime next = after + wait;
        const auto retry = [id = head->id, next, error = result.error](Store& store) {
          store.mark_retry(id, next, error);
          return true;
        };
        co_await store_.run(retry);
        metrics_
            .counter("baton_outbox_retried_total", "Deliveries to be tried again",
                     {{"platform", platform_name}})
            .add();
        item_log.warn(
            "outbox delivery will be retried",
            {{"error", result.error}, {"attempt", head->attempts + 1}, {"retry_in_ms", wait.count()}});
        break;  // the lane waits for its head
      }

      const std::string error = result.retryable
                                    ? "gave up after " + std::to_string(head->attempts + 1) +
                                          " attempts over " + describe_age(age) + ": " + result.error
                                    : result.error;
      const bool unreachable = result.unreachable && !head->destination.member.empty();
      const auto failed = [id = head->id, after, error, unreachable, platform = head->platform,
                           member = head->destination.member](Store& store) {
        store.mark_failed(id, after, error);
        // True the first time this person is found unreachable: then, and only then, someone is told.
        return unreachable && store.set_unreachable(platform, member, error, after);
      };
      const bool newly_unreachable = co_await store_.run(failed);
      if (newly_unreachable && on_unreachable_) co_await on_unreachable_(*head, error);
      metrics_
          .counter("baton_outbox_failed_total", "Messages given up on",
                   {{"platform", platform_name}, {"reason", result.retryable ? "expired" : "refused"}})
          .add();
      item_log.error("outbox message failed", {{"error", error}});
    }
  } catch (const std::exception& e) {
    // The store is down: the message stays pending and the worker tries again later.
    log_.error("outbox lane interrupted", {{"error", e.what()}});
  }
  active_lanes_.erase(lane);
  wake();
}

asio::awaitable<void> Outbox::update_gauges() {
  const auto read_stats = [](Store& store) { return store.outbox_stats(); };
  const OutboxStats stats = co_await store_.run(read_stats);
  metrics_.gauge("baton_outbox_pending", "Messages waiting to be delivered")
      .set(static_cast<double>(stats.pending));
  metrics_.gauge("baton_outbox_failed", "Messages given up on and kept for inspection")
      .set(static_cast<double>(stats.failed));
  const double oldest = stats.oldest_pending
                            ? std::chrono::duration<double>(clock_.now() - *stats.oldest_pending).count()
                            : 0.0;
  metrics_.gauge("baton_outbox_oldest_pending_age_seconds", "How long the oldest waiting message has waited")
      .set(oldest);
}

asio::awaitable<void> Outbox::run() {
  using namespace asio::experimental::awaitable_operators;
  while (!stopping_) {
    SysTime wake_at = clock_.now() + kLongestSleep;
    try {
      const SysTime now = clock_.now();
      const std::size_t room = kMaxParallelLanes - std::min(kMaxParallelLanes, active_lanes_.size());
      const auto read_due = [now, room, holder = lease_.holder](Store& store) {
        return store.due_lanes(now, static_cast<int>(room + kMaxParallelLanes), holder);
      };
      const std::vector<std::string> due = co_await store_.run(read_due);
      for (const std::string& lane : due) {
        if (active_lanes_.size() >= kMaxParallelLanes) break;
        if (!active_lanes_.insert(lane).second) continue;
        asio::co_spawn(strand_, run_lane(lane), asio::detached);
      }
      // With every lane slot taken, a lane ending wakes the worker: when the next message falls due
      // matters only once there is room (and reading it costs a look at every lane).
      if (active_lanes_.size() < kMaxParallelLanes) {
        const auto read_next = [holder = lease_.holder](Store& store) { return store.next_due(holder); };
        if (const auto next = co_await store_.run(read_next); next && *next < wake_at) wake_at = *next;
      }
      // The gauges count the whole backlog: once a second is enough, and a pass that skips them comes
      // back in time to take them.
      if (now - last_gauges_ >= kGaugesEvery || now < last_gauges_) {
        last_gauges_ = now;
        co_await update_gauges();
      } else {
        wake_at = std::min(wake_at, last_gauges_ + kGaugesEvery);
      }
      if (now - last_prune_ > kPruneEvery) {
        last_prune_ = now;
        const auto prune = [before = now - kKeepFor](Store& store) { return store.prune(before); };
        if (const int removed = co_await store_.run(prune); removed > 0)
          log_.info("outbox pruned", {{"rows", removed}});
      }
    } catch (const std::exception& e) {
      log_.error("outbox worker cannot read the store; trying again", {{"error", e.what()}});
      wake_at = clock_.now() + std::chrono::seconds(5);
    }
    if (stopping_) break;
    if (wake_pending_) {
      wake_pending_ = false;
      continue;
    }
    // A lane already running will wake us when it ends; a due time before that is not ours to act on.
    if (wake_at <= clock_.now()) wake_at = clock_.now() + std::chrono::milliseconds(50);
    wake_timer_.expires_at(asio::steady_timer::time_point::max());
    co_await (clock_.sleep_until(wake_at) || wake_timer_.async_wait(kUseTuple));
    wake_pending_ = false;
  }
}

}  // namespace baton
