// Restore: the most likely original wording of spun text, by noisy-channel
// decoding with the model pack's lexicon and language model.
#ifndef UNSPIN_RESTORER_H_
#define UNSPIN_RESTORER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/model.h"
#include "unspin/status.h"
#include "unspin/text.h"

namespace unspin {

struct RestoreOptions {
  // Minimum log10 margin of an edit over keeping the observed words; higher
  // is more conservative. The gates below move it.
  double threshold = 1.0;
  // The detector's gate (packs whose detector has a word model): text is
  // judged in windows of about `window_words` words. In a window of 8 words
  // or more, an edit needs a margin of
  //   threshold + gate_offset - support_weight * support - score_weight * score
  // where support is the word model's highest P(replaced) over the edit's
  // words and score the detector's P(spun) for the window: a logistic model
  // of "the edit is right" fitted on spun and clean training text
  // (scripts/fit_restore_gate.sh), in margin units. A window shorter than 8
  // words (a phrase on its own) is judged by the density gate below instead
  // (no context for the detector's score), at `phrase_gate_density`: an edit
  // over a word the word model gives P(replaced) >= `support_probability`
  // then needs only `threshold - support_discount` in a window that looks
  // spun, and `threshold` in one that looks clean.
  double gate_offset = 42.15;
  double support_weight = 23.07;
  double score_weight = 25.26;
  double support_discount = 0.5;
  // In a window the fitted gate judges, an edit right beside a kept one (no
  // punctuation between) needs this much less margin, in chains: spinners
  // replace runs of words ("american specific stated" for "american express
  // said"). Chosen on scripts/fit_restore_gate.sh's sets (README, Restore).
  double neighbour_discount = 5.0;
  // In a window of 8 to 49 words (a sentence or a short paragraph sent on its
  // own) the fitted gate asks this much more margin: it was fitted on whole
  // documents, and a single sentence's P(spun) is far less sure (the detector
  // gives 10% of clean news sentences 0.8 or more). Chosen on the dev rows'
  // sentence-by-sentence clean text against its spun copies (README, Restore).
  double short_window_offset = 2.5;
  // A learned dictionary's substitution rate (count / (occurrences + 1),
  // `unspin learn --texts`) backs an edit as the word model's P(replaced)
  // does, times this (at most 1). Chosen on copies held apart from the dev
  // rows (README, Restore).
  double rate_scale = 1.5;
  double support_probability = 0.7;
  bool use_detector = true;     // false: the density gate below even with a word model
  double channel_weight = 1.0;  // lambda on log10 P(observed | original)
  // Restore's search keeps 2 LM states per position, chosen by lookahead
  // among the best 16 (the detector's own decoder keeps 4 of 16: its word
  // model was fitted on that decoding, and reads this one as well).
  size_t beam = 2;
  // Pruning keeps the `beam` best of beam * lookahead_pool states by score plus
  // the next observed word's LM log10 (1: by score alone).
  size_t lookahead_pool = 8;
  size_t alternatives = 0;  // per edit, for --explain
  size_t candidates = 24;   // per span start and length
  // Gated by the detector, a sentence with words its word model marks (at
  // or above the span threshold) is decoded again, spans starting at those
  // words with this many candidates per length (the detector itself reads
  // the first decoding); not in a window of 50 words or more that it calls
  // clean. At most `candidates`: no second decoding.
  size_t spun_candidates = 96;
  double two_hop_penalty = 0;
  double multiword_penalty = 0;
  double truncation_penalty = 1.0;  // see DecoderOptions::truncation_penalty
  double rarity_weight = 0.15;      // see DecoderOptions::rarity_weight
  // See DecoderOptions::context_bonus; the context is the window.
  double context_bonus = 0.4;
  // See DecoderOptions::digits_prior (numbers of 10 or more spelled out).
  double digits_prior = 1.2;
  // Density gate (packs without a word model): a window whose density of
  // edits with a margin of at least `gate_margin` (per word) is below
  // `gate_density` looks clean and keeps only edits with a margin of at least
  // `clean_threshold`. Clean text rarely shows many strong edits.
  double gate_margin = 1.0;
  double gate_density = 0.05;
  // With a word model, a window under 8 words (a phrase or a short sentence
  // on its own) is judged by the density gate at this density of edits per
  // word instead: a single edit is already 1/7 of a 7-word window, so 0.05
  // would call every window with an edit spun (0.3: one edit in a phrase of
  // up to 3 words; "x-ray" is one word).
  double phrase_gate_density = 0.3;
  double clean_threshold = 6.0;
  size_t window_words = 2000;
  // Words disguised with look-alike letters of another script or hidden
  // characters (Token::disguise) are written as the Latin words they pass
  // for, edits of confidence 1 whatever the gates, unless another edit
  // replaces them.
  bool undisguise = true;
};

struct RestoreAlternative {
  std::string text;
  double lm_log10 = 0, channel_log10 = 0;
};

struct RestoreEdit {
  uint64_t start = 0, end = 0;  // byte offsets of the replaced span in the input
  std::string from, to;         // input bytes, replacement (case carried over)
  double confidence = 0;        // 0..1, from the margin
  double margin = 0;            // log10 advantage over keeping the observed words
  // The detector's word model: the highest P(replaced) of the edit's words;
  // -1 when the restorer is not gated by a word model.
  double support = -1;
  // The replacement's LM log10 (in the context of the best path) and channel
  // log10 (--explain).
  double lm_log10 = 0, channel_log10 = 0;
  // The detector's P(spun) for the window holding the edit; -1 when the
  // restorer is not gated by a word model.
  double window_score = -1;
  std::vector<RestoreAlternative> alternatives;  // the observed words first
};

struct RestoreResult {
  std::string text;
  std::vector<RestoreEdit> edits;
};

class Restorer {
 public:
  // `model` must outlive the restorer. Restore is const and thread-safe.
  Restorer(const Model& model, const RestoreOptions& options);
  ~Restorer();

  // Whether edits are gated by the pack's detector (its word model).
  bool gated_by_detector() const;

  // Known tortured phrases, TSV "tortured<TAB>expected" (as Detector's):
  // each is always replaced by its expected phrase (inflected forms too,
  // confidence 1), and the detector's gate counts them as it does in detect.
  // Not thread-safe: call before restoring.
  Status AddFingerprints(const std::string& path);

  // Restores `text` (held in memory). Bytes outside edits are unchanged.
  // Spintax left in the text ("{quick|fast}") is always replaced by one of
  // its alternatives, written as it stands (confidence 1).
  void Restore(std::string_view text, RestoreResult* out) const;

  // Restores a stream sentence by sentence in bounded memory: `sink` gets
  // each restored piece and its edits (offsets in the whole input), in order.
  Status RestoreStream(SentenceReader* reader,
                       const std::function<void(const RestoreResult&)>& sink) const;

 private:
  // Restores buffered sentences with the gate applied across them.
  void RestoreWindow(const std::vector<Sentence>& window, RestoreResult* out) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unspin

#endif  // UNSPIN_RESTORER_H_
