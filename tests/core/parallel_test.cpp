#include "core/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace topichub {
namespace {

// The search index's vocabulary relies on it: each worker meets its
// indexes in increasing order, and every index is met once.
TEST(ParallelFor, EachWorkerTakesItsIndexesInIncreasingOrderAndEveryIndexOnce) {
  constexpr size_t kCount = 20000;
  std::vector<std::vector<size_t>> taken(worker_count());
  parallel_for(kCount, [&](unsigned worker, size_t i) { taken[worker].push_back(i); });
  std::vector<size_t> all;
  for (const auto& indexes : taken) {
    EXPECT_TRUE(std::is_sorted(indexes.begin(), indexes.end()));
    EXPECT_EQ(std::adjacent_find(indexes.begin(), indexes.end()), indexes.end());
    all.insert(all.end(), indexes.begin(), indexes.end());
  }
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), kCount);
  for (size_t i = 0; i < kCount; ++i) ASSERT_EQ(all[i], i);
}

TEST(ParallelFor, TheFirstExceptionReachesTheCaller) {
  EXPECT_THROW(parallel_for(100, [](unsigned, size_t i) {
                 if (i == 37) throw std::runtime_error("stop");
               }),
               std::runtime_error);
}

}  // namespace
}  // namespace topichub
