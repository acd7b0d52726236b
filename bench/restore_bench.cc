// Restore and detect throughput on one core with the default pack: news text
// as it is (mostly clean) and the same text spun at rate 0.4 by the pack's
// inventory.
//   UNSPIN_BENCH_PACK=build/en-us.unspin build/restore_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_paths.h"
#include "spin/spinner.h"
#include "unspin/detector.h"
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

const std::string& Spun() {
  static std::string spun = [] {
    SpinResult r;
    Spin(SpinDictionary::FromLexicon(Pack().lexicon()), News(), SpinOptions{0.4, 1}, "bench", &r);
    return r.text;
  }();
  return spun;
}

void BM_RestoreSpun(benchmark::State& state) { Run(state, Spun()); }
BENCHMARK(BM_RestoreSpun)->Unit(benchmark::kMillisecond);

// The detector (decoder, per-word evidence, word model, calibration) over the
// same texts, in documents of about 400 words as a batch would see them.
void RunDetect(benchmark::State& state, const std::string& text) {
  std::vector<std::string> docs;
  for (size_t at = 0; at < text.size();) {
    size_t end = std::min(text.size(), at + 2500);
    end = text.find('\n', end);
    end = end == std::string::npos ? text.size() : end + 1;
    docs.push_back(text.substr(at, end - at));
    at = end;
  }
  DetectOptions options;
  options.keep_evidence = false;  // as `unspin detect` runs (only --explain keeps it)
  Detector detector(Pack(), options);
  DetectReport r;
  size_t spans = 0;
  for (auto _ : state) {
    spans = 0;
    for (const std::string& d : docs) {
      detector.Detect(d, &r);
      spans += r.spans.size();
    }
    benchmark::DoNotOptimize(spans);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Words(text)));
  state.counters["spans"] = static_cast<double>(spans);
  state.counters["documents"] = static_cast<double>(docs.size());
}

void BM_DetectNews(benchmark::State& state) { RunDetect(state, News()); }
BENCHMARK(BM_DetectNews)->Unit(benchmark::kMillisecond);

void BM_DetectSpun(benchmark::State& state) { RunDetect(state, Spun()); }
BENCHMARK(BM_DetectSpun)->Unit(benchmark::kMillisecond);

// The word model alone (its trees over every word's evidence), on the
// evidence the detector gathers from the news text.
void BM_WordModel(benchmark::State& state) {
  DetectOptions options;
  options.keep_evidence = true;
  Detector detector(Pack(), options);
  DetectReport r;
  detector.Detect(News(), &r);
  std::vector<WordEvidence> words = r.evidence;
  const WordModel& model = detector.params().words;
  for (auto _ : state) {
    SetProbabilities(model, words.data(), words.size());
    benchmark::DoNotOptimize(words.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words.size()));
}
BENCHMARK(BM_WordModel)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
