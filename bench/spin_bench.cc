// Spinner simulator throughput over news text.
//   UNSPIN_BENCH_SPIN_DICT=../shared/data/spinners/phrase_dictionary_dev.dat build/spin_bench
#include <benchmark/benchmark.h>

#include "bench/bench_paths.h"
#include "spin/spinner.h"

namespace unspin::bench {
namespace {

void BM_Spin(benchmark::State& state) {
  static SpinDictionary dict = [] {
    SpinDictionary d;
    Status s = SpinDictionary::FromFiles(
        {EnvOr("UNSPIN_BENCH_SPIN_DICT", "../shared/data/spinners/phrase_dictionary_dev.dat")}, &d);
    if (!s.ok()) {
      std::fprintf(stderr, "spin_bench: %s\n", s.ToString().c_str());
      std::exit(2);
    }
    return d;
  }();
  const std::string& text = BenchText();
  SpinResult r;
  for (auto _ : state) {
    Spin(dict, text, SpinOptions{0.4, 1}, "bench", &r);
    benchmark::DoNotOptimize(r.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["edits"] = static_cast<double>(r.edits.size());
}
BENCHMARK(BM_Spin)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
