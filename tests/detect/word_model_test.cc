// The detector's per-word model: tree evaluation and its JSON form, the
// XGBoost fit (our evaluator must agree with XGBoost's own predictions),
// labels, the marking threshold, the whole fit, and spans in the detector.
#include <gtest/gtest.h>
#include <xgboost/c_api.h>

#include <cmath>
#include <random>

#include "detect/word_model_trainer.h"
#include "eval/metrics.h"
#include "tests/test_util.h"
#include "text/phrase.h"
#include "unspin/detector.h"

namespace unspin {
namespace {

double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

// Two trees: x[0] < 0.5 ? -1 : +1, then a constant 0.5.
WordModel TwoTrees() {
  WordModel m;
  m.base_margin = 0;
  m.nodes = {{0, 0.5f, 1, 2}, {-1, -1.0f, 0, 0}, {-1, 1.0f, 0, 0}, {-1, 0.5f, 0, 0}};
  m.roots = {0, 3};
  m.threshold = 0.4;
  return m;
}

WordEvidence With(size_t feature, double value) {
  WordEvidence e;
  e.values[feature] = value;
  return e;
}

TEST(WordModel, EvaluatesTreesAndSurvivesItsJson) {
  WordModel m = TwoTrees();
  EXPECT_NEAR(m.Probability(With(0, 0.0)), Sigmoid(-0.5), 1e-12);
  EXPECT_NEAR(m.Probability(With(0, 0.7)), Sigmoid(1.5), 1e-12);
  EXPECT_NEAR(m.Probability(With(0, 0.5)), Sigmoid(1.5), 1e-12);  // not below: right
  // The compiled form: one tree of depth 1, one leaf padded to depth 1.
  ASSERT_TRUE(m.Compile().ok());
  std::vector<WordEvidence> batch = {With(0, 0.0), With(0, 0.7), With(0, 0.5)};
  double p[3];
  m.Probabilities(batch.data(), batch.size(), p);
  EXPECT_NEAR(p[0], Sigmoid(-0.5), 1e-12);
  EXPECT_NEAR(p[1], Sigmoid(1.5), 1e-12);
  EXPECT_NEAR(p[2], Sigmoid(1.5), 1e-12);
  WordModel back;
  Status s = WordModel::FromJson(m.ToJson(), &back);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(back.roots, m.roots);
  EXPECT_DOUBLE_EQ(back.threshold, 0.4);
  for (double x : {-3.0, 0.2, 0.5, 0.9, 12.0}) {
    EXPECT_DOUBLE_EQ(back.Probability(With(0, x)), m.Probability(With(0, x)));
  }
}

// Random trees of uneven depth over few or many distinct thresholds (one
// byte of rank per split, or two past 255 thresholds a feature): the compiled
// walk agrees with the reference walk on every word, values at a threshold,
// between, beyond the ends and NaN (never below a threshold: right) included.
TEST(WordModel, CompiledWalkAgreesWithTheReference) {
  for (const size_t distinct : {3, 40, 300, 5000}) {
    std::mt19937 rng(static_cast<uint32_t>(distinct));
    std::uniform_int_distribution<int> feature(0, 3);
    std::uniform_int_distribution<size_t> pick(0, distinct - 1);
    std::uniform_real_distribution<float> leaf(-1, 1);
    auto threshold = [](size_t k) { return static_cast<float>(k) * 0.25f - 7.0f; };
    WordModel m;
    m.base_margin = 0.1f;
    for (int t = 0; t < 60; ++t) {
      m.roots.push_back(static_cast<uint32_t>(m.nodes.size()));
      // Grow a tree breadth first: each node splits with probability 0.7
      // down to depth 6, the root always.
      const uint32_t root = static_cast<uint32_t>(m.nodes.size());
      std::vector<std::pair<uint32_t, int>> open = {{root, 0}};
      m.nodes.push_back({});
      for (size_t i = 0; i < open.size(); ++i) {
        const auto [at, depth] = open[i];
        if (depth < 6 && (depth == 0 || rng() % 10 < 7)) {
          const uint32_t left = static_cast<uint32_t>(m.nodes.size());
          m.nodes.push_back({});
          m.nodes.push_back({});
          m.nodes[at] = {feature(rng), threshold(pick(rng)), left, left + 1};
          open.push_back({left, depth + 1});
          open.push_back({left + 1, depth + 1});
        } else {
          m.nodes[at] = {-1, leaf(rng), 0, 0};
        }
      }
    }
    ASSERT_TRUE(m.Compile().ok());
    std::vector<WordEvidence> words;
    for (int i = 0; i < 500; ++i) {
      WordEvidence e;
      for (size_t f = 0; f < 4; ++f) {
        switch (rng() % 4) {
          case 0:
            e.values[f] = threshold(pick(rng));
            break;  // at a threshold
          case 1:
            e.values[f] = threshold(pick(rng)) + 0.1;
            break;
          case 2:
            e.values[f] = (rng() % 2 ? 1 : -1) * 1e6;
            break;
          default:
            e.values[f] = std::nan("");
            break;
        }
      }
      words.push_back(e);
    }
    std::vector<double> batch(words.size());
    m.Probabilities(words.data(), words.size(), batch.data());
    for (size_t i = 0; i < words.size(); ++i) {
      EXPECT_NEAR(batch[i], m.Probability(words[i]), 1e-12) << distinct << " " << i;
    }
  }
}

// Tree values are floats: the JSON writes each as the shortest decimal that
// reads back as the same float (not its 17-digit double form), and every
// value survives bit for bit, from the tiniest to the largest.
TEST(WordModel, FloatsSurviveTheirShortestDecimalForm) {
  const float values[] = {0.1f, 1.0f / 3, -2.5e-7f, 3.4e38f, 1.2e-38f, 0.28203070163726807f};
  WordModel m;
  m.base_margin = 0.1f;
  m.threshold = 0.5;
  for (float v : values) {
    const uint32_t root = static_cast<uint32_t>(m.nodes.size());
    m.roots.push_back(root);
    m.nodes.push_back({0, v, root + 1, root + 2});
    m.nodes.push_back({-1, v, 0, 0});
    m.nodes.push_back({-1, -v, 0, 0});
  }
  const std::string json = m.ToJson();
  EXPECT_EQ(json.find("0.10000000149011612"), std::string::npos) << json;
  EXPECT_NE(json.find("0.1,"), std::string::npos) << json;
  EXPECT_NE(json.find("0.2820307,"), std::string::npos) << json;
  WordModel back;
  ASSERT_TRUE(WordModel::FromJson(json, &back).ok());
  EXPECT_EQ(back.base_margin, m.base_margin);
  ASSERT_EQ(back.nodes.size(), m.nodes.size());
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    EXPECT_EQ(back.nodes[i].threshold, m.nodes[i].threshold) << i;
    EXPECT_EQ(back.nodes[i].feature, m.nodes[i].feature) << i;
  }
}

TEST(WordModel, MalformedModelsAreErrorsNotCrashes) {
  WordModel out;
  const char* bad[] = {
      "not json",
      "{\"base_margin\": 0, \"threshold\": 0.5}",                                // no trees
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": []}",                 // empty
      "{\"base_margin\": 0, \"threshold\": 1.5, \"trees\": [[[-1, 1, 0, 0]]]}",  // threshold
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": [[[0, 1, 0, 0]]]}",   // self loop
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": [[[0, 1, 1, 2], [-1, 1, 0, 0]]]}",
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": [[[0, 1, 1, 2], [0, 1, 0, 2], "
      "[-1, 1, 0, 0]]]}",  // backwards
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": [[[99, 1, 1, 2], [-1, 1, 0, 0], "
      "[-1, 1, 0, 0]]]}",                                                     // feature
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": [[[-1, 1, 0]]]}",  // short node
      "{\"base_margin\": 0, \"threshold\": 0.5, \"trees\": [[[-1, \"x\", 0, 0]]]}",
  };
  for (const char* json : bad) {
    Status s = WordModel::FromJson(json, &out);
    EXPECT_FALSE(s.ok()) << json;
    EXPECT_NE(s.message().find("word model"), std::string::npos) << s.message();
  }
  // A detector parameter file with a broken word model is refused whole.
  DetectorParams p;
  p.fitted = true;
  p.threshold = 0.6;
  std::string json = p.ToJson();
  json.insert(json.rfind("\n}"), ",\n  \"words\": {\"base_margin\": 0, \"threshold\": 0.5}");
  EXPECT_FALSE(DetectorParams::FromJson(json, &p).ok());
}

// A small, single-threaded fit: `rounds` trees.
WordModelOptions SmallFit(int rounds) {
  WordModelOptions o;
  o.rounds = rounds;
  o.threads = 1;
  return o;
}

// Synthetic words: replaced when x[12] + 0.5 x[3] > 1, with 5% label noise.
void Synthetic(size_t n, uint32_t seed, std::vector<WordEvidence>* rows, std::vector<float>* y) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-2, 3);
  std::bernoulli_distribution noise(0.05);
  for (size_t i = 0; i < n; ++i) {
    WordEvidence e;
    for (double& v : e.values) v = u(rng);
    bool label = e.values[12] + 0.5 * e.values[3] > 1;
    rows->push_back(e);
    y->push_back(label != noise(rng) ? 1.0f : 0.0f);
  }
}

// The document features read from the words' probabilities, in text order:
// shares, counts over sqrt(words), the 99th percentile, the mean over words
// with candidate originals and adjacent pairs of likely replacements.
TEST(WordProbabilitySummary, SummarisesTheWordsProbabilities) {
  std::vector<WordEvidence> words(200);
  for (size_t i = 0; i < words.size(); ++i) {
    words[i].probability = 0.01;
    words[i].values[9] = i % 2 == 0 ? 0.5 : 0;  // even words have candidates
  }
  // Two adjacent sure words, one likely word alone, one at 0.6.
  words[10].probability = 0.97;
  words[11].probability = 0.92;
  words[50].probability = 0.85;
  words[100].probability = 0.6;
  DetectFeatures f;
  SetWordModelFeatures(words, words.size(), &f);
  EXPECT_NEAR(f.values[12], 4 / 200.0, 1e-12);             // P >= 0.5
  EXPECT_NEAR(f.values[15], 1 / std::sqrt(200.0), 1e-12);  // P >= 0.95
  EXPECT_NEAR(f.values[16], 3 / 200.0, 1e-12);             // P >= 0.8
  EXPECT_NEAR(f.values[17], 2 / std::sqrt(200.0), 1e-12);  // P >= 0.9
  EXPECT_NEAR(f.values[18], 0.92, 0.005 + 1e-12);          // 2nd highest of 200
  EXPECT_LE(f.values[18], 0.92);
  EXPECT_NEAR(f.values[19], (97 * 0.01 + 0.97 + 0.85 + 0.6) / 100, 1e-12);  // even words
  EXPECT_NEAR(f.values[20], 1 / 200.0, 1e-12);                              // words 10 and 11
  // Without words every feature is 0.
  DetectFeatures none;
  SetWordModelFeatures({}, 0, &none);
  for (size_t i = 10; i <= 20; ++i) EXPECT_EQ(none.values[i], 0) << i;
}

TEST(WordModelTrainer, LearnsAndAgreesWithXgboostItself) {
  std::vector<WordEvidence> rows;
  std::vector<float> y;
  Synthetic(3000, 1, &rows, &y);
  std::vector<const WordEvidence*> ptrs;
  for (const WordEvidence& e : rows) ptrs.push_back(&e);
  WordModelOptions o = SmallFit(40);
  o.max_depth = 4;
  WordModel m;
  std::string xgb_json;
  Status s = TrainWordModel(ptrs, y, o, &m, &xgb_json);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(m.roots.size(), 40u);
  // XGBoost's predictions of the same rows, from its own model.
  BoosterHandle booster = nullptr;
  ASSERT_EQ(XGBoosterCreate(nullptr, 0, &booster), 0);
  ASSERT_EQ(XGBoosterLoadModelFromBuffer(booster, xgb_json.data(), xgb_json.size()), 0);
  std::vector<float> data;
  for (const WordEvidence& e : rows) {
    for (double v : e.values) data.push_back(static_cast<float>(v));
  }
  DMatrixHandle dm = nullptr;
  ASSERT_EQ(
      XGDMatrixCreateFromMat(data.data(), rows.size(), WordEvidence::kCount, std::nanf(""), &dm),
      0);
  bst_ulong len = 0;
  const float* pred = nullptr;
  ASSERT_EQ(XGBoosterPredict(booster, dm, 0, 0, 0, &len, &pred), 0);
  ASSERT_EQ(len, rows.size());
  size_t correct = 0;
  std::vector<double> batch(rows.size());
  m.Probabilities(rows.data(), rows.size(), batch.data());  // compiled trees, 16 words at a time
  for (size_t i = 0; i < rows.size(); ++i) {
    const double p = m.Probability(rows[i]);
    EXPECT_NEAR(p, pred[i], 1e-5) << i;
    EXPECT_NEAR(batch[i], p, 1e-12) << i;
    correct += (p >= 0.5) == (rows[i].values[12] + 0.5 * rows[i].values[3] > 1);
  }
  EXPECT_GT(correct, rows.size() * 95 / 100);
  XGDMatrixFree(dm);
  XGBoosterFree(booster);
  EXPECT_FALSE(TrainWordModel({}, {}, o, &m).ok());
}

TEST(WordModelTrainer, ThresholdMaximisesF1) {
  // Positives at 0.6 and above, negatives at 0.4 and below: any cut in (0.4, 0.6].
  std::vector<double> p = {0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9};
  std::vector<float> y = {0, 0, 0, 0, 1, 1, 1, 1};
  double t = BestWordThreshold(p, y);
  EXPECT_GT(t, 0.4);
  EXPECT_LE(t, 0.6);
}

TEST(WordModelTrainer, WordsAreLabelledByOverlapWithChangedTokens) {
  std::vector<WordEvidence> ev(4);
  ev[0].start = 0, ev[0].end = 3;    // "The"
  ev[1].start = 4, ev[1].end = 10;   // "firm's"
  ev[2].start = 11, ev[2].end = 17;  // "stated"
  ev[3].start = 18, ev[3].end = 22;  // "loss"
  std::vector<float> y = LabelWords(ev, {{4, 8}, {11, 17}});
  EXPECT_EQ(y, (std::vector<float>{0, 1, 1, 0}));
  // The changed tokens as score.py finds them: "stated" -> "said".
  auto changed = ChangedTokenRanges("The firm stated a loss.", "The firm said a loss.");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], (std::pair<size_t, size_t>(9, 15)));
  EXPECT_TRUE(ChangedTokenRanges("", "added").empty());
}

// 20 spun documents of 150 words (words follow Synthetic's rule) and 20
// clean ones (nothing replaced, x[12] low), with the spun words' labels.
void SyntheticReports(std::vector<DetectReport>* spun, std::vector<DetectReport>* clean,
                      std::vector<std::vector<float>>* labels) {
  spun->assign(20, DetectReport());
  clean->assign(20, DetectReport());
  labels->assign(20, {});
  for (size_t d = 0; d < 20; ++d) {
    Synthetic(150, static_cast<uint32_t>(d + 10), &(*spun)[d].evidence, &(*labels)[d]);
    (*spun)[d].words = 150;
    std::vector<float> ignored;
    Synthetic(150, static_cast<uint32_t>(d + 100), &(*clean)[d].evidence, &ignored);
    for (WordEvidence& e : (*clean)[d].evidence) e.values[12] = -2;
    (*clean)[d].words = 150;
  }
}

TEST(WordModelTrainer, FitsTheWholeDetectorOnReports) {
  std::vector<DetectReport> spun, clean;
  std::vector<std::vector<float>> labels;
  SyntheticReports(&spun, &clean, &labels);
  const WordModelOptions o = SmallFit(30);
  DetectorParams p;
  std::string summary;
  Status s = FitDetectorWithWords(&spun, labels, &clean, {0.05}, o, &p, &summary);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_FALSE(p.words.empty());
  EXPECT_FALSE(p.short_texts.has_value());  // no pieces given: one calibration
  EXPECT_NE(summary.find("held-out word precision"), std::string::npos);
  size_t tp = 0, fp = 0;
  for (const DetectReport& r : spun) tp += p.Probability(r.features) >= p.threshold;
  for (const DetectReport& r : clean) fp += p.Probability(r.features) >= p.threshold;
  EXPECT_GE(tp, 18u);
  EXPECT_LE(fp, 1u);
  EXPECT_GT(spun[0].features.values[10], clean[0].features.values[10]);
  DetectorParams back;
  ASSERT_TRUE(DetectorParams::FromJson(p.ToJson(), &back).ok());
  EXPECT_EQ(back.words.roots.size(), p.words.roots.size());
  EXPECT_DOUBLE_EQ(back.words.Probability(spun[1].evidence[7]),
                   p.words.Probability(spun[1].evidence[7]));
  // A fixed span threshold is kept as given (--span-threshold), the rest of
  // the fit alike; without one it is the held-out F1's best on the grid.
  const double steps = (p.words.threshold - 0.05) / 0.025;
  EXPECT_NEAR(steps, std::round(steps), 1e-6);
  WordModelOptions fixed = o;
  fixed.span_threshold = 0.2125;
  DetectorParams q;
  ASSERT_TRUE(FitDetectorWithWords(&spun, labels, &clean, {0.05}, fixed, &q, &summary).ok());
  EXPECT_EQ(q.words.threshold, 0.2125);
  EXPECT_NE(summary.find("at threshold 0.212"), std::string::npos) << summary;
  EXPECT_EQ(q.threshold, p.threshold);
  std::vector<DetectReport> one(1);
  EXPECT_FALSE(FitDetectorWithWords(&one, {{}}, &clean, {0.05}, o, &p, &summary).ok());
}

TEST(WordModelTrainer, LightlySpunDocumentsPlaceTheDocumentBoundary) {
  std::vector<DetectReport> spun, clean;
  std::vector<std::vector<float>> labels;
  SyntheticReports(&spun, &clean, &labels);  // 20 heavily spun documents
  // 20 lightly spun ones: clean-looking words, 2 of 150 replaced.
  for (size_t d = 0; d < 20; ++d) {
    spun.push_back(clean[d]);
    labels.emplace_back(150, 0.0f);
    labels.back()[7] = labels.back()[70] = 1;
  }
  const WordModelOptions o = SmallFit(20);
  std::string summary;
  DetectorParams every, light, fallback;
  ASSERT_TRUE(FitDetectorWithWords(&spun, labels, &clean, {0.05, 1.0}, o, &every, &summary).ok());
  EXPECT_NE(summary.find("document model fitted on 40 spun documents"), std::string::npos)
      << summary;
  ASSERT_TRUE(FitDetectorWithWords(&spun, labels, &clean, {0.05, 0.05}, o, &light, &summary).ok());
  EXPECT_NE(summary.find("document model fitted on 20 spun documents (those"), std::string::npos)
      << summary;
  EXPECT_NE(light.bias, every.bias);  // another boundary
  // Fewer than kMinDocumentFit qualify: every spun document is used.
  ASSERT_TRUE(
      FitDetectorWithWords(&spun, labels, &clean, {0.05, 0.001}, o, &fallback, &summary).ok());
  EXPECT_NE(summary.find("document model fitted on 40 spun documents"), std::string::npos)
      << summary;
  EXPECT_EQ(fallback.bias, every.bias);
}

TEST(WordModelTrainer, FitsTheShortTextCalibrationOnPieces) {
  std::vector<DetectReport> spun, clean;
  std::vector<std::vector<float>> labels;
  SyntheticReports(&spun, &clean, &labels);
  ShortPieces pieces;
  pieces.words = 150;
  for (size_t d = 0; d < 20; ++d) {
    // Two pieces of 40 words from each document.
    for (size_t k = 0; k < 2; ++k) {
      DetectReport ps, pc;
      ps.evidence.assign(spun[d].evidence.begin() + 40 * k,
                         spun[d].evidence.begin() + 40 * (k + 1));
      pc.evidence.assign(clean[d].evidence.begin() + 40 * k,
                         clean[d].evidence.begin() + 40 * (k + 1));
      ps.words = pc.words = 40;
      pieces.spun.push_back(ps);
      pieces.spun_parent.push_back(d);
      pieces.clean.push_back(pc);
    }
  }
  const WordModelOptions o = SmallFit(30);
  DetectorParams p;
  std::string summary;
  ASSERT_TRUE(FitDetectorWithWords(&spun, labels, &clean, {0.05}, o, &p, &summary, &pieces).ok());
  ASSERT_TRUE(p.short_texts.has_value());
  EXPECT_EQ(p.short_words, 150u);
  // The pieces' features come from the word model, and the short
  // calibration tells them apart at its own threshold.
  EXPECT_GT(pieces.spun[0].features.values[10], pieces.clean[0].features.values[10]);
  size_t tp = 0, fp = 0;
  const DocumentModel& m = *p.short_texts;
  for (const DetectReport& r : pieces.spun) tp += m.Probability(r.features) >= m.threshold;
  for (const DetectReport& r : pieces.clean) fp += m.Probability(r.features) >= m.threshold;
  EXPECT_GE(tp, 30u);
  EXPECT_LE(fp, 2u);
  EXPECT_EQ(&p.ModelFor(40), &m);
}

class DetectorWordSpansTest : public testing_util::DefaultPackTest {
 protected:
  // Parameters whose word model marks words of at least 7 bytes (feature
  // 19) with P = sigmoid(leaf), and whose document score is sigmoid(bias).
  static DetectorParams LongWords(float leaf, double bias) {
    DetectorParams p;
    p.fitted = true;
    p.bias = bias;
    p.threshold = 0.5;
    p.words.nodes = {{19, 7.0f, 1, 2}, {-1, -5.0f, 0, 0}, {-1, leaf, 0, 0}};
    p.words.roots = {0};
    p.words.threshold = 0.5;
    return p;
  }
};

TEST_F(DetectorWordSpansTest, RunsOfMarkedWordsBecomeSpans) {
  Detector d(*model_, DetectOptions());
  // A 10-word text's verdict needs a score over the short-text bar (0.9995).
  d.set_params(LongWords(5, 12));
  const std::string text =
      "The company announced, remarkably, excellent results and shares rose sharply.";
  DetectReport r;
  d.Detect(text, &r);
  EXPECT_TRUE(r.spun);
  std::vector<std::string> spans;
  for (const DetectSpan& s : r.spans) {
    EXPECT_EQ(text.substr(s.start, s.end - s.start), s.text);
    EXPECT_TRUE(s.reason == "decoder" || s.reason == "context") << s.reason;
    EXPECT_NEAR(s.confidence, Sigmoid(5), 1e-9);
    // A suggestion differs from the span; empty when nothing fits better.
    EXPECT_NE(NormalizePhrase(s.suggestion), NormalizePhrase(s.text));
    spans.push_back(s.text);
  }
  // Adjacent long words join; punctuation and short words split.
  EXPECT_EQ(spans, (std::vector<std::string>{"company announced", "remarkably", "excellent results",
                                             "sharply"}));
  ASSERT_EQ(r.evidence.size(), 10u);
  EXPECT_NEAR(r.evidence[1].probability, Sigmoid(5), 1e-9);
  EXPECT_NEAR(r.evidence[0].probability, Sigmoid(-5), 1e-9);
  // The word model's document features: 6 of 10 words at P >= 0.5.
  EXPECT_NEAR(r.features.values[12], 0.6, 1e-9);
  // P >= 0.95 (here the 6 long words at Sigmoid(5)) counted over sqrt(10).
  EXPECT_NEAR(r.features.values[15], 6 / std::sqrt(10.0), 1e-9);
}

TEST_F(DetectorWordSpansTest, TextJudgedCleanKeepsOnlyTheSurestSpans) {
  Detector d(*model_, DetectOptions());
  const std::string text = "The company announced remarkable results.";
  DetectReport r;
  d.set_params(LongWords(1, -5));  // P(word) 0.73, document clean
  d.Detect(text, &r);
  EXPECT_FALSE(r.spun);
  EXPECT_TRUE(r.spans.empty());
  d.set_params(LongWords(5, -5));  // P(word) 0.993: still shown
  d.Detect(text, &r);
  EXPECT_FALSE(r.spun);
  ASSERT_EQ(r.spans.size(), 1u);
  EXPECT_EQ(r.spans[0].text, "company announced remarkable results");
  // A borderline text (score 0.73 under a threshold of 0.9) keeps its spans.
  DetectorParams borderline = LongWords(1, 1.0);
  borderline.threshold = 0.9;
  d.set_params(borderline);
  d.Detect(text, &r);
  EXPECT_FALSE(r.spun);
  EXPECT_GE(r.score, kBorderlineScore);
  ASSERT_EQ(r.spans.size(), 1u);
  EXPECT_LT(r.spans[0].confidence, 0.9);
}

}  // namespace
}  // namespace unspin
