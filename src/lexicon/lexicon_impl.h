// Lexicon::Impl: the reverse-index layers (the pack's, then run-time
// dictionaries), the morphology and the word filter behind the public Lexicon.
#ifndef UNSPIN_LEXICON_LEXICON_IMPL_H_
#define UNSPIN_LEXICON_LEXICON_IMPL_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/dictionary_reader.h"
#include "lexicon/morphology.h"
#include "lexicon/reverse_index.h"
#include "unspin/lexicon.h"

namespace unspin {

struct Lexicon::Impl {
  struct Layer {
    ReverseIndex index;
    std::string owned;      // the image, when built at run time
    float log10_prior = 0;  // added to every channel score of this layer
  };
  std::vector<std::unique_ptr<Layer>> layers;
  Morphology morphology;
  WordFilter is_word;  // generated forms must pass (LM vocabulary)
  // Orders the candidates of dictionaries added at run time as the pack's
  // were ordered (ReverseIndexOptions::original_log10_prior, prior_weight).
  std::function<float(std::string_view)> original_log10_prior;
  double prior_weight = 0;
  // Dictionaries added at run time read their relations backwards as the
  // pack's sources were (ReverseIndexOptions::reverse_weight; 0 for packs
  // built before the field was recorded).
  double reverse_weight = 0;
  // What the dictionaries added at run time tell of the watched spinner's
  // substitution rates (learned dictionaries' fourth column; restore's gate).
  SubstitutionRates rates;
  LexiconParams params;
  std::vector<std::string> source_names;
  std::shared_ptr<const void> owner;  // keeps mapped layers alive
  uint64_t stamp = 0;                 // see Lexicon::stamp()

  bool IsKnownPhrase(std::string_view text) const;
  // Lookup's body for C = Candidate or CandidateView.
  template <typename C>
  void LookupInto(std::span<const std::string_view> words, size_t start,
                  const Lexicon::Limits& limits, std::vector<C>* out) const;
};

}  // namespace unspin

#endif  // UNSPIN_LEXICON_LEXICON_IMPL_H_
