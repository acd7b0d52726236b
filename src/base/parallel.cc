#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace unspin {

unsigned ResolveThreads(unsigned threads) {
  if (threads == 0) return std::max(1u, std::thread::hardware_concurrency());
  return std::min(threads, kMaxThreads);
}

void ParallelFor(size_t n, unsigned threads, const std::function<void(size_t)>& fn) {
  threads = ResolveThreads(threads);
  std::atomic<size_t> next{0};
  auto run = [&]() {
    for (size_t i; (i = next++) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

}  // namespace unspin
