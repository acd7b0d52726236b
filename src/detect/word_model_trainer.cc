#include "detect/word_model_trainer.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

namespace unspin {

namespace {

// Frees an XGBoost handle when it goes out of scope.
template <typename Handle, int (*Free)(Handle)>
struct XgbHandle {
  Handle h = nullptr;
  ~XgbHandle() {
    if (h != nullptr) Free(h);
  }
};

Status XgbError(const char* what) {
  return Status::InvalidArgument(std::string("xgboost: ") + what + ": " + XGBGetLastError());
}

}  // namespace

Status WordModelFromXgboostJson(std::string_view json, WordModel* out) {
  try {
    const nlohmann::json j = nlohmann::json::parse(json);
    const nlohmann::json& learner = j.at("learner");
    const double base =
        std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
    if (!(base > 0 && base < 1)) throw std::runtime_error("base_score outside (0, 1)");
    // The JSON form WordModel::FromJson checks: trees of [feature, value, left, right].
    nlohmann::json trees = nlohmann::json::array();
    for (const nlohmann::json& t : learner.at("gradient_booster").at("model").at("trees")) {
      const auto& left = t.at("left_children");
      const auto& right = t.at("right_children");
      const auto& feature = t.at("split_indices");
      const auto& value = t.at("split_conditions");
      nlohmann::json tree = nlohmann::json::array();
      for (size_t i = 0; i < left.size(); ++i) {
        const int64_t l = left[i].get<int64_t>();
        if (l < 0) {
          tree.push_back({-1, value[i].get<float>(), 0, 0});
        } else {
          tree.push_back(
              {feature[i].get<int32_t>(), value[i].get<float>(), l, right[i].get<int64_t>()});
        }
      }
      trees.push_back(std::move(tree));
    }
    nlohmann::json ours = {
        {"base_margin", std::log(base / (1 - base))}, {"threshold", 0.5}, {"trees", trees}};
    return WordModel::FromJson(ours.dump(), out);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("xgboost model: ") + e.what());
  }
}

Status TrainWordModel(const std::vector<const WordEvidence*>& rows,
                      const std::vector<float>& labels, const WordModelOptions& options,
                      WordModel* out, std::string* xgboost_json) {
  if (rows.empty() || rows.size() != labels.size()) {
    return Status::InvalidArgument("word model: no labelled words to train on");
  }
  constexpr size_t k = WordEvidence::kCount;
  std::vector<float> data(rows.size() * k);
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t f = 0; f < k; ++f) data[i * k + f] = static_cast<float>(rows[i]->values[f]);
  }
  XgbHandle<DMatrixHandle, XGDMatrixFree> dm;
  if (XGDMatrixCreateFromMat(data.data(), rows.size(), k, std::nanf(""), &dm.h) != 0) {
    return XgbError("cannot hold the training words");
  }
  if (XGDMatrixSetFloatInfo(dm.h, "label", labels.data(), labels.size()) != 0) {
    return XgbError("cannot set the labels");
  }
  XgbHandle<BoosterHandle, XGBoosterFree> booster;
  if (XGBoosterCreate(&dm.h, 1, &booster.h) != 0) return XgbError("cannot create the booster");
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const std::pair<std::string, std::string> params[] = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(options.max_depth)},
      {"eta", std::to_string(options.learning_rate)},
      {"base_score", "0.5"},
      {"seed", "0"},
      {"nthread", std::to_string(threads)},
      {"verbosity", "0"},
  };
  for (const auto& [name, value] : params) {
    if (XGBoosterSetParam(booster.h, name.c_str(), value.c_str()) != 0)
      return XgbError(name.c_str());
  }
  for (int round = 0; round < options.rounds; ++round) {
    if (XGBoosterUpdateOneIter(booster.h, round, dm.h) != 0) return XgbError("training failed");
  }
  bst_ulong size = 0;
  const char* buffer = nullptr;
  if (XGBoosterSaveModelToBuffer(booster.h, "{\"format\": \"json\"}", &size, &buffer) != 0) {
    return XgbError("cannot save the model");
  }
  if (xgboost_json != nullptr) xgboost_json->assign(buffer, size);
  return WordModelFromXgboostJson(std::string_view(buffer, size), out);
}

namespace {

size_t Positives(const std::vector<float>& labels) {
  size_t n = 0;
  for (float y : labels) n += y > 0.5f;
  return n;
}

// Words at or above `threshold`, and how many of them are replaced.
std::pair<size_t, size_t> FlaggedAndHits(const std::vector<double>& probabilities,
                                         const std::vector<float>& labels, double threshold) {
  size_t flagged = 0, tp = 0;
  for (size_t i = 0; i < probabilities.size(); ++i) {
    if (probabilities[i] < threshold) continue;
    ++flagged;
    tp += labels[i] > 0.5f;
  }
  return {flagged, tp};
}

// Sets the report's word probabilities from `model`, then its word-model
// document features.
void ApplyWordModel(const WordModel& model, DetectReport* r) {
  SetProbabilities(model, r->evidence.data(), r->evidence.size());
  SetWordModelFeatures(r->evidence, r->words, &r->features);
}

// The features of the spun reports whose share of replaced words
// (`density[i]`; 0 where not given) is at most `max_density`, or of all of
// them when fewer than kMinDocumentFit qualify (DocumentFitOptions).
std::vector<DetectFeatures> LightlySpun(const std::vector<DetectReport>& spun,
                                        const std::vector<double>& density, double max_density) {
  std::vector<DetectFeatures> light;
  for (size_t i = 0; i < spun.size(); ++i) {
    if (i >= density.size() || density[i] <= max_density) light.push_back(spun[i].features);
  }
  return light.size() < kMinDocumentFit ? FeaturesOf(spun) : light;
}

}  // namespace

double BestWordThreshold(const std::vector<double>& probabilities,
                         const std::vector<float>& labels) {
  double best = 0.5, best_f1 = -1;
  const size_t positives = Positives(labels);
  for (double t = 0.05; t < 0.951; t += 0.025) {
    const auto [flagged, tp] = FlaggedAndHits(probabilities, labels, t);
    const double f1 = flagged + positives ? 2.0 * tp / static_cast<double>(flagged + positives) : 0;
    if (f1 > best_f1) {
      best_f1 = f1;
      best = t;
    }
  }
  return best;
}

std::vector<float> LabelWords(const std::vector<WordEvidence>& evidence,
                              const std::vector<std::pair<size_t, size_t>>& changed) {
  std::vector<float> labels(evidence.size(), 0.0f);
  size_t c = 0;  // both in order: one merge-like pass
  for (size_t i = 0; i < evidence.size(); ++i) {
    while (c < changed.size() && changed[c].second <= evidence[i].start) ++c;
    for (size_t k = c; k < changed.size() && changed[k].first < evidence[i].end; ++k) {
      if (evidence[i].start < changed[k].second) {
        labels[i] = 1.0f;
        break;
      }
    }
  }
  return labels;
}

std::vector<DetectFeatures> FeaturesOf(const std::vector<DetectReport>& reports) {
  std::vector<DetectFeatures> out;
  out.reserve(reports.size());
  for (const DetectReport& r : reports) out.push_back(r.features);
  return out;
}

Status FitDetectorWithWords(std::vector<DetectReport>* spun,
                            const std::vector<std::vector<float>>& labels,
                            std::vector<DetectReport>* clean, const DocumentFitOptions& document,
                            const WordModelOptions& options, DetectorParams* out,
                            std::string* summary, ShortPieces* pieces) {
  const double max_false_positive_rate = document.max_false_positive_rate;
  if (spun->size() < 2 || labels.size() != spun->size()) {
    return Status::InvalidArgument("the word model needs at least two labelled spun documents");
  }
  // Rows of the documents whose index has parity `half` (2: all).
  auto rows_of = [&](int half, std::vector<const WordEvidence*>* rows, std::vector<float>* y) {
    for (size_t d = 0; d < spun->size(); ++d) {
      if (half != 2 && static_cast<int>(d % 2) != half) continue;
      const std::vector<WordEvidence>& ev = (*spun)[d].evidence;
      for (size_t i = 0; i < ev.size(); ++i) {
        rows->push_back(&ev[i]);
        y->push_back(labels[d][i]);
      }
    }
  };
  WordModel halves[2];
  for (int half = 0; half < 2; ++half) {
    std::vector<const WordEvidence*> rows;
    std::vector<float> y;
    rows_of(half, &rows, &y);
    UNSPIN_RETURN_IF_ERROR(TrainWordModel(rows, y, options, &halves[half]));
  }
  // Held-out predictions for the spun documents: each from the other half's model.
  std::vector<double> held_out;
  std::vector<float> held_labels;
  std::vector<double> density(spun->size());  // share of each document's words replaced
  for (size_t d = 0; d < spun->size(); ++d) {
    DetectReport& r = (*spun)[d];
    ApplyWordModel(halves[1 - d % 2], &r);
    for (size_t i = 0; i < r.evidence.size(); ++i) {
      held_out.push_back(r.evidence[i].probability);
      held_labels.push_back(labels[d][i]);
    }
    density[d] = labels[d].empty() ? 0.0
                                   : static_cast<double>(Positives(labels[d])) /
                                         static_cast<double>(labels[d].size());
  }
  WordModel all;
  {
    std::vector<const WordEvidence*> rows;
    std::vector<float> y;
    rows_of(2, &rows, &y);
    UNSPIN_RETURN_IF_ERROR(TrainWordModel(rows, y, options, &all));
  }
  all.threshold = options.span_threshold > 0 ? options.span_threshold
                                             : BestWordThreshold(held_out, held_labels);
  for (DetectReport& r : *clean) ApplyWordModel(all, &r);
  // The lightly spun documents place the whole-document boundary.
  const std::vector<DetectFeatures> light = LightlySpun(*spun, density, document.max_density);
  *out = FitDetector(light, FeaturesOf(*clean), max_false_positive_rate);
  if (pieces != nullptr && !pieces->spun.empty() && !pieces->clean.empty()) {
    for (size_t i = 0; i < pieces->spun.size(); ++i) {
      ApplyWordModel(halves[1 - pieces->spun_parent[i] % 2], &pieces->spun[i]);
    }
    for (DetectReport& r : pieces->clean) ApplyWordModel(all, &r);
    // The same for short texts: the lightly spun pieces place the boundary.
    out->short_texts =
        FitDocumentModel(LightlySpun(pieces->spun, pieces->spun_density, document.max_density),
                         FeaturesOf(pieces->clean), max_false_positive_rate);
    out->short_words = pieces->words;
  }
  out->words = std::move(all);
  const size_t positives = Positives(held_labels);
  const auto [flagged, tp] = FlaggedAndHits(held_out, held_labels, out->words.threshold);
  char line[256];
  std::snprintf(line, sizeof line,
                "word model: %zu words (%zu replaced), %zu trees; held-out word precision %.3f, "
                "recall %.3f at threshold %.3f",
                held_out.size(), positives, out->words.roots.size(),
                flagged ? static_cast<double>(tp) / static_cast<double>(flagged) : 0.0,
                positives ? static_cast<double>(tp) / static_cast<double>(positives) : 0.0,
                out->words.threshold);
  *summary = line;
  std::snprintf(line, sizeof line, "; document model fitted on %zu spun documents%s", light.size(),
                light.size() < spun->size()
                    ? " (those with at most the --doc-max-density share replaced)"
                    : "");
  *summary += line;
  return Status::Ok();
}

}  // namespace unspin
