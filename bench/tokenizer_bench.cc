// Text layer benchmark: tokenising and sentence splitting throughput on
// Reuters-21578 bodies (MB/s and words/s).
//   UNSPIN_BENCH_TEXT=../shared/data/news/reuters21578.jsonl build/tokenizer_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "base/file_util.h"
#include "bench/bench_paths.h"
#include "unspin/html.h"
#include "unspin/text.h"

namespace unspin::bench {
namespace {

const std::string& Text() { return BenchText(); }

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Text();
  std::vector<Token> tokens;
  size_t words = 0;
  for (auto _ : state) {
    tokens.clear();
    Tokenize(text, 0, &tokens);
    for (const Token& t : tokens) words += t.kind == TokenKind::kWord;
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_SentenceReader(benchmark::State& state) {
  const std::string& text = Text();
  size_t sentences = 0;
  for (auto _ : state) {
    auto reader = SentenceReader::FromString(text);
    Sentence s;
    while (reader->Next(&s)) ++sentences;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SentenceReader)->Unit(benchmark::kMillisecond);

// The bench text as a web page: each line in <p>, escaped, with a head, a
// script and a menu as pages have.
const std::string& Page() {
  static const std::string page = [] {
    const std::string& text = Text();
    std::string out =
        "<!DOCTYPE html><html><head><title>News</title><script>var a = 1;</script></head>"
        "<body><nav><a href=\"/\">Home</a></nav><article><p>";
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n') {
        out += "</p>\n<p>";
      } else if (c == '&') {
        out += "&amp;";
      } else if (c == '<') {
        out += "&lt;";
      } else {
        out += c;
      }
    }
    return out + "</p></article></body></html>";
  }();
  return page;
}

// ReadHtml: the page's text and its pieces (what --html adds before detect,
// restore or trace read the text).
void BM_ReadHtml(benchmark::State& state) {
  const std::string& page = Page();
  for (auto _ : state) {
    HtmlText h = ReadHtml(page);
    benchmark::DoNotOptimize(h.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
}
BENCHMARK(BM_ReadHtml)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unspin::bench

BENCHMARK_MAIN();
