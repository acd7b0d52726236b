// The noisy-channel decoder: for one sentence, a lattice of candidate
// originals (identity always present) and a beam Viterbi search over
// (position, LM state) maximising
//   log10 P_lm(original words) + channel_weight * log10 P(observed | original).
// Each edit of the best path gets a margin: how much better the best path is
// than the best path that keeps the observed words over that edit's span.
#ifndef UNSPIN_DECODE_DECODER_H_
#define UNSPIN_DECODE_DECODER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/language_model.h"
#include "unspin/lexicon.h"

namespace unspin {

class WordCounts;  // lm/word_counts.h

struct DecoderOptions {
  double channel_weight = 1.0;
  size_t beam = 4;  // hypotheses (distinct LM states) kept per position
  // Pruning looks one word ahead: of the best `beam * lookahead_pool`
  // distinct states at a position, the `beam` kept are those best by score
  // plus the LM log10 of the next observed word after them (so "choice tree"
  // keeps "decision" for "choice", which only "tree" makes likely). The score
  // itself is not changed. 1: plain pruning by score.
  size_t lookahead_pool = 4;
  size_t max_candidates_per_span = 24;  // per start token and length, best channel first
  // The same for a span starting at a position Decode's `wide` marks.
  size_t wide_candidates = 96;
  double two_hop_penalty = 0;    // log10 added to the channel of two-hop candidates
  double multiword_penalty = 0;  // log10 added per observed token beyond the first
  // log10 added to a candidate that only drops observed words ("crude oil"
  // -> "oil"): the LM favours shorter text, spinners rarely pad a phrase.
  double truncation_penalty = 1.0;
  // Edits whose margin (log10) is below this are dropped.
  double threshold = 1.0;
  size_t alternatives = 0;  // per edit, report this many runner-up originals (--explain)
  // log10 cost of a word the LM does not know, instead of the LM's own OOV
  // score (-100 without <unk>): about the rarest known words' unigram, so an
  // unknown observed word is not "restored" merely for being unknown.
  double oov_log10 = -7.0;
  // Spinners trade common words for rarer ones: a replacement's channel gains
  // rarity_weight * (unigram log10 of the original's words - unigram log10
  // of the observed words). 0 disables it.
  double rarity_weight = 0.15;
  // A spinner replaces some occurrences of a word and leaves others: a
  // replacement whose new words all occur in the rest of the text (Decode's
  // `context`), one of them a content word, gains this (log10). 0 disables it.
  double context_bonus = 0;
  // News writes whole numbers from 10 up in digits; spinners spell them out
  // ("eleven" for "11", "one hundred forty four" for "144"), and the LM,
  // which reads digits as words, cannot tell the two apart. A run of words
  // spelling one such number, past the sentence's first word, gains a
  // candidate in digits whose channel is its words' keep cost plus this
  // (log10 odds of digits). 0: no such candidate.
  double digits_prior = 0;
  // Margin of an edit: false (default) rescores the best path with the edit's
  // span kept as observed; true re-runs the search with that span frozen
  // (exact, several times slower).
  bool exact_margin = false;
};

struct DecodedAlternative {
  std::string text;
  double lm_log10 = 0, channel_log10 = 0;
};

struct DecodedEdit {
  size_t begin = 0, end = 0;  // token range [begin, end) of the sentence's words
  std::string text;           // the original chosen, normalised
  // `text` is written as it is rather than in the observed words' case
  // (a spintax alternative carries its own).
  bool verbatim = false;
  double margin = 0;  // log10 advantage over keeping the observed words here
  double lm_log10 = 0, channel_log10 = 0;
  std::vector<DecodedAlternative> alternatives;
};

class Decoder {
 public:
  Decoder(const LanguageModel& lm, const Lexicon& lexicon, const DecoderOptions& options);

  const DecoderOptions& options() const { return options_; }

  // `words`: normalised forms of the sentence's non-space tokens; `editable`:
  // whether each may be replaced (words, not numbers, punctuation or URLs).
  // Appends the kept edits, in order. `reach`, when given, receives for each
  // word the length of the longest candidate original's observed span (1-6
  // words) covering it, 0 when no candidate covers it. Spans starting at a
  // position `wide` marks (when given) get options.wide_candidates.
  // `context`, when given: the LM words of the text around the sentence (the
  // sentence included), for options.context_bonus.
  void Decode(std::span<const std::string_view> words, const std::vector<bool>& editable,
              std::vector<DecodedEdit>* edits, std::vector<uint8_t>* reach = nullptr,
              const std::vector<bool>* wide = nullptr, const WordCounts* context = nullptr) const;

 private:
  struct Arc;
  struct Lattice;
  void BuildLattice(std::span<const std::string_view> words, const std::vector<bool>& editable,
                    const std::vector<bool>* wide, const WordCounts* context,
                    Lattice* lattice) const;
  // Best path score; `path` receives its arcs. Arcs that overlap `frozen`
  // (a token range) other than identity arcs are not used.
  double Search(const Lattice& lattice, size_t frozen_begin, size_t frozen_end,
                std::vector<const Arc*>* path) const;
  double ArcLm(const Arc& arc, const LmState& in, LmState* out) const;
  // An LM word's contribution: its log10 probability, options_.oov_log10 if unknown.
  double WordLog10(const LmScore& s) const { return s.oov ? options_.oov_log10 : s.log10_prob; }
  // The LM state before each arc of a path and the path's score up to it
  // (LM + weighted channel), [path.size()] after the last; `total` adds the
  // end of the sentence.
  struct PathTrace {
    std::vector<LmState> state_at;
    std::vector<double> score_at;
    double total = 0;
  };
  // The score of `path` with arc j's span kept as observed (identity arcs),
  // end of sentence included: rescored from arc j until its LM state meets
  // the path's again.
  double KeptScore(const Lattice& lattice, const std::vector<const Arc*>& path,
                   const PathTrace& trace, size_t j) const;

  const LanguageModel& lm_;
  const Lexicon& lexicon_;
  DecoderOptions options_;
  // Unique per decoder in the process: keys the per-thread memo of the LM
  // spellings of the lexicon's candidate texts.
  uint64_t serial_;
};

}  // namespace unspin

#endif  // UNSPIN_DECODE_DECODER_H_
