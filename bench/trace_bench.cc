// Trace query latency: p50 and p99 over queries against an index.
//   UNSPIN_BENCH_INDEX=DIR UNSPIN_BENCH_QUERIES=Q.jsonl build/trace_bench
// (scripts/bench_trace.sh makes both from a synthetic corpus.)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "bench/bench_paths.h"
#include "trace/trace_index.h"
#include "unspin/model.h"

namespace unspin::bench {
namespace {

void BM_TraceQuery(benchmark::State& state) {
  std::unique_ptr<Model> model;
  std::unique_ptr<TraceIndex> ix;
  Status s = Model::Open(PackPath(), &model);
  if (s.ok()) s = TraceIndex::Open(EnvOr("UNSPIN_BENCH_INDEX", "build/bench_trace/index"), &ix);
  std::vector<std::string> queries;
  if (s.ok()) {
    s = ReadCorpus(EnvOr("UNSPIN_BENCH_QUERIES", "build/bench_trace/queries.jsonl"),
                   [&](CorpusDocument&& d) {
                     queries.push_back(std::move(d.text));
                     return Status::Ok();
                   });
  }
  if (!s.ok() || queries.empty()) {
    state.SkipWithError(s.ok() ? "no queries" : s.message().c_str());
    return;
  }
  std::vector<double> ms;
  std::vector<TraceMatch> m;
  size_t hits = 0;
  for (auto _ : state) {
    for (const std::string& q : queries) {
      auto t0 = std::chrono::steady_clock::now();
      ix->Trace(model->lexicon(), q, TraceOptions(), &m);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      hits += !m.empty();
    }
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[ms.size() * 99 / 100];
  state.counters["found"] = static_cast<double>(hits) / ms.size();
  state.counters["documents"] = static_cast<double>(ix->stats().documents);
}
BENCHMARK(BM_TraceQuery)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
