// A chat platform for tests: records what it is asked to deliver and answers as the test scripts it.
#pragma once

#include <deque>
#include <functional>
#include <mutex>

#include "bot/core/platform/chat_platform.hpp"

namespace baton::test {

class FakePlatform final : public ChatPlatform {
 public:
  struct Delivery {
    Destination to;
    Message message;
    DeliveryAttempt attempt{};
  };

  explicit FakePlatform(Platform platform = Platform::slack, Pacing pacing = {})
      : platform_(platform), pacing_(pacing) {}

  Platform platform() const override { return platform_; }
  Pacing pacing(const Destination& /*to*/) const override { return pacing_; }

  boost::asio::awaitable<DeliveryResult> deliver(const Destination& to, const Message& message,
                                                 const DeliveryAttempt& attempt) override {
    const std::lock_guard lock(mutex_);
    attempts_.push_back({to, message, attempt});
    DeliveryResult result;
    if (!script_.empty()) {
      result = script_.front();
      script_.pop_front();
    } else {
      result.delivered = true;
    }
    if (result.delivered) {
      delivered_.push_back({to, message, attempt});
      if (!result.message_id) result.message_id = "m" + std::to_string(delivered_.size());
    }
    co_return result;
  }

  // The next deliveries answer these, in order; after them, every delivery succeeds.
  void answer(DeliveryResult result) {
    const std::lock_guard lock(mutex_);
    script_.push_back(std::move(result));
  }
  static DeliveryResult temporary(std::string error,
                                  std::optional<std::chrono::milliseconds> retry_after = {}) {
    DeliveryResult r;
    r.retryable = true;
    r.error = std::move(error);
    r.retry_after = retry_after;
    return r;
  }
  static DeliveryResult permanent(std::string error) {
    DeliveryResult r;
    r.error = std::move(error);
    return r;
  }

  // The first line of each delivered message, in delivery order.
  std::vector<std::string> delivered_texts() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const Delivery& d : delivered_)
      out.push_back(d.message.summary());
    return out;
  }
  std::size_t attempts() const {
    const std::lock_guard lock(mutex_);
    return attempts_.size();
  }
  // Every delivery asked for, delivered or not, with what the outbox said of it.
  std::vector<Delivery> tried() const {
    const std::lock_guard lock(mutex_);
    return attempts_;
  }

 private:
  Platform platform_;
  Pacing pacing_;
  mutable std::mutex mutex_;
  std::deque<DeliveryResult> script_;
  std::vector<Delivery> attempts_;
  std::vector<Delivery> delivered_;
};

}  // namespace baton::test
