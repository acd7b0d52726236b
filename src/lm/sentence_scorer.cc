#include "lm/sentence_scorer.h"

#include <cmath>

namespace unspin {

SentenceScore ScoreSentence(const LanguageModel& lm, std::span<const std::string_view> words) {
  SentenceScore r;
  LmState state = lm.BeginSentenceState();
  for (std::string_view w : words) {
    ++r.tokens;
    LmScore s = lm.Score(state, lm.Index(w), &state);
    if (s.oov) {
      ++r.oov;
      continue;
    }
    r.log10 += s.log10_prob;
    ++r.scored;
  }
  if (lm.eos_id() != kNoWord) {
    r.log10 += lm.Score(state, lm.eos_id(), &state).log10_prob;
    ++r.scored;
  }
  return r;
}

double PerplexityMeter::Perplexity() const {
  if (scored_ == 0) return 0;
  return std::pow(10.0, -log10_ / static_cast<double>(scored_));
}

}  // namespace unspin
