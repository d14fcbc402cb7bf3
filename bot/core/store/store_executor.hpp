// Runs Store calls on threads of their own, so a slow disk or a lock wait never stalls the network
// threads. Coroutines `co_await executor.run([](Store& s) { ... })` and resume on their own executor.
#pragma once

#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/store/store.hpp"

namespace baton {

class StoreExecutor {
 public:
  // Calls run on a thread of their own; one suits SQLite, which takes one writer at a time anyway.
  explicit StoreExecutor(Store& store) : StoreExecutor(std::vector<Store*>{&store}) {}
  // A pool: one thread for each store, each store one connection to the same database (PostgreSQL), so
  // that a slow call does not hold up the others. Every store must outlive this.
  explicit StoreExecutor(std::vector<Store*> stores)
      : stores_(stores),
        free_(std::move(stores)),
        pool_(std::in_place, free_.size()),
        executor_(pool_->get_executor()) {}
  // Calls run on `executor`: tests pass their own io_context, so that running it runs everything.
  StoreExecutor(Store& store, boost::asio::any_io_executor executor)
      : stores_{&store}, free_{&store}, executor_(std::move(executor)) {}
  ~StoreExecutor() { join(); }
  StoreExecutor(const StoreExecutor&) = delete;
  StoreExecutor& operator=(const StoreExecutor&) = delete;

  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F, Store&>> run(F work) {
    // The work travels as a parameter of the coroutine, not a lambda capture, so it lives in the
    // coroutine frame for as long as the call runs.
    co_return co_await boost::asio::co_spawn(executor_, invoke(*this, std::move(work)),
                                             boost::asio::use_awaitable);
  }

  // Waits for calls in flight to finish; after this, run() must not be called.
  void join() {
    if (pool_) pool_->join();
  }

  // How many calls can run at once.
  std::size_t size() const { return stores_.size(); }

 private:
  // A store no other thread is using, for the length of one call. As many threads as stores, and a call
  // never suspends while it holds one, so one is always free.
  class Borrowed {
   public:
    explicit Borrowed(StoreExecutor& owner) : owner_(owner) {
      const std::lock_guard lock(owner_.mutex_);
      store_ = owner_.free_.back();
      owner_.free_.pop_back();
    }
    ~Borrowed() {
      const std::lock_guard lock(owner_.mutex_);
      owner_.free_.push_back(store_);
    }
    Borrowed(const Borrowed&) = delete;
    Borrowed& operator=(const Borrowed&) = delete;
    Store& store() { return *store_; }

   private:
    StoreExecutor& owner_;
    Store* store_ = nullptr;
  };

  template <typename F>
  static boost::asio::awaitable<std::invoke_result_t<F, Store&>> invoke(StoreExecutor& owner, F work) {
    if (!owner.pool_) co_return work(*owner.stores_.front());  // the caller's executor: as it was
    Borrowed borrowed(owner);
    co_return work(borrowed.store());
  }

  std::vector<Store*> stores_;
  std::mutex mutex_;
  std::vector<Store*> free_;  // guarded by mutex_
  std::optional<boost::asio::thread_pool> pool_;
  boost::asio::any_io_executor executor_;
};

}  // namespace baton
