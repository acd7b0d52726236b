// Scores whole tokenised sentences with the conventions of the reference
// test set (shared/data/lm/reference/README.md): each line is scored as
// <s> w1 ... wn </s>; <s> is context only; an OOV word adds no term, is not
// counted in the perplexity denominator, and empties the history.
#ifndef UNSPIN_LM_SENTENCE_SCORER_H_
#define UNSPIN_LM_SENTENCE_SCORER_H_

#include <cstddef>
#include <span>
#include <string_view>

#include "unspin/language_model.h"

namespace unspin {

struct SentenceScore {
  size_t tokens = 0;  // words on the line (without </s>)
  size_t oov = 0;     // words not in the vocabulary
  double log10 = 0;   // sum of the scored terms, </s> included
  size_t scored = 0;  // number of terms summed
};

SentenceScore ScoreSentence(const LanguageModel& lm, std::span<const std::string_view> words);

// Accumulates sentences into a perplexity: 10^(-sum log10 / sum scored).
class PerplexityMeter {
 public:
  void Add(const SentenceScore& s) {
    log10_ += s.log10;
    scored_ += s.scored;
  }
  double Perplexity() const;
  size_t scored() const { return scored_; }

 private:
  double log10_ = 0;
  size_t scored_ = 0;
};

}  // namespace unspin

#endif  // UNSPIN_LM_SENTENCE_SCORER_H_
