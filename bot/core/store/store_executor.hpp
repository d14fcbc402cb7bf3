// Runs Store calls on a thread of their own, so a slow disk or a lock wait never stalls the network
// threads. Coroutines `co_await executor.run([](Store& s) { ... })` and resume on their own executor.
#pragma once

#include <functional>
#include <type_traits>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/store/store.hpp"

namespace baton {

class StoreExecutor {
 public:
  // One thread: SQLite takes one writer at a time anyway, and one connection keeps it simple.
  explicit StoreExecutor(Store& store, std::size_t threads = 1) : store_(store), pool_(threads) {}
  ~StoreExecutor() { join(); }
  StoreExecutor(const StoreExecutor&) = delete;
  StoreExecutor& operator=(const StoreExecutor&) = delete;

  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F, Store&>> run(F work) {
    // The work travels as a parameter of the coroutine, not a lambda capture, so it lives in the
    // coroutine frame for as long as the call runs.
    co_return co_await boost::asio::co_spawn(pool_.get_executor(), invoke(store_, std::move(work)),
                                             boost::asio::use_awaitable);
  }

  // Waits for calls in flight to finish; after this, run() must not be called.
  void join() { pool_.join(); }

  Store& store() { return store_; }

 private:
  template <typename F>
  static boost::asio::awaitable<std::invoke_result_t<F, Store&>> invoke(Store& store, F work) {
    co_return work(store);
  }

  Store& store_;
  boost::asio::thread_pool pool_;
};

}  // namespace baton
