// Runs Store calls on a thread of their own, so a slow disk or a lock wait never stalls the network
// threads. Coroutines `co_await executor.run([](Store& s) { ... })` and resume on their own executor.
#pragma once

#include <optional>
#include <type_traits>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/store/store.hpp"

namespace baton {

class StoreExecutor {
 public:
  // Calls run on threads of their own; one suits SQLite, which takes one writer at a time anyway.
  explicit StoreExecutor(Store& store, std::size_t threads = 1)
      : store_(store), pool_(std::in_place, threads), executor_(pool_->get_executor()) {}
  // Calls run on `executor`: tests pass their own io_context, so that running it runs everything.
  StoreExecutor(Store& store, boost::asio::any_io_executor executor)
      : store_(store), executor_(std::move(executor)) {}
  ~StoreExecutor() { join(); }
  StoreExecutor(const StoreExecutor&) = delete;
  StoreExecutor& operator=(const StoreExecutor&) = delete;

  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F, Store&>> run(F work) {
    // The work travels as a parameter of the coroutine, not a lambda capture, so it lives in the
    // coroutine frame for as long as the call runs.
    co_return co_await boost::asio::co_spawn(executor_, invoke(store_, std::move(work)),
                                             boost::asio::use_awaitable);
  }

  // Waits for calls in flight to finish; after this, run() must not be called.
  void join() {
    if (pool_) pool_->join();
  }

  Store& store() { return store_; }

 private:
  template <typename F>
  static boost::asio::awaitable<std::invoke_result_t<F, Store&>> invoke(Store& store, F work) {
    co_return work(store);
  }

  Store& store_;
  std::optional<boost::asio::thread_pool> pool_;
  boost::asio::any_io_executor executor_;
};

}  // namespace baton
