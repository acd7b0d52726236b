// Detect: is a text spun, and which spans? Evidence comes from the restore
// decoder (how much better the best original explains a span than the
// observed words) and from known fingerprints (tortured phrases); a logistic
// model turns document features into a calibrated probability.
#ifndef UNSPIN_DETECTOR_H_
#define UNSPIN_DETECTOR_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/model.h"
#include "unspin/status.h"

namespace unspin {

// Document features, all per word of the text except the last.
struct DetectFeatures {
  static constexpr size_t kCount = 10;
  // [0] edits with margin >= 1, [1] >= 2, [2] >= 3, [3] sum of min(margin, 6),
  // [4] fingerprint hits, [5] log10(words + 1), [6] edits with margin >= 0.5,
  // [7] mean LM log10 probability of the observed words (known words only),
  // [8] share of known words rarer than 1e-5 (unigram), [9] share of words
  // whose observed form is a candidate key of the lexicon with an original
  // more frequent than itself (a spinner's rarer synonym).
  std::array<double, kCount> values{};
};

// The calibration: P(spun) = 1 / (1 + exp(-(bias + sum weights[i] * x[i]))),
// x standardised with mean/scale; spun when P >= threshold.
struct DetectorParams {
  std::array<double, DetectFeatures::kCount> mean{}, scale{}, weights{};
  double bias = 0;
  double threshold = 0.5;
  std::string trained_on;  // a note: what data fitted it
  bool fitted = false;

  double Probability(const DetectFeatures& f) const;
  std::string ToJson() const;
  static Status FromJson(std::string_view json, DetectorParams* out);
};

struct DetectSpan {
  uint64_t start = 0, end = 0;  // byte offsets in the input
  std::string text, suggestion;
  double confidence = 0;
  std::string reason;  // "decoder" or "fingerprint"
};

struct DetectReport {
  double score = 0;  // P(spun)
  bool spun = false;
  double threshold = 0;
  size_t words = 0;
  std::vector<DetectSpan> spans;
  std::string note;  // e.g. thin evidence on short texts
  DetectFeatures features;
};

struct DetectOptions {
  double span_margin = 0.3;  // decoder edits at least this strong (log10 margin) become spans
};

class Detector {
 public:
  // Uses the pack's "detector" parameters when it has them; otherwise
  // `Detect` still reports features and spans, with an uncalibrated score.
  Detector(const Model& model, const DetectOptions& options);
  ~Detector();

  // Known tortured phrases, TSV "tortured<TAB>expected" (a header line naming
  // the columns is skipped); inflected forms match too.
  Status AddFingerprints(const std::string& path);
  void set_params(const DetectorParams& p);
  const DetectorParams& params() const;

  void Detect(std::string_view text, DetectReport* out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fits the calibration on feature vectors of spun and clean documents; the
// threshold is set for at most `max_false_positive_rate` on the clean ones.
DetectorParams FitDetector(const std::vector<DetectFeatures>& spun,
                           const std::vector<DetectFeatures>& clean,
                           double max_false_positive_rate);

}  // namespace unspin

#endif  // UNSPIN_DETECTOR_H_
