// Paths of the benchmark inputs: environment variables override defaults
// that assume the benchmark runs from the repository root.
#ifndef UNSPIN_BENCH_BENCH_PATHS_H_
#define UNSPIN_BENCH_BENCH_PATHS_H_

#include <cstdlib>
#include <string>

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

}  // namespace unspin::bench

#endif  // UNSPIN_BENCH_BENCH_PATHS_H_
