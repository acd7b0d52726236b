#include "unspin/detector.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "base/line_reader.h"
#include "decode/sentence_decoder.h"
#include "lexicon/lexicon_impl.h"
#include "lexicon/lexicon_types.h"
#include "lm/lm_spelling.h"

namespace unspin {

double DetectorParams::Probability(const DetectFeatures& f) const {
  double z = bias;
  for (size_t i = 0; i < DetectFeatures::kCount; ++i) {
    double s = scale[i] > 0 ? scale[i] : 1;
    z += weights[i] * (f.values[i] - mean[i]) / s;
  }
  return 1 / (1 + std::exp(-z));
}

std::string DetectorParams::ToJson() const {
  nlohmann::json j = {{"mean", mean}, {"scale", scale},         {"weights", weights},
                      {"bias", bias}, {"threshold", threshold}, {"trained_on", trained_on}};
  return j.dump(2);
}

Status DetectorParams::FromJson(std::string_view json, DetectorParams* out) {
  try {
    nlohmann::json j = nlohmann::json::parse(json);
    DetectorParams p;
    auto read = [&](const char* k, std::array<double, DetectFeatures::kCount>* a) {
      const auto& v = j.at(k);
      if (!v.is_array() || v.size() != DetectFeatures::kCount) {
        throw std::runtime_error(std::string("\"") + k + "\" needs " +
                                 std::to_string(DetectFeatures::kCount) + " numbers");
      }
      for (size_t i = 0; i < a->size(); ++i) (*a)[i] = v[i].get<double>();
    };
    read("mean", &p.mean);
    read("scale", &p.scale);
    read("weights", &p.weights);
    p.bias = j.at("bias").get<double>();
    p.threshold = j.at("threshold").get<double>();
    if (j.contains("trained_on")) p.trained_on = j["trained_on"].get<std::string>();
    if (!(p.threshold > 0 && p.threshold < 1)) throw std::runtime_error("threshold outside (0, 1)");
    p.fitted = true;
    *out = p;
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("detector parameters: ") + e.what());
  }
}

struct Detector::Impl {
  Impl(const Model& m, const DetectOptions& o)
      : model(m), options(o), decoder(m.lm(), m.lexicon(), DecoderFor(o)), serial(++serials) {}
  static DecoderOptions DecoderFor(const DetectOptions& o) {
    DecoderOptions d;
    d.threshold = std::min(0.5, o.span_margin);
    return d;
  }
  const Model& model;
  DetectOptions options;
  Decoder decoder;
  DetectorParams params;
  // Unique per detector in the process: keys the per-thread memo of which
  // words have a more frequent synonym (a function of the model alone).
  uint64_t serial;
  static inline std::atomic<uint64_t> serials{0};
  std::unordered_map<std::string, std::string> fingerprints;  // normalised -> expected
  size_t max_fingerprint_tokens = 0;
};

Detector::Detector(const Model& model, const DetectOptions& options)
    : impl_(std::make_unique<Impl>(model, options)) {
  if (!model.detector_json().empty()) {
    DetectorParams p;
    if (DetectorParams::FromJson(model.detector_json(), &p).ok()) impl_->params = p;
  }
}
Detector::~Detector() = default;

void Detector::set_params(const DetectorParams& p) { impl_->params = p; }
const DetectorParams& Detector::params() const { return impl_->params; }

Status Detector::AddFingerprints(const std::string& path) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  const Lexicon::Impl& lex = impl_->model.lexicon().impl();
  std::string_view line;
  size_t added = 0;
  std::vector<std::string> forms;
  while (r->Next(&line)) {
    if (line.empty() || line.front() == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(r->line_number()) +
                                     ": expected 'tortured<TAB>expected'");
    }
    std::string tortured = NormalizePhrase(line.substr(0, tab));
    std::string expected(line.substr(tab + 1));
    if (expected.find('\t') != std::string::npos) expected.resize(expected.find('\t'));
    if (r->line_number() == 1 && tortured == "tortured") continue;  // header
    if (tortured.empty()) continue;
    // The phrase and its inflected forms: plural of a noun head, verb forms
    // of a first word.
    forms.clear();
    forms.push_back(tortured);
    for (Inflection infl : {Inflection::kPlural, Inflection::kPossessive}) {
      lex.morphology.InflectPhrase(tortured, Pos::kNoun, infl, nullptr, &forms);
    }
    for (Inflection infl : {Inflection::kThirdPerson, Inflection::kPast, Inflection::kGerund}) {
      lex.morphology.InflectPhrase(tortured, Pos::kVerb, infl, nullptr, &forms);
    }
    for (const std::string& f : forms) {
      impl_->fingerprints.emplace(f, expected);
      impl_->max_fingerprint_tokens =
          std::max(impl_->max_fingerprint_tokens, SplitPhrase(f).size());
    }
    ++added;
  }
  UNSPIN_RETURN_IF_ERROR(r->status());
  if (added == 0) return Status::InvalidArgument(path + ": no fingerprints");
  return Status::Ok();
}

void Detector::Detect(std::string_view text, DetectReport* out) const {
  const Impl& m = *impl_;
  *out = DetectReport();
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  Sentence s;
  DecodedSentence ds;
  double ge1 = 0, ge2 = 0, ge3 = 0, ge05 = 0, strength = 0, hits = 0;
  double lm_sum = 0, rare = 0, rarer_synonym = 0;
  size_t words = 0, lm_words = 0;
  std::vector<Candidate> cands;
  const LanguageModel& lm = m.model.lm();
  // Whether a word has a single-word candidate original at least ten times as
  // frequent (unigram): a spinner's rarer synonym. Memoised per word type
  // across the documents this thread sees with this detector (cleared when it
  // grows large, or the detector or its lexicon's contents change).
  thread_local uint64_t memo_owner = 0, memo_lexicon = 0;
  thread_local std::unordered_map<std::string, bool> rarer_memo;
  const uint64_t lexicon_stamp = m.model.lexicon().stamp();
  if (memo_owner != m.serial || memo_lexicon != lexicon_stamp || rarer_memo.size() > (1u << 20)) {
    rarer_memo.clear();
    memo_owner = m.serial;
    memo_lexicon = lexicon_stamp;
  }
  auto HasMoreFrequentSynonym = [&](std::string_view w, float uni) {
    cands.clear();
    m.model.lexicon().Lookup(std::span<const std::string_view>(&w, 1), 0, &cands);
    LmState scratch;
    for (const Candidate& c : cands) {
      if (c.identity || c.length != 1 || c.text.find(' ') != std::string::npos) continue;
      WordId o = lm.Index(c.text);
      if (o != lm.oov_id() && lm.Score(lm.NullState(), o, &scratch).log10_prob > uni + 1)
        return true;
    }
    return false;
  };
  while (reader->Next(&s)) {
    DecodeSentence(m.decoder, s, &ds);
    LmState state = lm.BeginSentenceState(), next;
    for (const Token* t : ds.words) {
      if (t->kind != TokenKind::kWord && t->kind != TokenKind::kNumber) continue;
      ++words;
      WordId ids[kMaxSpelledWords];
      const size_t n = SpellForLm(lm, t->norm, ids);
      LmScore sc;  // the token's words together
      for (size_t k = 0; k < n; ++k) {
        LmScore part = lm.Score(state, ids[k], &next);
        state = next;
        sc.log10_prob += part.log10_prob;
        sc.oov = part.oov;
      }
      const WordId id = ids[0];
      if (!sc.oov) {
        lm_sum += sc.log10_prob;
        ++lm_words;
        LmState scratch;
        float uni = lm.Score(lm.NullState(), id, &scratch).log10_prob;
        rare += uni < -5;
        if (t->kind == TokenKind::kWord) {
          auto [it, fresh] = rarer_memo.try_emplace(t->norm, false);
          if (fresh) it->second = HasMoreFrequentSynonym(t->norm, uni);
          rarer_synonym += it->second;
        }
      }
    }
    std::vector<DetectSpan> fp;
    // Fingerprints: known tortured phrases over the sentence's tokens.
    for (size_t i = 0; i < ds.words.size() && m.max_fingerprint_tokens > 0; ++i) {
      std::string key;
      size_t best = 0;
      const std::string* expected = nullptr;
      for (size_t k = i; k < ds.words.size() && k - i < m.max_fingerprint_tokens; ++k) {
        if (!key.empty()) key += ' ';
        key += ds.words[k]->norm;
        auto it = m.fingerprints.find(key);
        if (it != m.fingerprints.end()) {
          best = k + 1;
          expected = &it->second;
        }
      }
      if (expected == nullptr) continue;
      const Token* first = ds.words[i];
      const Token* last = ds.words[best - 1];
      DetectSpan span;
      span.start = first->begin;
      span.end = last->begin + last->size;
      span.text = std::string(text.substr(span.start, span.end - span.start));
      span.suggestion = *expected;
      span.confidence = 1.0;
      span.reason = "fingerprint";
      fp.push_back(std::move(span));
      ++hits;
      i = best - 1;
    }
    for (const DecodedEdit& d : ds.edits) {
      if (d.margin >= 0.5) {  // document features count the same edits whatever the spans
        ge1 += d.margin >= 1;
        ge2 += d.margin >= 2;
        ge3 += d.margin >= 3;
        ge05 += 1;
        strength += std::min(d.margin, 6.0);
      }
      if (d.margin < m.options.span_margin) continue;
      const Token* first = ds.words[d.begin];
      const Token* last = ds.words[d.end - 1];
      DetectSpan span;
      span.start = first->begin;
      span.end = last->begin + last->size;
      bool covered = false;
      for (const DetectSpan& f : fp) covered |= f.start < span.end && span.start < f.end;
      if (covered) continue;
      span.text = std::string(text.substr(span.start, span.end - span.start));
      span.suggestion = ApplyCaseShape(d.text, SpanShape(ds.words, d.begin, d.end));
      span.confidence = 1.0 / (1.0 + std::pow(10.0, -d.margin));
      span.reason = "decoder";
      out->spans.push_back(std::move(span));
    }
    out->spans.insert(out->spans.end(), fp.begin(), fp.end());
  }
  std::sort(out->spans.begin(), out->spans.end(),
            [](const DetectSpan& a, const DetectSpan& b) { return a.start < b.start; });
  double n = std::max<size_t>(words, 1);
  out->features.values = {ge1 / n,
                          ge2 / n,
                          ge3 / n,
                          strength / n,
                          hits / n,
                          std::log10(static_cast<double>(words) + 1),
                          ge05 / n,
                          lm_words ? lm_sum / static_cast<double>(lm_words) : 0.0,
                          lm_words ? rare / static_cast<double>(lm_words) : 0.0,
                          lm_words ? rarer_synonym / static_cast<double>(lm_words) : 0.0};
  out->words = words;
  if (m.params.fitted) {
    out->score = m.params.Probability(out->features);
    out->threshold = m.params.threshold;
  } else {
    // Uncalibrated fallback: the density of strong edits against 5 per 100 words.
    out->score = std::min(1.0, out->features.values[1] / 0.05);
    out->threshold = 0.5;
    out->note = "uncalibrated score: this model pack has no detector parameters";
  }
  if (hits > 0) out->score = std::max(out->score, 0.99);  // a known fingerprint is decisive
  out->spun = out->score >= out->threshold;
  if (words < 50) {
    out->note = std::string(out->note.empty() ? "" : out->note + "; ") + "short text (" +
                std::to_string(words) + " words): the evidence is thin";
  }
}

DetectorParams FitDetector(const std::vector<DetectFeatures>& spun,
                           const std::vector<DetectFeatures>& clean,
                           double max_false_positive_rate) {
  DetectorParams p;
  const size_t k = DetectFeatures::kCount;
  std::vector<std::pair<const DetectFeatures*, double>> data;
  for (const auto& f : spun) data.emplace_back(&f, 1.0);
  for (const auto& f : clean) data.emplace_back(&f, 0.0);
  if (data.empty()) return p;
  for (size_t i = 0; i < k; ++i) {
    double sum = 0, sq = 0;
    for (const auto& [f, y] : data) sum += f->values[i];
    p.mean[i] = sum / data.size();
    for (const auto& [f, y] : data) sq += (f->values[i] - p.mean[i]) * (f->values[i] - p.mean[i]);
    p.scale[i] = std::sqrt(sq / data.size());
    if (p.scale[i] < 1e-12) p.scale[i] = 1;
  }
  // Class-balanced logistic regression, L2 0.01, gradient descent.
  double wpos = data.size() / (2.0 * std::max<size_t>(spun.size(), 1));
  double wneg = data.size() / (2.0 * std::max<size_t>(clean.size(), 1));
  p.fitted = true;
  for (int iter = 0; iter < 3000; ++iter) {
    std::array<double, DetectFeatures::kCount> grad{};
    double gb = 0;
    for (const auto& [f, y] : data) {
      double err = (p.Probability(*f) - y) * (y > 0.5 ? wpos : wneg);
      for (size_t i = 0; i < k; ++i) grad[i] += err * (f->values[i] - p.mean[i]) / p.scale[i];
      gb += err;
    }
    for (size_t i = 0; i < k; ++i)
      p.weights[i] -= 0.5 * (grad[i] / data.size() + 0.01 * p.weights[i]);
    p.bias -= 0.5 * gb / data.size();
  }
  std::vector<double> clean_scores;
  for (const auto& f : clean) clean_scores.push_back(p.Probability(f));
  std::sort(clean_scores.rbegin(), clean_scores.rend());
  size_t allowed = static_cast<size_t>(max_false_positive_rate * clean_scores.size());
  double q = clean_scores.empty() ? 0.5 : clean_scores[std::min(allowed, clean_scores.size() - 1)];
  p.threshold = std::min(0.999, std::max(0.5, q + 1e-6));
  return p;
}

}  // namespace unspin
