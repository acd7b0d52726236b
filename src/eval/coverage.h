// Coverage: can the lexicon reach the expected original of an observed
// (spun or tortured) phrase? True when the observed tokens can be cut into
// spans whose candidates (identity included) spell the expected tokens.
// This is the ceiling on what the decoder can restore.
#ifndef UNSPIN_EVAL_COVERAGE_H_
#define UNSPIN_EVAL_COVERAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "unspin/lexicon.h"
#include "unspin/status.h"

namespace unspin {

// `expected` may list alternatives separated by " / ".
bool IsReachable(const Lexicon& lexicon, std::string_view observed, std::string_view expected);

struct CoveragePair {
  std::string observed, expected;
};

struct CoverageReport {
  size_t pairs = 0, reachable = 0;
  std::vector<size_t> missed;  // indices into the pairs
  double share() const { return pairs ? static_cast<double>(reachable) / pairs : 0; }
};

CoverageReport EvaluateCoverage(const Lexicon& lexicon, const std::vector<CoveragePair>& pairs);

// Reads "observed<TAB>expected" lines; a first line naming the columns
// (tortured/spun/observed ... expected/original) is skipped.
Status ReadCoveragePairs(const std::string& path, std::vector<CoveragePair>* out);

}  // namespace unspin

#endif  // UNSPIN_EVAL_COVERAGE_H_
