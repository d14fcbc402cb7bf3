#include "bot/core/store/store_executor.hpp"

namespace baton {

namespace {

// The most calls one transaction holds: enough that a burst of commands shares a few syncs, few enough
// that the first of them is not kept waiting long for the last.
constexpr std::size_t kMostGrouped = 256;

std::uint64_t next_executor_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

}  // namespace

StoreExecutor::StoreExecutor(Store& store) : StoreExecutor(std::vector<Store*>{&store}) {}

// Readers for one writer only: a pool's sessions (PostgreSQL) already run calls side by side.
StoreExecutor::StoreExecutor(std::vector<Store*> stores)
    : stores_(std::move(stores)), id_(next_executor_id()), readers_open_(stores_.size() == 1) {
  threads_.reserve(stores_.size());
  for (Store* store : stores_)
    threads_.emplace_back([this, store] { serve(*store); });
}

// The tests' executor runs everything on their io_context, reads too.
StoreExecutor::StoreExecutor(Store& store, boost::asio::any_io_executor executor)
    : stores_{&store}, inline_(std::move(executor)), id_(next_executor_id()), readers_open_(false) {}

StoreExecutor::~StoreExecutor() {
  join();
}

void StoreExecutor::join() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  waiting_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  readers_open_ = false;
  const std::lock_guard lock(readers_mutex_);
  readers_.clear();
}

StoreExecutor::Counts StoreExecutor::counts() const {
  const std::lock_guard lock(mutex_);
  Counts counts = counts_;
  counts.reads = reads_.load(std::memory_order_relaxed);
  return counts;
}

Store* StoreExecutor::reader_here() {
  if (!readers_open_.load(std::memory_order_relaxed)) return nullptr;
  // Found once per thread and executor; the map is looked at again only when a thread serves several.
  thread_local std::uint64_t cached_for = 0;
  thread_local Store* cached = nullptr;
  if (cached_for == id_) return cached;
  const std::lock_guard lock(readers_mutex_);
  auto& reader = readers_[std::this_thread::get_id()];
  if (!reader) {
    try {
      reader = stores_.front()->open_reader();
    } catch (const StoreUnavailable&) {
      reader = nullptr;  // reads wait their turn on the store's thread, as other calls do
    }
  }
  cached_for = id_;
  cached = reader.get();
  return cached;
}

std::size_t StoreExecutor::waiting() const {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

void StoreExecutor::submit(std::unique_ptr<Call> call) {
  if (inline_) {
    Store& store = *stores_.front();
    boost::asio::post(*inline_, [this, &store, call = std::move(call)] {
      run_alone(store, *call);
      call->finish();
    });
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(call));
  }
  waiting_.notify_one();
}

void StoreExecutor::serve(Store& store) {
  // Grouping is for one writer: with several sessions (a pool) the calls are spread over them instead.
  const std::size_t most = store.groups_commits() && stores_.size() == 1 ? kMostGrouped : 1;
  for (;;) {
    std::vector<std::unique_ptr<Call>> calls;
    {
      std::unique_lock lock(mutex_);
      waiting_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every call submitted has run
      while (!queue_.empty() && calls.size() < most) {
        calls.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (calls.size() == 1) {
      run_alone(store, *calls.front());
    } else {
      run_group(store, calls);
    }
    for (const auto& call : calls)
      call->finish();
  }
}

void StoreExecutor::run_alone(Store& store, Call& call) {
  try {
    call.invoke(store);
  } catch (...) {
    call.fail(std::current_exception());
  }
  const std::lock_guard lock(mutex_);
  ++counts_.calls;
}

void StoreExecutor::run_group(Store& store, std::vector<std::unique_ptr<Call>>& calls) {
  {
    const std::lock_guard lock(mutex_);
    counts_.calls += static_cast<std::int64_t>(calls.size());
    counts_.grouped_calls += static_cast<std::int64_t>(calls.size());
    ++counts_.groups;
  }
  const auto fail_all = [&calls](std::size_t count, const std::exception_ptr& error) {
    for (std::size_t i = 0; i < count; ++i)
      calls[i]->fail(error);
  };
  try {
    store.begin_group();
  } catch (...) {
    fail_all(calls.size(), std::current_exception());
    return;
  }
  for (std::size_t i = 0; i < calls.size(); ++i) {
    Call& call = *calls[i];
    try {
      call.invoke(store);
    } catch (...) {
      call.fail(std::current_exception());
      if (!store.group_open()) {
        // The database ended the whole transaction (a full disk, an I/O error): the calls before
        // this one are undone with it, and the ones after it have not run. None is answered as done.
        fail_all(calls.size(), std::current_exception());
        return;
      }
    }
  }
  try {
    store.commit_group();
  } catch (...) {
    store.rollback_group();
    fail_all(calls.size(), std::current_exception());
  }
}

}  // namespace baton
