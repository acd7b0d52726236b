// Short pieces of training documents, for the detector's short-text
// calibration (DetectorParams::short_texts): runs of whole sentences of a
// few dozen to `max_words` words, as users send paragraphs and abstracts.
#ifndef UNSPIN_DETECT_SHORT_PIECES_H_
#define UNSPIN_DETECT_SHORT_PIECES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unspin/detector.h"

namespace unspin {

// The shortest piece cut (fewer words make no useful calibration data).
constexpr size_t kMinPieceWords = 20;

// Byte ranges [begin, end) of `text` cut into runs of whole sentences; each
// run's length is drawn from [kMinPieceWords, max_words) words by a generator
// seeded with `seed` (the same text and seed give the same pieces); a last
// run under kMinPieceWords words is dropped. Words: word and number tokens.
std::vector<std::pair<size_t, size_t>> CutIntoPieces(std::string_view text, size_t max_words,
                                                     uint64_t seed);

// What the short-text calibration is fitted on: reports of a detector
// without parameters (evidence and base features) of pieces of the spun and
// clean training documents; spun_parent[i]: the spun document piece i was
// cut from (its word probabilities come from the word model that did not
// see that document).
struct ShortPieces {
  std::vector<DetectReport> spun, clean;
  std::vector<size_t> spun_parent;
  std::vector<double> spun_density;  // changed tokens per word (PieceTexts)
  size_t words = 0;                  // the calibration serves texts under this many words
};

// The texts of the pieces of training documents (`detect train`): every
// spun document's pieces (CutIntoPieces, seeded by the document's index)
// where the spinner changed a word, i.e. a changed token of
// ChangedTokenRanges(spun, original) lies inside (every piece when
// `originals` is empty), and every clean document's (seeded after them).
// spun_parent[i]: the spun document spun[i] came from.
struct PieceTexts {
  std::vector<std::string> spun, clean;
  std::vector<size_t> spun_parent;
  std::vector<double> spun_density;  // changed tokens per word of each spun piece
};
PieceTexts CutTrainingPieces(const std::vector<std::string>& spun,
                             const std::vector<std::string>& originals,
                             const std::vector<std::string>& clean, size_t max_words);

}  // namespace unspin

#endif  // UNSPIN_DETECT_SHORT_PIECES_H_
