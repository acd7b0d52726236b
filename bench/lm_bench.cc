// LM benchmark: n-gram lookups per second on the real model over the
// reference sentences repeated to at least 1M tokens, with word ids
// pre-mapped and with string -> id; load time; file size.
//   UNSPIN_BENCH_LM=build/en-us.ulm UNSPIN_BENCH_SENTENCES=... build/lm_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_util.h"
#include "bench/bench_paths.h"
#include "unspin/language_model.h"

namespace unspin::bench {
namespace {

constexpr size_t kMinTokens = 1000000;

struct Corpus {
  std::vector<std::vector<std::string>> sentences;
  size_t tokens = 0;
};

const LanguageModel& Model() {
  static std::unique_ptr<LanguageModel> lm = [] {
    std::unique_ptr<LanguageModel> m;
    Status s = LanguageModel::Load(LmPath(), &m);
    if (!s.ok()) {
      std::fprintf(stderr, "lm_bench: %s\n", s.ToString().c_str());
      std::exit(2);
    }
    return m;
  }();
  return *lm;
}

const Corpus& Sentences() {
  static Corpus corpus = [] {
    std::string text;
    Status s = ReadFileToString(SentencesPath(), &text);
    if (!s.ok()) {
      std::fprintf(stderr, "lm_bench: %s\n", s.ToString().c_str());
      std::exit(2);
    }
    std::vector<std::vector<std::string>> base;
    std::istringstream lines(text);
    std::string line, word;
    while (std::getline(lines, line)) {
      std::istringstream ws(line);
      base.emplace_back();
      while (ws >> word) base.back().push_back(word);
    }
    Corpus c;
    while (c.tokens < kMinTokens) {
      for (const auto& sent : base) {
        c.sentences.push_back(sent);
        c.tokens += sent.size() + 1;  // + </s>
      }
    }
    return c;
  }();
  return corpus;
}

void BM_ScorePremappedIds(benchmark::State& state) {
  const LanguageModel& lm = Model();
  std::vector<std::vector<WordId>> ids;
  for (const auto& sent : Sentences().sentences) {
    ids.emplace_back();
    for (const auto& w : sent) ids.back().push_back(lm.Index(w));
    ids.back().push_back(lm.eos_id());
  }
  size_t lookups = 0;
  for (auto _ : state) {
    double total = 0;
    for (const auto& sent : ids) {
      LmState st = lm.BeginSentenceState();
      for (WordId w : sent) total += lm.Score(st, w, &st).log10_prob;
      lookups += sent.size();
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["lookups/s"] =
      benchmark::Counter(static_cast<double>(lookups), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScorePremappedIds)->Unit(benchmark::kMillisecond);

void BM_ScoreWithStringLookup(benchmark::State& state) {
  const LanguageModel& lm = Model();
  const Corpus& corpus = Sentences();
  size_t lookups = 0;
  for (auto _ : state) {
    double total = 0;
    for (const auto& sent : corpus.sentences) {
      LmState st = lm.BeginSentenceState();
      for (const auto& w : sent) total += lm.Score(st, lm.Index(w), &st).log10_prob;
      total += lm.Score(st, lm.eos_id(), &st).log10_prob;
      lookups += sent.size() + 1;
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["lookups/s"] =
      benchmark::Counter(static_cast<double>(lookups), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScoreWithStringLookup)->Unit(benchmark::kMillisecond);

// The decoder's workload: many candidates after one history.
void BM_ScoreCandidates(benchmark::State& state) {
  const LanguageModel& lm = Model();
  std::vector<WordId> cands;
  for (const auto& sent : Sentences().sentences) {
    for (const auto& w : sent) cands.push_back(lm.Index(w));
    if (cands.size() >= 64) break;
  }
  cands.resize(64);
  std::vector<float> out(cands.size());
  LmState ctx = lm.BeginSentenceState(), next;
  lm.Score(ctx, lm.Index("the"), &next);
  size_t lookups = 0;
  for (auto _ : state) {
    lm.ScoreCandidates(next, cands, out.data());
    benchmark::DoNotOptimize(out.data());
    lookups += cands.size();
  }
  state.counters["lookups/s"] =
      benchmark::Counter(static_cast<double>(lookups), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScoreCandidates);

void BM_Load(benchmark::State& state) {
  const std::string path = LmPath();
  uint64_t bytes = 0;
  for (auto _ : state) {
    std::unique_ptr<LanguageModel> lm;
    Status s = LanguageModel::Load(path, &lm);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    bytes = lm ? lm->info().bytes : 0;
  }
  state.counters["file_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
