// Paths of the benchmark inputs: environment variables override defaults
// that assume the benchmark runs from the repository root.
#ifndef UNSPIN_BENCH_BENCH_PATHS_H_
#define UNSPIN_BENCH_BENCH_PATHS_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "base/file_util.h"
#include "unspin/model.h"

namespace unspin::bench {

inline std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : fallback;
}

inline std::string PackPath() { return EnvOr("UNSPIN_BENCH_PACK", "build/en-us.unspin"); }
inline std::string LmPath() { return EnvOr("UNSPIN_BENCH_LM", "build/en-us.ulm"); }
inline std::string SentencesPath() {
  return EnvOr("UNSPIN_BENCH_SENTENCES", "../shared/data/lm/reference/sentences.txt");
}

// The model pack ($UNSPIN_BENCH_PACK, default build/en-us.unspin), opened
// once; exits with a message when missing.
inline const Model& BenchPack() {
  static std::unique_ptr<Model> m = [] {
    std::unique_ptr<Model> model;
    Status s = Model::Open(PackPath(), &model);
    if (!s.ok()) {
      std::fprintf(stderr, "bench: %s\n", s.ToString().c_str());
      std::exit(2);
    }
    return model;
  }();
  return *m;
}

// Up to 8 MiB of news text ($UNSPIN_BENCH_TEXT, default the Reuters JSONL),
// read once; exits with a message when missing.
inline const std::string& BenchText() {
  static std::string text = [] {
    std::string raw;
    Status s = ReadFileToString(
        EnvOr("UNSPIN_BENCH_TEXT", "../shared/data/news/reuters21578.jsonl"), &raw);
    if (!s.ok()) {
      std::fprintf(stderr, "bench: %s\n", s.ToString().c_str());
      std::exit(2);
    }
    return raw.substr(0, 8u << 20);
  }();
  return text;
}

}  // namespace unspin::bench

#endif  // UNSPIN_BENCH_BENCH_PATHS_H_
