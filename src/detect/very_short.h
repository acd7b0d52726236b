// Fitting the bar very short texts must clear (VeryShortBar): runs of a few
// words cut from clean training documents, scored by the fitted detector.
#ifndef UNSPIN_DETECT_VERY_SHORT_H_
#define UNSPIN_DETECT_VERY_SHORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "unspin/status.h"
#include "unspin/detector.h"

namespace unspin {

// The lengths (in words) whose clean runs the bar is fitted on; shorter
// texts get no verdict from the wording (VeryShortBar::min_words is the first).
inline const std::vector<size_t> kVeryShortFitLengths = {8, 10, 12, 15, 20, 25, 30};

// The seed `detect train` cuts its runs with.
constexpr uint64_t kVeryShortSeed = 11;

// Fewer clean runs of a length than this make no usable 99th percentile.
constexpr size_t kMinRunsPerLength = 100;

struct WordRun {
  std::string text;  // the words joined by single spaces
  size_t words = 0;
};

// One run of each length in `lengths` from each document at least that long:
// consecutive whitespace-separated words at a place drawn by a generator
// seeded with `seed` (the same documents and seed give the same runs).
std::vector<WordRun> CutWordRuns(const std::vector<std::string>& docs,
                                 const std::vector<size_t>& lengths, uint64_t seed);

// Fits bar_log10 + bar_slope * words to log10(1 - q) where q is, per length,
// the 99th percentile of scores[i] over the runs of that length; min_words =
// the shortest length. InvalidArgument when a length has fewer than
// kMinRunsPerLength runs or the bar does not fall with length.
Status FitVeryShortBar(const std::vector<WordRun>& runs, const std::vector<double>& scores,
                       VeryShortBar* out);

}  // namespace unspin

#endif  // UNSPIN_DETECT_VERY_SHORT_H_
