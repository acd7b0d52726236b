// Compiles an Inventory (adding the lemma phrases it derives) into a ReverseIndex image under the
// spinner channel model: a spinner that replaces ORIGINAL (of part of speech p) picks a source s
// with prior weight pi_s among the sources that list ORIGINAL, then one of that source's entries
// for ORIGINAL in proportion to the entry weights. The index stores log10 of that choice
// probability per (key, original); the replacement rate r is applied at query time.
#ifndef UNSPIN_LEXICON_REVERSE_INDEX_BUILDER_H_
#define UNSPIN_LEXICON_REVERSE_INDEX_BUILDER_H_

#include <functional>
#include <string>
#include <string_view>

#include "lexicon/inventory.h"
#include "lexicon/morphology.h"
#include "unspin/status.h"

namespace unspin {

struct ReverseIndexOptions {
  // Keeps the best candidates per lemma key and part of speech, and again per
  // (inflected) key, and stores each key's candidates best first.
  size_t max_candidates = 96;
  // "Best" is log10 of the channel share plus prior_weight x this log10 prior
  // of the original (the LM's probability of the phrase): toward the posterior
  // P(original | spun), so that a frequent original ("machine" for "device")
  // is not crowded out by rare ones with fewer entries of their own. Null or a
  // weight of 0 ranks by the share alone.
  std::function<float(std::string_view original)> original_log10_prior;
  double prior_weight = 0;
  // Originals must consist of words this filter accepts (the LM vocabulary);
  // null accepts all.
  WordFilter original_filter;
  // Source i of the inventory is reported as bit (first_source_bit + i).
  int first_source_bit = 0;
  // Generalise single-word surface relations of dictionaries to lemma
  // relations when both sides analyse to the same part of speech and
  // inflection ("said|stated" also yields say -> state, so "states" finds "says").
  bool generalize_surface = true;
  // Relations read the other way (spun -> original) join at this factor on
  // their weight where their source lacks them; 0 disables them.
  double reverse_weight = 0;
  // Two-hop neighbours (original -> X -> spun, single words) join with this
  // factor on the product of both hops' probabilities; 0 disables them.
  double two_hop_weight = 0.1;
  size_t two_hop_max = 24;  // new spun words per original
  // Validates lemmas while generalising; null uses the inventory's lemmas.
  LemmaFilter is_lemma;
};

struct ReverseIndexStats {
  uint64_t relations = 0;  // read from the inventory
  uint64_t derived = 0;    // lemma relations generalised from surface ones
  uint64_t reversed = 0;   // relations read backwards (reverse_weight > 0)
  uint64_t inflected = 0;  // entries added for inflected forms of lemma entries
  uint64_t two_hop = 0;    // two-hop records before merging and capping
  uint64_t filtered = 0;   // reverse entries dropped by original_filter
  uint64_t capped = 0;     // dropped by max_candidates
  uint64_t keys = 0, entries = 0, phrases = 0;
};

Status BuildReverseIndex(Inventory* inventory, const Morphology& morphology,
                         const ReverseIndexOptions& options, std::string* image,
                         ReverseIndexStats* stats = nullptr);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_REVERSE_INDEX_BUILDER_H_
