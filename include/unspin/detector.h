// Detect: is a text spun, and which spans? Evidence comes from each word's
// candidate originals (how much better the best one explains the text around
// the word than the observed word: scored by the LM over a local window, or
// with decoder evidence by the restore decoder), from known fingerprints
// (tortured phrases) and from spintax left in the text ("{quick|fast}"); a
// per-word model marks spans and a logistic model turns document features
// into a calibrated probability (a fingerprint or spintax is decisive).
#ifndef UNSPIN_DETECTOR_H_
#define UNSPIN_DETECTOR_H_

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/model.h"
#include "unspin/status.h"
#include "unspin/text.h"

namespace unspin {

struct DecodedSentence;  // the decoder's view of a sentence (internal)

// Document features, all per word of the text except [5].
struct DetectFeatures {
  static constexpr size_t kCount = 23;
  // [0] edits with margin >= 1, [1] >= 2, [2] >= 3, [3] sum of min(margin, 6),
  // [4] fingerprint hits, [5] log10(words + 1), [6] edits with margin >= 0.5,
  // [7] mean LM log10 probability of the observed words (known words only),
  // [8] share of known words rarer than 1e-5 (unigram), [9] share of words
  // whose observed form is a candidate key of the lexicon with an original
  // more frequent than itself (a spinner's rarer synonym); from the word
  // model (0 without one): [10] mean P(replaced), [11] share of words with
  // P >= 0.3, [12] >= 0.5, [13] >= 0.7, [14] mean of the ten highest,
  // [15] words with P >= 0.95 over sqrt(words) (a count's z-score-like
  // scale: the same share of sure words is surer evidence in a longer text),
  // [16] share of words with P >= 0.8, [17] words with P >= 0.9 over
  // sqrt(words), [18] the 99th percentile of P (in steps of 0.005), [19] mean
  // P of the words that have candidate originals, [20] adjacent words both
  // at P >= 0.5, per word; from every word's evidence (WordEvidence): [21]
  // the mean of [4] (how much the context predicts each word), [22] the
  // mean of [8] (how much more frequent its candidate originals are).
  std::array<double, kCount> values{};
};

// The evidence about one word of the input (a word or number token), the
// inputs of the per-word model that marks spans.
struct WordEvidence {
  static constexpr size_t kCount = 23;
  uint64_t start = 0, end = 0;  // byte offsets in the input
  // [0] margin of the decoder edit over this word (0 if none; at most 6),
  // [1] the strongest such margin over either neighbour, [2] LM log10 of the
  // word in its observed context, [3] its unigram log10, [4] [2] - [3] (how
  // much the context predicts it), [5] the same lift for the next word,
  // [6] n-gram length matched for the word, [7] for the next word, [8] how
  // much more frequent (unigram log10, 0..4) its most frequent single-word
  // candidate original is, [9] log10(1 + candidate originals), [10] the
  // sentence's length in words (at most 60), [11] 1 for a word, 0
  // for a number, [12] how much better (LM log10, -8..8) its best single-word
  // candidate fits a window of the word and the two after it than the word
  // itself (-8: no candidate), [13] that candidate's unigram gap, [14] [8] of
  // the previous word, [15] of the next, [16] [12] of the previous word,
  // [17] of the next, [18] capitalised and not the sentence's first token,
  // [19] bytes (at most 20), [20] the longest observed span (words) with a
  // candidate original that covers the word (0: none), [21] the same for
  // the next word; from the whole text: [22] occurrences of its single-word
  // candidate originals (at most 20: a spinner that replaces some
  // occurrences of a word leaves the others). How often the word itself
  // occurs is no evidence: spinners that work from a fixed table repeat a
  // replacement at every occurrence, others do not.
  std::array<double, kCount> values{};
  double probability = 0;  // P(this word was replaced), when the pack has a word model
};

// The per-word model: gradient-boosted regression trees over a word's
// evidence, P(replaced) = 1 / (1 + exp(-(base_margin + sum of leaves))).
// A node with feature < 0 is a leaf; otherwise x[feature] (as float) <
// threshold goes to `left`, else `right` (NaN too); children come after their parent.
struct WordModel {
  struct Node {
    int32_t feature = -1;
    float threshold = 0;  // split value; the leaf's value when feature < 0
    uint32_t left = 0, right = 0;
  };
  float base_margin = 0;
  std::vector<Node> nodes;
  std::vector<uint32_t> roots;  // each tree's first node in `nodes`
  double threshold = 0.5;       // words at or above it are marked as spans

  bool empty() const { return roots.empty(); }
  // One word, walking `nodes` (the reference).
  double Probability(const WordEvidence& e) const;
  // Many words at once, each out[i] equal to Probability(words[i]) but
  // several times faster. REQUIRES: Compile() since `nodes` last changed.
  void Probabilities(const WordEvidence* words, size_t n, double* out) const;
  // Lays the trees out for Probabilities: each a complete binary tree of the
  // deepest tree's depth (shallower leaves repeated), children of slot i at
  // 2i + 1 and 2i + 2, so evaluation has no data-dependent branches. A split
  // holds its feature and the rank of its threshold among that feature's
  // distinct thresholds (x >= t exactly when t is among the first
  // rank(x) of them), one byte each when every feature has fewer than 256
  // thresholds (XGBoost's hist method has at most 255): the model stays in a
  // core's L2 cache. FromJson compiles; a model built by hand must call it.
  // Fails on trees deeper than kMaxCompiledDepth.
  Status Compile();
  static constexpr int kMaxCompiledDepth = 10;
  // {"base_margin", "threshold", "trees": [[[feature, threshold, left, right], ...], ...]},
  // child indices relative to the tree.
  std::string ToJson() const;
  // Checks every index: a malformed model is an error, never a crash.
  static Status FromJson(std::string_view json, WordModel* out);

 private:
  template <typename Rank>
  struct Split {
    Rank rank;        // go right when rank(x[feature]) >= rank
    uint8_t feature;  // kCount: a constant rank of 0 (a leaf above the bottom)
  };
  template <typename Rank>
  void Walk(const std::vector<Split<Rank>>& splits, const WordEvidence* words, size_t n,
            double* out) const;
  int depth_ = 0;  // of every compiled tree
  // Each feature's distinct split thresholds, ascending.
  std::array<std::vector<float>, WordEvidence::kCount> thresholds_;
  std::vector<Split<uint8_t>> narrow_;  // (2^depth - 1) per tree, or
  std::vector<Split<uint16_t>> wide_;   // when a feature has 256 thresholds or more
  std::vector<float> leaves_;           // 2^depth per tree
};

// Sets each word's probability from `model` (compiled).
void SetProbabilities(const WordModel& model, WordEvidence* words, size_t n);

// The word model's view of a text, gathered word by word (a text is read in
// windows): the document features [10..20].
class WordProbabilitySummary {
 public:
  // The next word of the text, in order (its probability set).
  void Add(const WordEvidence& word);
  // Sets [10..20] (`words`: the text's word count; all 0 without words).
  void SetFeatures(size_t words, DetectFeatures* f) const;

 private:
  static constexpr size_t kBins = 200;  // of the probabilities' histogram
  double Percentile99() const;
  double sum_ = 0, p03_ = 0, p05_ = 0, p07_ = 0, p08_ = 0, p09_ = 0, p095_ = 0;
  double candidate_sum_ = 0, candidates_ = 0;  // over words with candidate originals
  double pairs_ = 0;                           // adjacent words both at P >= 0.5
  double previous_ = 0;                        // the last word's P
  size_t count_ = 0;
  std::array<uint32_t, kBins> histogram_{};
  std::vector<double> top_;  // the ten highest, a min-heap
};

// Sets the document features [10..20] from the words' probabilities
// (`words`: the document's word count; all 0 without evidence).
void SetWordModelFeatures(const std::vector<WordEvidence>& evidence, size_t words,
                          DetectFeatures* f);

// A document calibration: P(spun) = 1 / (1 + exp(-(bias + sum weights[i] *
// x[i]))), x standardised with mean/scale; spun when P >= threshold.
struct DocumentModel {
  std::array<double, DetectFeatures::kCount> mean{}, scale{}, weights{};
  double bias = 0;
  double threshold = 0.5;

  double Probability(const DetectFeatures& f) const;
};

// The detector's parameters: the document calibration (this DocumentModel,
// fitted on whole documents), the per-word model, and optionally a second
// calibration for short texts. Scores of a few dozen words spread wider than
// those of whole articles on clean text, so one threshold cannot hold the
// false-positive rate at both lengths: texts under `short_words` words are
// scored by `short_texts`, fitted on pieces of the training documents of
// that length, with its own threshold.
// Where a word's evidence [0], [1], [20], [21] and the document's [0]-[3],
// [6] come from. kLocal: each word's candidate originals scored by the LM
// over a window of the text, no decoder run (word models fitted since
// session 18: detect's own parameters); kDecoder: a decoder's edits over each
// sentence (parameters without a word model, whose spans are those edits;
// word models fitted before session 18; restore's gate, which decodes
// anyway). kAuto (DetectOptions only): what the parameters were fitted on.
enum class Evidence { kAuto, kLocal, kDecoder };

// Very short texts (README, Detect, "Very short texts"): under `min_words`
// words the wording gives no spun verdict; from there a text needs at least
// 1 - 10^(bar_log10 + bar_slope * words), the 99th percentile of the scores
// of runs of that many words cut from clean training documents (`detect
// train` fits it: FitVeryShortBar). The defaults are the shipped detector's
// fit of session 26, for parameter files without "very_short".
struct VeryShortBar {
  size_t min_words = 8;
  double bar_log10 = -4.10, bar_slope = 0.090;
  // The bar a text of `words` words must clear given the calibration's
  // `threshold`: 1 under min_words (no verdict from the wording).
  double Threshold(double threshold, size_t words) const;
};

struct DetectorParams : DocumentModel {
  WordModel words;  // empty: spans come from the decoder's edits
  std::optional<DocumentModel> short_texts;
  size_t short_words = 0;  // with short_texts: texts under this many words use it
  VeryShortBar very_short;
  std::string trained_on;  // a note: what data fitted it
  bool fitted = false;
  // What the word model was fitted on: kLocal or kDecoder ("evidence" in
  // the JSON; absent: kDecoder, as every file before session 18).
  Evidence evidence = Evidence::kDecoder;
  // Parameters fitted on decoder evidence, for restore's gate (restore
  // decodes every sentence anyway, and its gate reads more from those
  // edits): "decoded" in the JSON. Null: the gate uses these parameters.
  std::shared_ptr<const DetectorParams> decoded;

  // Becomes the set carried for a decoder's edits, when there is one.
  void UseDecoded() {
    if (decoded == nullptr) return;
    const std::shared_ptr<const DetectorParams> set = decoded;
    *this = *set;
  }
  // The calibration for a text of `words` words.
  const DocumentModel& ModelFor(size_t words) const {
    return short_texts && words < short_words ? *short_texts : *this;
  }
  std::string ToJson() const;
  static Status FromJson(std::string_view json, DetectorParams* out);
};

// A text scoring at least this but under its threshold is borderline: judged
// clean, it still shows all its spans (and `check` says so). 0.7 keeps the
// token F1 that 0.5 gives on whole documents with half the spans on clean
// ones (README, Detect).
constexpr double kBorderlineScore = 0.7;

struct DetectSpan {
  uint64_t start = 0, end = 0;  // byte offsets in the input
  std::string text, suggestion;
  double confidence = 0;
  // "decoder" (a decoder edit inside), "context" (the word model alone),
  // "fingerprint" (a known tortured phrase), "spintax" (a "{a|b}" group
  // left in the text; the suggestion is the alternative restore writes) or
  // "disguise" (a word written with look-alike letters of another script or
  // hidden characters; the suggestion is the word undisguised: Undisguise).
  std::string reason;
};

struct DetectReport {
  double score = 0;  // P(spun)
  bool spun = false;
  double threshold = 0;
  size_t words = 0;
  std::vector<DetectSpan> spans;
  std::string note;  // e.g. thin evidence on short texts
  DetectFeatures features;
  std::vector<WordEvidence> evidence;  // per word, in order
};

struct DetectOptions {
  // Without a word model: decoder edits at least this strong (log10 margin)
  // become spans.
  double span_margin = 0.3;
  // A text is read in windows of about this many words (as restore's), so
  // memory stays bounded on input of any size; the document-level word
  // evidence ([22]) counts within a window.
  size_t window_words = 2000;
  // Fill DetectReport::evidence (every word's; --explain, training, restore's
  // gate). Off, memory does not grow with the text.
  bool keep_evidence = true;
  // The evidence to read (kAuto: the parameters' own; kDecoder whenever
  // they have no word model).
  Evidence evidence = Evidence::kAuto;
  // Use the parameters the pack carries for a decoder's edits
  // (DetectorParams::decoded: restore's gate, `detect --decoder-evidence`)
  // instead of its own; only the set used is read. A pack without them:
  // its own.
  bool decoded_parameters = false;
  // Read the evidence with the pack's own LM even when the pack keeps the
  // LM its detector was fitted with (Model::detector_lm): restore's gate on
  // a domain-LM pack reads its decoder's edits with the LM that made them
  // (README, "A domain LM from your own text": measured better than the
  // fitted LM's evidence for restoring, though detection needs the latter).
  bool pack_lm = false;
};

class Detector {
 public:
  // Uses the pack's "detector" parameters (or, with
  // options.decoded_parameters, those it carries for a decoder's edits) when
  // it has them; otherwise `Detect` still reports features and spans, with an
  // uncalibrated score.
  Detector(const Model& model, const DetectOptions& options);
  ~Detector();

  // Known tortured phrases, TSV "tortured<TAB>expected" (a header line naming
  // the columns is skipped); inflected forms match too.
  Status AddFingerprints(const std::string& path);
  void set_params(const DetectorParams& p);
  const DetectorParams& params() const;

  void Detect(std::string_view text, DetectReport* out) const;
  // As Detect over what `reader` yields (a file or standard input of any
  // size, read in windows); the reader's error, if any.
  Status DetectStream(SentenceReader* reader, DetectReport* out) const;

 private:
  friend void DetectDecoded(const Detector&, const std::vector<Sentence>&,
                            const std::vector<DecodedSentence>&, DetectReport*);
  // What a text's windows add up to for the document's verdict.
  struct Tally;
  // Detect's work over one window of a text (its sentences and their
  // decoding): appends its spans (and evidence, when kept) to `out`.
  void RunWindow(const std::vector<Sentence>& sentences,
                 const std::vector<DecodedSentence>& decoded, Tally* tally,
                 DetectReport* out) const;
  // The document's features, score, verdict and note from the tally.
  void Finish(const Tally& tally, DetectReport* out) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fits a calibration on feature vectors of spun and clean documents; the
// threshold is set for at most `max_false_positive_rate` on the clean ones.
DocumentModel FitDocumentModel(const std::vector<DetectFeatures>& spun,
                               const std::vector<DetectFeatures>& clean,
                               double max_false_positive_rate);
// The same as fitted detector parameters (no word model, no short-text
// calibration).
DetectorParams FitDetector(const std::vector<DetectFeatures>& spun,
                           const std::vector<DetectFeatures>& clean,
                           double max_false_positive_rate);

}  // namespace unspin

#endif  // UNSPIN_DETECTOR_H_
