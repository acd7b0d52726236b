// Quality metrics, ported from ../shared/tools/score.py so that the C++
// harness and the reference script agree:
//   tokens: quotes folded, case folded, \w+(?:'\w+)? or one non-space symbol;
//   edits: difflib SequenceMatcher opcodes (autojunk off) SPUN -> X, each a
//          (i1, i2, replacement tokens) triple, compared as sets;
//   restore: edit precision/recall/F0.5 and WER before/after;
//   detect: token-level precision/recall/F1 of flagged byte spans;
// plus document-level ROC AUC and trace ranking metrics.
#ifndef UNSPIN_EVAL_METRICS_H_
#define UNSPIN_EVAL_METRICS_H_

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "text/token_diff.h"

namespace unspin {

struct ScoreToken {
  std::string text;  // lower case, quotes folded
  size_t begin = 0;  // byte offsets into the scored string
  size_t end = 0;
};

std::vector<ScoreToken> ScoreTokens(std::string_view text);

// Counts that add up over documents (micro averages).
struct RestoreCounts {
  size_t gold_edits = 0, system_edits = 0, tp = 0;
  size_t dist_before = 0, dist_after = 0, ref_tokens = 0;  // WER numerators, denominator
  void Add(const RestoreCounts& o);
  double precision() const;  // 1 when the system made no edit (score.py)
  double recall() const;     // 1 when there was nothing to fix
  double f05() const;
  double wer_before() const;
  double wer_after() const;
  double wer_reduction() const;  // 1 - after/before; 0 when before is 0
};

RestoreCounts ScoreRestore(std::string_view spun, std::string_view original,
                           std::string_view restored);

struct DetectCounts {
  size_t gold_tokens = 0, flagged_tokens = 0, tp = 0;
  void Add(const DetectCounts& o);
  double precision() const;
  double recall() const;
  double f1() const;
};

// The [begin, end) byte ranges of `spun`'s tokens the spinner changed
// (score.py's gold tokens: the difflib edits towards `original`; an insertion
// marks the token before it), in order.
std::vector<std::pair<size_t, size_t>> ChangedTokenRanges(std::string_view spun,
                                                          std::string_view original);

// `spans`: flagged [start, end) byte ranges of `spun`.
DetectCounts ScoreDetect(std::string_view spun, std::string_view original,
                         const std::vector<std::pair<size_t, size_t>>& spans);

// Area under the ROC curve: the probability that a random positive scores
// above a random negative (ties count one half). NaN when a side is empty.
double RocAuc(const std::vector<double>& positives, const std::vector<double>& negatives);

}  // namespace unspin

#endif  // UNSPIN_EVAL_METRICS_H_
