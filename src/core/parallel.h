// A parallel loop over an index range, for the embarrassingly parallel parts
// of a build (reading files, linking articles, rendering pages).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace topichub {

inline unsigned worker_count() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls body(worker, index) for every index in [0, count), spread over the
// machine's cores. `worker` is in [0, worker_count()) and lets callers keep
// per-thread state (e.g. compiled templates). Each worker takes its indexes
// in increasing order (the search index's vocabulary relies on it). The
// first exception is rethrown.
template <typename Body>
void parallel_for(size_t count, Body&& body) {
  unsigned workers = static_cast<unsigned>(std::min<size_t>(worker_count(), std::max<size_t>(count, 1)));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](unsigned worker) {
    try {
      for (size_t i = next++; i < count; i = next++) body(worker, i);
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

// A function run on a thread of its own while the caller goes on. join()
// waits for it and rethrows what it threw, as if it had run in the caller.
// Destroyed without join() (the caller returned early or is unwinding), it
// still waits, and what it threw is dropped.
class BackgroundTask {
 public:
  template <typename Function>
  explicit BackgroundTask(Function&& function)
      : thread_([this, function = std::forward<Function>(function)]() mutable {
          try {
            function();
          } catch (...) {
            failure_ = std::current_exception();
          }
        }) {}
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;
  ~BackgroundTask() {
    if (thread_.joinable()) thread_.join();
  }

  void join() {
    thread_.join();
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  std::exception_ptr failure_;  // before thread_: set up before the thread starts
  std::thread thread_;
};

}  // namespace topichub
