// Runs Store calls on threads of their own, so a slow disk or a lock wait never stalls the network
// threads. Coroutines `co_await executor.run([](Store& s) { ... })` and resume on their own executor.
//
// Group commit: on a store that groups commits (SQLite), the calls waiting when the store's thread
// comes round run in one transaction and are answered only once it is committed, so one sync to disk
// covers many commands and none is answered before it is durable. With nothing waiting, a call runs on
// its own, as it would without grouping.
//
// Reads: a call that only reads may run on the calling thread instead (read()), on a read-only connection
// of that thread's own, when the store offers one (SQLite in WAL mode, where a reader never waits for the
// writer). A read command then costs no crossing to the store's thread and back: two thread wake-ups,
// about a sixth of its CPU time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core/store/store.hpp"

namespace baton {

class StoreExecutor {
 public:
  // Calls run on a thread of their own; one suits SQLite, which takes one writer at a time anyway.
  explicit StoreExecutor(Store& store);
  // A pool: one thread for each store, each store one connection to the same database (PostgreSQL), so
  // that a slow call does not hold up the others. Every store must outlive this.
  explicit StoreExecutor(std::vector<Store*> stores);
  // Calls run on `executor`, one at a time and never grouped: tests pass their own io_context, so that
  // running it runs everything.
  StoreExecutor(Store& store, boost::asio::any_io_executor executor);
  ~StoreExecutor();
  StoreExecutor(const StoreExecutor&) = delete;
  StoreExecutor& operator=(const StoreExecutor&) = delete;

  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F, Store&>> run(F work) {
    using Result = std::invoke_result_t<F, Store&>;
    // Named before the co_await: g++ 12 mishandles a lambda made inside a co_await expression.
    auto initiate = [this](auto handler, F call_work) {
      submit(std::make_unique<TypedCall<F, decltype(handler)>>(std::move(call_work), std::move(handler)));
    };
    auto held = co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                                     void(std::exception_ptr, std::optional<Held<Result>>)>(
        initiate, boost::asio::use_awaitable, std::move(work));
    if constexpr (!std::is_void_v<Result>) co_return std::move(*held);
  }

  // Runs `work`, which must only read, on the calling thread's own reader when the store offers readers;
  // otherwise as run() does. A reader sees what is committed; it never sees a call still in a group.
  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F, Store&>> read(F work) {
    if (Store* reader = reader_here()) co_return run_read(*reader, work);
    co_return co_await run(std::move(work));
  }

  // Runs the calls already submitted, then stops the threads and closes the readers; after this, run()
  // and read() must not be called.
  void join();

  // How many calls can run at once.
  std::size_t size() const { return stores_.size(); }

  // Calls run, and the transactions they were committed in: for the benchmarks and tests.
  struct Counts {
    std::int64_t calls = 0;
    std::int64_t groups = 0;  // groups of more than one call, each one commit
    std::int64_t grouped_calls = 0;
    std::int64_t reads = 0;  // read() calls run on their caller's thread
  };
  Counts counts() const;
  // Calls submitted and not yet taken by a store thread.
  std::size_t waiting() const;

 private:
  template <typename R>
  using Held = std::conditional_t<std::is_void_v<R>, std::monostate, R>;

  // One call waiting for, or running on, a store thread.
  class Call {
   public:
    virtual ~Call() = default;
    // Runs the work and keeps its result; throws what the work throws.
    virtual void invoke(Store& store) = 0;
    // The call's answer is this error, whatever it returned.
    virtual void fail(std::exception_ptr error) = 0;
    // Hands the answer to the waiting coroutine, on its own executor.
    virtual void finish() = 0;
  };

  template <typename F, typename Handler>
  class TypedCall final : public Call {
   public:
    using Result = std::invoke_result_t<F, Store&>;
    TypedCall(F work, Handler handler)
        : work_(std::move(work)),
          handler_(std::move(handler)),
          guard_(boost::asio::get_associated_executor(handler_)) {}

    void invoke(Store& store) override {
      if constexpr (std::is_void_v<Result>) {
        work_(store);
        result_.emplace();
      } else {
        result_.emplace(work_(store));
      }
    }
    void fail(std::exception_ptr error) override {
      error_ = std::move(error);
      result_.reset();
    }
    void finish() override {
      auto executor = guard_.get_executor();
      boost::asio::post(
          executor, [handler = std::move(handler_), error = error_, result = std::move(result_),
                     guard = std::move(guard_)]() mutable { std::move(handler)(error, std::move(result)); });
    }

   private:
    F work_;
    Handler handler_;
    // Keeps the caller's io_context running while the call waits on the store's thread.
    boost::asio::executor_work_guard<boost::asio::associated_executor_t<Handler>> guard_;
    std::optional<Held<Result>> result_;
    std::exception_ptr error_;
  };

  void submit(std::unique_ptr<Call> call);

  // This thread's reader, opened on its first read; null when the store has none (or it failed to open).
  Store* reader_here();
  // One transaction, so that a read of several statements sees one moment.
  template <typename F>
  std::invoke_result_t<F, Store&> run_read(Store& reader, F& work) {
    reads_.fetch_add(1, std::memory_order_relaxed);
    reader.begin_group();
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<F, Store&>>) {
        work(reader);
        reader.commit_group();
      } else {
        auto result = work(reader);
        reader.commit_group();
        return result;
      }
    } catch (...) {
      reader.rollback_group();
      throw;
    }
  }
  // A store thread's loop: takes the waiting calls (all of them, on a store that groups commits) and
  // runs them until join().
  void serve(Store& store);
  void run_alone(Store& store, Call& call);
  void run_group(Store& store, std::vector<std::unique_ptr<Call>>& calls);

  std::vector<Store*> stores_;
  std::optional<boost::asio::any_io_executor> inline_;  // the tests' own executor, when given
  mutable std::mutex mutex_;
  std::condition_variable waiting_;
  std::deque<std::unique_ptr<Call>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  Counts counts_;                            // guarded by mutex_
  std::vector<std::thread> threads_;

  const std::uint64_t id_;  // tells this executor's readers from another's in reader_here()'s cache
  std::atomic<bool> readers_open_;
  std::atomic<std::int64_t> reads_{0};
  std::mutex readers_mutex_;
  std::map<std::thread::id, std::unique_ptr<Store>> readers_;  // guarded by readers_mutex_
};

}  // namespace baton
