// DetectorParams and DocumentModel: the calibration's arithmetic and the
// parameters' JSON form (data/detector.json, `detect train`'s output).
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "detect/word_model_json.h"
#include "unspin/detector.h"

namespace unspin {

double DocumentModel::Probability(const DetectFeatures& f) const {
  double z = bias;
  for (size_t i = 0; i < DetectFeatures::kCount; ++i) {
    double s = scale[i] > 0 ? scale[i] : 1;
    z += weights[i] * (f.values[i] - mean[i]) / s;
  }
  return 1 / (1 + std::exp(-z));
}

namespace {

nlohmann::json DocumentModelJson(const DocumentModel& m) {
  return {{"mean", m.mean},
          {"scale", m.scale},
          {"weights", m.weights},
          {"bias", m.bias},
          {"threshold", m.threshold}};
}

// Reads a DocumentModel's fields from a JSON object (`where` names it in errors).
void ReadDocumentModel(simdjson::dom::element j, const std::string& where, DocumentModel* out) {
  auto read = [&](const char* k, std::array<double, DetectFeatures::kCount>* a) {
    simdjson::dom::array v;
    if (j[k].get(v) != simdjson::SUCCESS || v.size() != DetectFeatures::kCount) {
      throw std::runtime_error(where + "\"" + k + "\" needs " +
                               std::to_string(DetectFeatures::kCount) +
                               " numbers (parameters from an older unspin: refit them with "
                               "'unspin detect train')");
    }
    size_t i = 0;
    for (simdjson::dom::element x : v) (*a)[i++] = json_read::Number(x, k);
  };
  read("mean", &out->mean);
  read("scale", &out->scale);
  read("weights", &out->weights);
  out->bias = json_read::Number(j["bias"], "\"bias\"");
  out->threshold = json_read::Number(j["threshold"], "\"threshold\"");
  if (!(out->threshold > 0 && out->threshold < 1)) {
    throw std::runtime_error(where + "threshold outside (0, 1)");
  }
}

}  // namespace

double VeryShortBar::Threshold(double threshold, size_t words) const {
  if (words < min_words) return 1.0;
  const double bar = 1 - std::pow(10.0, bar_log10 + bar_slope * static_cast<double>(words));
  return std::max(threshold, bar);
}

std::string DetectorParams::ToJson() const {
  nlohmann::json j = DocumentModelJson(*this);
  j["trained_on"] = trained_on;
  j["evidence"] = evidence == Evidence::kLocal ? "local" : "decoder";
  if (short_texts) {
    j["short_texts"] = DocumentModelJson(*short_texts);
    j["short_texts"]["words"] = short_words;
  }
  j["very_short"] = {{"min_words", very_short.min_words},
                     {"bar_log10", very_short.bar_log10},
                     {"bar_slope", very_short.bar_slope}};
  std::string out = j.dump(2);
  // The trees stay on one line (compact); the rest is indented for people.
  if (!words.empty()) out.insert(out.rfind("\n}"), ",\n  \"words\": " + words.ToJson());
  if (decoded) out.insert(out.rfind("\n}"), ",\n  \"decoded\": " + decoded->ToJson());
  return out;
}

namespace {

// Reads DetectorParams from a JSON object (`decoded` nested once at most).
DetectorParams ReadDetectorParams(simdjson::dom::element j, bool nested) {
  DetectorParams p;
  ReadDocumentModel(j, "", &p);
  std::string_view trained_on;
  if (j["trained_on"].get(trained_on) == simdjson::SUCCESS) p.trained_on = trained_on;
  simdjson::dom::element short_texts;
  if (j["short_texts"].get(short_texts) == simdjson::SUCCESS) {
    DocumentModel m;
    ReadDocumentModel(short_texts, "short_texts: ", &m);
    const int64_t words = json_read::Int(short_texts["words"], "short_texts: \"words\"");
    if (words < 1) throw std::runtime_error("short_texts: \"words\" must be positive");
    p.short_texts = m;
    p.short_words = static_cast<size_t>(words);
  }
  simdjson::dom::element very_short;
  if (j["very_short"].get(very_short) == simdjson::SUCCESS) {
    const int64_t min_words = json_read::Int(very_short["min_words"], "very_short: \"min_words\"");
    if (min_words < 0) throw std::runtime_error("very_short: \"min_words\" must not be negative");
    p.very_short.min_words = static_cast<size_t>(min_words);
    p.very_short.bar_log10 =
        json_read::Number(very_short["bar_log10"], "very_short: \"bar_log10\"");
    p.very_short.bar_slope =
        json_read::Number(very_short["bar_slope"], "very_short: \"bar_slope\"");
    if (!(p.very_short.bar_slope > 0)) {
      throw std::runtime_error(
          "very_short: \"bar_slope\" must be positive (the bar falls with length)");
    }
  }
  simdjson::dom::element words;
  if (j["words"].get(words) == simdjson::SUCCESS) {
    try {
      json_read::ReadWordModel(words, &p.words);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("word model: ") + e.what());
    }
  }
  std::string_view evidence;
  if (j["evidence"].get(evidence) == simdjson::SUCCESS) {
    if (evidence != "local" && evidence != "decoder") {
      throw std::runtime_error("\"evidence\" must be \"local\" or \"decoder\"");
    }
    p.evidence = evidence == "local" ? Evidence::kLocal : Evidence::kDecoder;
  }
  simdjson::dom::element decoded;
  if (j["decoded"].get(decoded) == simdjson::SUCCESS) {
    if (nested) throw std::runtime_error("\"decoded\" parameters cannot nest");
    try {
      p.decoded = std::make_shared<DetectorParams>(ReadDetectorParams(decoded, true));
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("decoded: ") + e.what());
    }
  }
  p.fitted = true;
  return p;
}

}  // namespace

Status DetectorParams::FromJson(std::string_view json, DetectorParams* out) {
  try {
    simdjson::dom::parser parser;
    const simdjson::dom::element j = parser.parse(json.data(), json.size());
    *out = ReadDetectorParams(j, false);
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("detector parameters: ") + e.what());
  }
}

}  // namespace unspin
