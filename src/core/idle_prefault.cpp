#include "core/idle_prefault.h"

#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <ctime>

namespace topichub {
namespace {

// One transparent huge page per step: the thread checks for a stop between
// steps, and the kernel can switch to a normal thread within one.
constexpr size_t kStep = size_t{2} << 20;

}  // namespace

IdlePrefaultedRegion::IdlePrefaultedRegion(size_t size, size_t alignment, std::function<size_t()> budget) {
  // Address space only: MAP_NORESERVE, and nothing is touched but what the
  // thread or the allocator's users touch.
  void* mapped = ::mmap(nullptr, size + alignment, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) {
    finished_ = true;
    return;
  }
  auto address = reinterpret_cast<uintptr_t>(mapped);
  auto aligned = (address + alignment - 1) & ~(uintptr_t{alignment} - 1);
  data_ = reinterpret_cast<std::byte*>(aligned);
  size_ = size;
  ::madvise(data_, size_, MADV_HUGEPAGE);  // a hint: without THP the pages are 4 KiB
  thread_ = std::thread([this, budget = std::move(budget)] { populate(budget); });
}

IdlePrefaultedRegion::~IdlePrefaultedRegion() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

double IdlePrefaultedRegion::thread_cpu_ms() const {
  // A finished thread's clock is gone with it: its total was kept.
  if (finished()) return final_cpu_ms_;
  if (!cpu_clock_ready_.load(std::memory_order_acquire)) return 0;
  timespec used{};
  if (::clock_gettime(cpu_clock_, &used) != 0) return 0;
  return static_cast<double>(used.tv_sec) * 1e3 + static_cast<double>(used.tv_nsec) / 1e6;
}

void IdlePrefaultedRegion::populate(const std::function<size_t()>& budget) {
  // Lowering one's own policy needs no privilege.
  if (::pthread_getcpuclockid(::pthread_self(), &cpu_clock_) == 0)
    cpu_clock_ready_.store(true, std::memory_order_release);
  sched_param param{};
  ::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &param);
  size_t limit = std::min(budget ? budget() : 0, size_);
  for (size_t done = 0; done < limit && !stop_.load(std::memory_order_relaxed); done += kStep) {
    size_t step = std::min(kStep, limit - done);
    // As if each page were written, without writing: pages already in use
    // keep what they hold.
    if (::madvise(data_ + done, step, MADV_POPULATE_WRITE) != 0) break;
    populated_.store(done + step, std::memory_order_release);
  }
  final_cpu_ms_ = thread_cpu_ms();
  finished_.store(true, std::memory_order_release);
}

}  // namespace topichub
