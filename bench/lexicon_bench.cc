// Lexicon benchmark on the default pack: pack open time, raw reverse-index
// key lookups, and full candidate lookups (every span at a token position,
// with morphology) over the reference sentences.
//   UNSPIN_BENCH_PACK=build/en-us.unspin build/lexicon_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_paths.h"
#include "lexicon/lexicon_impl.h"
#include "unspin/model.h"

namespace unspin::bench {
namespace {

const Model& Pack() { return BenchPack(); }

// The reference sentences as token lists (already tokenised, lower case).
const std::vector<std::vector<std::string>>& Sentences() {
  static std::vector<std::vector<std::string>> s = [] {
    std::vector<std::vector<std::string>> out;
    std::ifstream in(SentencesPath());
    std::string line, w;
    while (std::getline(in, line)) {
      std::istringstream ws(line);
      out.emplace_back();
      while (ws >> w) out.back().push_back(w);
    }
    if (out.empty()) {
      std::fprintf(stderr, "lexicon_bench: no sentences in %s\n", SentencesPath().c_str());
      std::exit(2);
    }
    return out;
  }();
  return s;
}

void BM_PackOpen(benchmark::State& state) {
  for (auto _ : state) {
    std::unique_ptr<Model> m;
    Status s = Model::Open(PackPath(), &m);
    if (!s.ok()) state.SkipWithError(s.message().c_str());
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_PackOpen)->Unit(benchmark::kMillisecond);

// One item = one key lookup in the pack's reverse index (hash + compare).
void BM_IndexFind(benchmark::State& state) {
  const ReverseIndex& ix = Pack().lexicon().impl().layers[0]->index;
  std::vector<std::string> words;
  for (const auto& s : Sentences()) words.insert(words.end(), s.begin(), s.end());
  size_t found = 0, items = 0;
  for (auto _ : state) {
    for (const std::string& w : words) found += ix.Find(w) != ReverseIndex::kNoPhrase;
    items += words.size();
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(static_cast<int64_t>(items));
}
BENCHMARK(BM_IndexFind);

// One item = all candidates of all spans starting at one token.
void BM_CandidateLookup(benchmark::State& state) {
  const Lexicon& lex = Pack().lexicon();
  std::vector<std::vector<std::string_view>> views;
  for (const auto& s : Sentences()) views.emplace_back(s.begin(), s.end());
  std::vector<Candidate> out;
  size_t items = 0, candidates = 0;
  for (auto _ : state) {
    for (const auto& v : views) {
      for (size_t i = 0; i < v.size(); ++i) {
        out.clear();
        lex.Lookup(v, i, &out);
        candidates += out.size();
      }
      items += v.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(items));
  state.counters["candidates_per_token"] =
      benchmark::Counter(static_cast<double>(candidates) / static_cast<double>(items));
}
BENCHMARK(BM_CandidateLookup)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
