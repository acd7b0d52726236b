// Restore throughput on one core with the default pack: news text as it is
// (mostly clean) and the same text spun at rate 0.4 by the pack's inventory.
//   UNSPIN_BENCH_PACK=build/en-us.unspin build/restore_bench
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/bench_paths.h"
#include "spin/spinner.h"
#include "unspin/restorer.h"

namespace unspin::bench {
namespace {

const Model& Pack() { return BenchPack(); }

// About 1 MiB of news text, cut at a line end.
const std::string& News() {
  static std::string text = [] {
    std::string t = BenchText().substr(0, 1u << 20);
    return t.substr(0, t.rfind('\n') + 1);
  }();
  return text;
}

size_t Words(const std::string& t) {
  size_t n = 0;
  bool in = false;
  for (char c : t) {
    bool w = std::isalnum(static_cast<unsigned char>(c));
    n += w && !in;
    in = w;
  }
  return n;
}

void Run(benchmark::State& state, const std::string& text) {
  Restorer restorer(Pack(), RestoreOptions());
  RestoreResult r;
  for (auto _ : state) {
    restorer.Restore(text, &r);
    benchmark::DoNotOptimize(r.text.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Words(text)));
  state.counters["edits"] = static_cast<double>(r.edits.size());
}

void BM_RestoreNews(benchmark::State& state) { Run(state, News()); }
BENCHMARK(BM_RestoreNews)->Unit(benchmark::kMillisecond);

void BM_RestoreSpun(benchmark::State& state) {
  static std::string spun = [] {
    SpinResult r;
    Spin(SpinDictionary::FromLexicon(Pack().lexicon()), News(), SpinOptions{0.4, 1}, "bench", &r);
    return r.text;
  }();
  Run(state, spun);
}
BENCHMARK(BM_RestoreSpun)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
