// Running independent work items on several threads.
#ifndef UNSPIN_BASE_PARALLEL_H_
#define UNSPIN_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace unspin {

// Runs fn(0) .. fn(n - 1) on `threads` threads (0: all cores), the calling
// thread included; returns when all have run. fn must be safe to call
// concurrently for different indices.
void ParallelFor(size_t n, unsigned threads, const std::function<void(size_t)>& fn);

// More threads than this are never started (batches are sized by the thread
// count, so an absurd --threads must not size them).
inline constexpr unsigned kMaxThreads = 256;

// The thread count `threads` means: all cores for 0, else itself, at most
// kMaxThreads.
unsigned ResolveThreads(unsigned threads);

}  // namespace unspin

#endif  // UNSPIN_BASE_PARALLEL_H_
