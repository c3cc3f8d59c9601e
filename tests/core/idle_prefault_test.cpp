#include "core/idle_prefault.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace topichub {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

// Waits for the idle thread, which runs only when a core is free: under a
// loaded test run that may take a while.
void wait_until_finished(const IdlePrefaultedRegion& region) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!region.finished() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(region.finished()) << "the idle thread did not finish in 120 s";
}

// How many of the pages of [begin, begin + length) are in memory.
size_t resident_pages(const std::byte* begin, size_t length) {
  size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> flags((length + page - 1) / page);
  if (::mincore(const_cast<std::byte*>(begin), length, flags.data()) != 0) return SIZE_MAX;
  size_t resident = 0;
  for (unsigned char flag : flags) resident += flag & 1;
  return resident;
}

size_t pages_in(size_t length) { return length / static_cast<size_t>(::sysconf(_SC_PAGESIZE)); }

TEST(IdlePrefaultedRegion, PopulatesItsBudgetFromTheStartAndNothingBeyond) {
  IdlePrefaultedRegion region(64 * kMiB, 4 * kMiB, [] { return 8 * kMiB; });
  ASSERT_NE(region.data(), nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(region.data()) % (4 * kMiB), 0u);
  EXPECT_EQ(region.size(), 64 * kMiB);
  wait_until_finished(region);
  if (region.populated() == 0) GTEST_SKIP() << "this kernel cannot populate (MADV_POPULATE_WRITE)";
  EXPECT_EQ(region.populated(), 8 * kMiB);
  EXPECT_EQ(resident_pages(region.data(), 8 * kMiB), pages_in(8 * kMiB));
  EXPECT_EQ(resident_pages(region.data() + 16 * kMiB, 8 * kMiB), 0u);
}

// The thread's CPU time stays readable once it has finished (its clock goes
// with it), and populating 8 MiB takes some.
TEST(IdlePrefaultedRegion, ReportsTheCpuTimeItsThreadUsed) {
  IdlePrefaultedRegion region(16 * kMiB, 2 * kMiB, [] { return 8 * kMiB; });
  ASSERT_NE(region.data(), nullptr);
  wait_until_finished(region);
  if (region.populated() == 0) GTEST_SKIP() << "this kernel cannot populate (MADV_POPULATE_WRITE)";
  double used = region.thread_cpu_ms();
  EXPECT_GT(used, 0.0);
  EXPECT_LT(used, 60'000.0);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(region.thread_cpu_ms(), used);
}

// What the allocator's users wrote stays: populating writes nothing.
TEST(IdlePrefaultedRegion, KeepsWhatPagesAlreadyHold) {
  IdlePrefaultedRegion region(32 * kMiB, 2 * kMiB, [] { return 16 * kMiB; });
  ASSERT_NE(region.data(), nullptr);
  std::vector<size_t> offsets = {0, 4095, 3 * kMiB + 17, 16 * kMiB - 1};
  for (size_t offset : offsets) region.data()[offset] = std::byte(0xA5);
  wait_until_finished(region);
  for (size_t offset : offsets) EXPECT_EQ(region.data()[offset], std::byte(0xA5)) << "at " << offset;
  EXPECT_EQ(region.data()[1], std::byte(0));  // fresh memory reads as zero
}

TEST(IdlePrefaultedRegion, ABudgetBeyondTheRegionStopsAtItsEnd) {
  IdlePrefaultedRegion region(4 * kMiB, 2 * kMiB, [] { return size_t{1} << 40; });
  ASSERT_NE(region.data(), nullptr);
  wait_until_finished(region);
  if (region.populated() == 0) GTEST_SKIP() << "this kernel cannot populate (MADV_POPULATE_WRITE)";
  EXPECT_EQ(region.populated(), 4 * kMiB);
}

TEST(IdlePrefaultedRegion, NoBudgetPopulatesNothing) {
  IdlePrefaultedRegion region(8 * kMiB, 2 * kMiB, {});
  ASSERT_NE(region.data(), nullptr);
  wait_until_finished(region);
  EXPECT_EQ(region.populated(), 0u);
  EXPECT_EQ(resident_pages(region.data(), 8 * kMiB), 0u);
}

// Destroyed at once, a region with a large budget stops its thread instead
// of populating all of it first (the mapping itself stays).
TEST(IdlePrefaultedRegion, StopsWhenDestroyed) {
  const std::byte* data = nullptr;
  {
    IdlePrefaultedRegion region(1024 * kMiB, 2 * kMiB, [] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the destructor comes first
      return 1024 * kMiB;
    });
    data = region.data();
    ASSERT_NE(data, nullptr);
  }
  EXPECT_EQ(resident_pages(data, 1024 * kMiB), 0u);
}

}  // namespace
}  // namespace topichub
