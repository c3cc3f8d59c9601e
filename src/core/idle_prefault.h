// A region of memory faulted in ahead of use by a thread of idle priority.
//
// The first touch of fresh anonymous memory costs a page fault and the
// zeroing of the page; on the 2-core VMs this project runs on that is about
// 1 ms per 2 MiB page, some 5% of a MedQuAD build's samples. The same build
// leaves a core idle for 100 ms or more at the serial edges of its stages.
// A SCHED_IDLE thread runs only then: it populates the region (the program
// hands it to its allocator) front to back, so that later stages find their
// pages already in. See docs/decisions.md, "Allocator".
#pragma once

#include <atomic>
#include <cstddef>
#include <ctime>
#include <functional>
#include <thread>

namespace topichub {

class IdlePrefaultedRegion {
 public:
  // Reserves `size` bytes of address space aligned to `alignment` (a power
  // of two), asks for transparent huge pages in it, and starts a thread of
  // idle priority that calls `budget` and populates that many bytes of the
  // region from its start (the budget is computed there: it may read files,
  // which then costs only idle time). Without the address space, data() is
  // null and no thread starts.
  IdlePrefaultedRegion(size_t size, size_t alignment, std::function<size_t()> budget);
  IdlePrefaultedRegion(const IdlePrefaultedRegion&) = delete;
  IdlePrefaultedRegion& operator=(const IdlePrefaultedRegion&) = delete;
  // Stops the thread (within one 2 MiB step). The mapping stays for the
  // rest of the process: the allocator given it still hands out its memory.
  ~IdlePrefaultedRegion();

  std::byte* data() const { return data_; }
  size_t size() const { return size_; }
  // Bytes populated so far, from data() on.
  size_t populated() const { return populated_.load(std::memory_order_acquire); }
  // Whether the thread has stopped: budget reached, told to stop, or the
  // kernel cannot populate (MADV_POPULATE_WRITE is Linux 5.14 and later).
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  // CPU time the populating thread has used so far, in ms (0 without one):
  // the build's own CPU time is the process's less this.
  double thread_cpu_ms() const;

 private:
  void populate(const std::function<size_t()>& budget);

  std::byte* data_ = nullptr;
  size_t size_ = 0;
  std::atomic<size_t> populated_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> finished_{false};
  clockid_t cpu_clock_{};
  std::atomic<bool> cpu_clock_ready_{false};
  double final_cpu_ms_ = 0;  // set before finished_
  std::thread thread_;  // last: started once the rest is set up
};

}  // namespace topichub
