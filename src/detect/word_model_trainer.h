// Fits the detector's per-word model (gradient-boosted trees, by XGBoost) on
// labelled word evidence, and picks its marking threshold.
#ifndef UNSPIN_DETECT_WORD_MODEL_TRAINER_H_
#define UNSPIN_DETECT_WORD_MODEL_TRAINER_H_

#include <string>
#include <utility>
#include <vector>

#include "detect/short_pieces.h"
#include "unspin/detector.h"
#include "unspin/status.h"

namespace unspin {

struct WordModelOptions {
  // 600 trees of depth <= 7: on the dev sets depth 6 (300 trees) gave token
  // F1 0.685 at rate 0.4, depth 7 0.728, depth 8 0.748, while the spinner never
  // trained on fell 0.595 -> 0.576 -> 0.554; 600 rather than 400 trees since
  // the word model reads local evidence instead of a decoder's (session 18:
  // token F1 at 0.4 +0.015 / +0.005) (README, Detect).
  int rounds = 600;
  int max_depth = 7;
  double learning_rate = 0.1;
  int threads = 0;  // 0: all cores
  // > 0: the marking threshold, fixed; 0: BestWordThreshold on held-out
  // predictions of the training words.
  double span_threshold = 0;
};

// `rows[i]`: one word's evidence; `labels[i]`: 1 if the word was replaced.
// The result's threshold is left at 0.5 (see BestWordThreshold).
// `xgboost_json`, when given, receives XGBoost's own model (for tests).
Status TrainWordModel(const std::vector<const WordEvidence*>& rows,
                      const std::vector<float>& labels, const WordModelOptions& options,
                      WordModel* out, std::string* xgboost_json = nullptr);

// The threshold in [0.05, 0.95] (steps of 0.025) that maximises F1 of
// "probability >= threshold" against the labels.
double BestWordThreshold(const std::vector<double>& probabilities,
                         const std::vector<float>& labels);

// 1 for each word of `evidence` that overlaps one of `changed` (byte ranges of
// the tokens the spinner changed), else 0.
std::vector<float> LabelWords(const std::vector<WordEvidence>& evidence,
                              const std::vector<std::pair<size_t, size_t>>& changed);

// The document features of each report, in order.
std::vector<DetectFeatures> FeaturesOf(const std::vector<DetectReport>& reports);

// How the document models are fitted (FitDetectorWithWords).
struct DocumentFitOptions {
  // The threshold lets at most this share of the clean documents through.
  double max_false_positive_rate = 0.01;
  // Only spun documents (and short pieces: ShortPieces::spun_density) with
  // at most this share of their words replaced (per the labels) teach the
  // document calibrations: copies spun more heavily are told apart at any
  // sensible boundary, and the boundary is better placed by the lightly spun
  // ones (README, Detect). If fewer than kMinDocumentFit qualify, all are
  // used.
  double max_density = 1.0;
};
constexpr size_t kMinDocumentFit = 20;

// Fits the whole detector. The word model learns from the spun documents'
// labelled words; the document calibration (FitDetector) sees word-model
// features that are honest for the spun documents: each half of them is
// predicted by a model fitted on the other half. The marking threshold is
// options.span_threshold, or when 0 the one that maximises word F1 on those
// held-out predictions. `spun` and `clean` hold reports of a detector without
// parameters (evidence and base features); their probabilities and features
// are updated. With `pieces` (spun and clean ones both present), the
// short-text calibration is fitted on them the same way (a spun piece's words
// predicted by the half model that did not see its document). `summary`
// receives a line about the fit.
Status FitDetectorWithWords(std::vector<DetectReport>* spun,
                            const std::vector<std::vector<float>>& labels,
                            std::vector<DetectReport>* clean, const DocumentFitOptions& document,
                            const WordModelOptions& options, DetectorParams* out,
                            std::string* summary, ShortPieces* pieces = nullptr);

// XGBoost's JSON model (binary:logistic, gbtree) as a WordModel. Exposed for tests.
Status WordModelFromXgboostJson(std::string_view json, WordModel* out);

}  // namespace unspin

#endif  // UNSPIN_DETECT_WORD_MODEL_TRAINER_H_
