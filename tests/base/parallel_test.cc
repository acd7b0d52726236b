#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace unspin {
namespace {

TEST(ParallelFor, RunsEveryIndexOnceWhateverTheThreadCount) {
  for (unsigned threads : {0u, 1u, 3u, 100000u}) {
    std::vector<std::atomic<int>> seen(1000);
    ParallelFor(seen.size(), threads, [&](size_t i) { seen[i]++; });
    for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i].load(), 1) << threads << " " << i;
  }
  ParallelFor(0, 4, [](size_t) { FAIL() << "no work items"; });
}

TEST(ParallelFor, ThreadCountsAreResolvedAndCapped) {
  EXPECT_GE(ResolveThreads(0), 1u);
  EXPECT_EQ(ResolveThreads(3), 3u);
  EXPECT_EQ(ResolveThreads(100000), kMaxThreads);
}

}  // namespace
}  // namespace unspin
