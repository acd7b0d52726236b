// Detect: the default pack's calibrated verdicts on the project's example
// texts, spans, fingerprints, short and empty texts, and the calibration fit.
#include "unspin/detector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/section_file.h"
#include "detect/short_pieces.h"
#include "model/detector_sections.h"
#include "tests/test_util.h"
#include "text/number_words.h"
#include "text/phrase.h"

namespace unspin {
namespace {

std::string Example(const std::string& name) {
  return testing_util::ReadAll(std::string(UNSPIN_SOURCE_DIR) + "/data/examples/" + name);
}

class DetectorTest : public testing_util::DefaultPackTest {};

TEST_F(DetectorTest, TellsTheSpunStoryFromTheOriginal) {
  Detector d(*model_, DetectOptions());
  ASSERT_TRUE(d.params().fitted) << "the default pack carries data/detector.json";
  DetectReport spun, clean;
  std::string spun_text = Example("news_spun.txt");
  d.Detect(spun_text, &spun);
  d.Detect(Example("news_original.txt"), &clean);
  EXPECT_TRUE(spun.spun);
  EXPECT_FALSE(clean.spun);
  EXPECT_GT(spun.score, clean.score);
  EXPECT_GT(spun.score, 0.9);
  EXPECT_LT(clean.score, 0.5);
  // The story is under 150 words: the pack's short-text calibration scores it.
  ASSERT_TRUE(d.params().short_texts.has_value());
  EXPECT_LT(spun.words, d.params().short_words);
  EXPECT_EQ(spun.threshold, d.params().short_texts->threshold);
  EXPECT_GT(spun.words, 90u);
  ASSERT_GE(spun.spans.size(), 8u);
  bool inside = false;
  for (const DetectSpan& s : spun.spans) {
    EXPECT_EQ(spun_text.substr(s.start, s.end - s.start), s.text);
    EXPECT_GT(s.confidence, 0);
    EXPECT_LE(s.confidence, 1);
    // The pack's word model marks the spans; "decoder" when an edit is inside.
    EXPECT_TRUE(s.reason == "decoder" || s.reason == "context") << s.reason;
    if (s.text == "Inside") {
      inside = true;
      EXPECT_EQ(s.suggestion, "Interior");
    }
  }
  EXPECT_TRUE(inside);
}

// Evidence [22] counts the word's candidate originals elsewhere in the text:
// "stated" beside a "said" has one, on its own none.
TEST_F(DetectorTest, CandidateOriginalsInTheTextAreEvidence) {
  Detector d(*model_, DetectOptions());
  auto stated_evidence = [&](const std::string& text) {
    DetectReport r;
    d.Detect(text, &r);
    for (const WordEvidence& e : r.evidence) {
      if (text.substr(e.start, e.end - e.start) == "stated") return e.values[22];
    }
    ADD_FAILURE() << "no evidence for 'stated' in " << text;
    return -1.0;
  };
  EXPECT_EQ(stated_evidence("The minister stated that prices would rise."), 0.0);
  EXPECT_EQ(stated_evidence("The minister stated that prices would rise, he said."), 1.0);
  EXPECT_EQ(stated_evidence("He said so. The minister stated it. She said no."), 2.0);
}

// A word's type evidence ([9]: log10(1 + its candidate originals)) counts
// the relations the sources list, not those read backwards (the default pack
// has both for "said"): the word model sees the lexicon it was fitted on.
TEST_F(DetectorTest, TypeEvidenceSkipsRelationsReadBackwards) {
  Detector d(*model_, DetectOptions());
  const std::string text = "The minister said that prices would rise.";
  std::string_view word = "said";
  std::vector<Candidate> cands;
  model_->lexicon().Lookup(std::span<const std::string_view>(&word, 1), 0, &cands);
  size_t listed = 0, reversed = 0;
  for (const Candidate& c : cands) {
    if (c.identity) continue;
    ++(c.reversed ? reversed : listed);
  }
  ASSERT_GT(reversed, 0u) << "the default pack reads relations backwards";
  DetectReport r;
  d.Detect(text, &r);
  bool found = false;
  for (const WordEvidence& e : r.evidence) {
    if (text.substr(e.start, e.end - e.start) != word) continue;
    found = true;
    EXPECT_DOUBLE_EQ(e.values[9], std::log10(1.0 + static_cast<double>(listed)));
  }
  EXPECT_TRUE(found);
}

// A text is read in windows; a file streams through the same path as a
// string; without kept evidence the verdict and spans are the same and the
// report holds no per-word evidence (memory does not grow with the text).
TEST_F(DetectorTest, WindowsStreamsAndEvidenceLessReportsAgree) {
  std::string text;
  for (int i = 0; i < 6; ++i) text += Example("news_spun.txt") + "\n";
  Detector whole(*model_, DetectOptions());
  DetectReport a;
  whole.Detect(text, &a);
  EXPECT_EQ(a.evidence.size(), a.words);
  std::unique_ptr<SentenceReader> reader;
  ASSERT_TRUE(SentenceReader::Open(testing_util::WriteTemp("six.txt", text), &reader).ok());
  DetectReport b;
  ASSERT_TRUE(whole.DetectStream(reader.get(), &b).ok());
  EXPECT_EQ(b.score, a.score);
  EXPECT_EQ(b.spans.size(), a.spans.size());
  DetectOptions lean;
  lean.keep_evidence = false;
  DetectReport c;
  Detector(*model_, lean).Detect(text, &c);
  EXPECT_TRUE(c.evidence.empty());
  EXPECT_EQ(c.score, a.score);
  EXPECT_EQ(c.spans.size(), a.spans.size());
  // Small windows: every span still points at its own bytes, the whole text
  // is counted, and the verdict holds.
  DetectOptions small;
  small.window_words = 60;
  DetectReport d;
  Detector(*model_, small).Detect(text, &d);
  EXPECT_EQ(d.words, a.words);
  EXPECT_TRUE(d.spun);
  ASSERT_FALSE(d.spans.empty());
  for (const DetectSpan& sp : d.spans) EXPECT_EQ(text.substr(sp.start, sp.end - sp.start), sp.text);
  EXPECT_GT(d.spans.back().start, text.size() * 5 / 6);  // spans in the last copy too
}

TEST_F(DetectorTest, FingerprintsAreAlwaysFlaggedInflectedToo) {
  Detector d(*model_, DetectOptions());
  std::string tsv = testing_util::WriteTemp(
      "fp.tsv", "tortured\texpected\ncounterfeit consciousness\tartificial intelligence\n");
  ASSERT_TRUE(d.AddFingerprints(tsv).ok());
  std::string text =
      "Recent work on counterfeit consciousnesses shows promise. Counterfeit consciousness is "
      "everywhere.";
  DetectReport r;
  d.Detect(text, &r);
  size_t fingerprints = 0;
  for (const DetectSpan& s : r.spans) {
    if (s.reason != "fingerprint") continue;
    ++fingerprints;
    EXPECT_EQ(s.suggestion, "artificial intelligence");
    EXPECT_EQ(s.confidence, 1.0);
    EXPECT_EQ(text.substr(s.start, s.end - s.start), s.text);
  }
  EXPECT_EQ(fingerprints, 2u);
  EXPECT_TRUE(r.spun);
  EXPECT_FALSE(d.AddFingerprints(testing_util::WriteTemp("bad.tsv", "no tab\n")).ok());
  EXPECT_FALSE(d.AddFingerprints("/nonexistent.tsv").ok());
}

// Look-alike letters and hidden characters: each disguised word a span, the
// verdict spun from kDecisiveDisguises (3) words on, the wording's own spans
// unchanged.
TEST_F(DetectorTest, DisguisedWordsAreMarkedAndSeveralDecide) {
  Detector d(*model_, DetectOptions());
  const std::string original = Example("news_original.txt");
  size_t count = 0;
  const std::string text = testing_util::DisguiseEveryNthWord(original, 5, &count);
  ASSERT_GE(count, 10u);
  DetectReport clean, disguised;
  d.Detect(original, &clean);
  d.Detect(text, &disguised);
  ASSERT_FALSE(clean.spun);
  EXPECT_TRUE(disguised.spun);
  EXPECT_GE(disguised.score, 0.99);
  EXPECT_NE(disguised.note.find(std::to_string(count) + " words are disguised"), std::string::npos)
      << disguised.note;
  std::vector<std::string> wording, clean_wording;
  size_t marked = 0;
  for (const DetectSpan& s : disguised.spans) {
    EXPECT_EQ(text.substr(s.start, s.end - s.start), s.text);
    if (s.reason != "disguise") {
      wording.push_back(s.suggestion);
      continue;
    }
    ++marked;
    EXPECT_EQ(s.confidence, 1.0);
    EXPECT_NE(s.text, s.suggestion);
    // Undisguised, the word is the original's own.
    EXPECT_NE(original.find(s.suggestion), std::string::npos) << s.suggestion;
  }
  for (const DetectSpan& s : clean.spans) clean_wording.push_back(s.suggestion);
  EXPECT_EQ(wording, clean_wording);
  EXPECT_GT(marked, 0u);
  EXPECT_LE(marked, count);
  // Every disguised word is in a span (one another span covers is not marked
  // twice).
  for (size_t at = text.find("\xd0"); at != std::string::npos; at = text.find("\xd0", at + 1)) {
    bool covered = false;
    for (const DetectSpan& s : disguised.spans) covered |= s.start <= at && at < s.end;
    EXPECT_TRUE(covered) << "offset " << at;
  }
  // One disguised word is marked but does not decide.
  DetectReport r;
  d.Detect("Sh\u043ewers " + original, &r);
  EXPECT_FALSE(r.spun);
  ASSERT_FALSE(r.spans.empty());
  EXPECT_EQ(r.spans[0].reason, "disguise");
  EXPECT_EQ(r.spans[0].suggestion, "Showers");
  EXPECT_NE(r.note.find("1 word is disguised"), std::string::npos) << r.note;
}

// A suggestion never changes a quantity (as restore never does: the
// thesauri list "two" beside "five" and "one" beside "eleven"), and a number
// spelled out is suggested in digits, as restore writes it.
TEST_F(DetectorTest, SuggestionsKeepQuantities) {
  Detector d(*model_, DetectOptions());
  const std::string text = Example("news_spun.txt") +
                           "Officials instructed The Related Press that a hundred additional "
                           "officers and forty five automobiles had been deployed, and that "
                           "eleven extra teams would follow.\n";
  DetectReport r;
  d.Detect(text, &r);
  auto values = [](std::string_view phrase) {
    std::vector<std::string> words;
    for (size_t at = 0; at < phrase.size();) {
      const size_t space = std::min(phrase.find(' ', at), phrase.size());
      words.push_back(NormalizePhrase(phrase.substr(at, space - at)));
      at = space + 1;
    }
    // The quantities, each run of number words read as one number ("forty
    // five" is 45, as "45" is).
    std::vector<uint64_t> out;
    for (size_t i = 0; i < words.size();) {
      size_t e = i;
      while (e < words.size() && CardinalValue(words[e]).has_value()) ++e;
      for (size_t len = e - i; len > 0; --len) {
        std::vector<std::string_view> run(words.begin() + static_cast<std::ptrdiff_t>(i),
                                          words.begin() + static_cast<std::ptrdiff_t>(i + len));
        if (const std::optional<uint64_t> v = CardinalOfWords(run)) {
          out.push_back(*v);
          i += len - 1;
          break;
        }
        if (len == 1) out.push_back(static_cast<uint64_t>(*CardinalValue(words[i])));
      }
      ++i;
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  size_t numbers = 0;
  for (const DetectSpan& s : r.spans) {
    if (values(s.text).empty()) continue;
    ++numbers;
    // Suggested in digits, as restore writes them.
    EXPECT_EQ(values(s.suggestion), values(s.text)) << s.text << " -> " << s.suggestion;
    EXPECT_NE(s.suggestion.find_first_of("0123456789"), std::string::npos) << s.suggestion;
  }
  EXPECT_GE(numbers, 2u) << "the spelled numbers sit in marked spans";
}

// A number word capitalised past a sentence's first word names (as restore
// reads it: NamedNumberWords) and is never suggested in digits; the same
// number in lower case is.
TEST_F(DetectorTest, NamedNumbersAreNotSuggestedInDigits) {
  Detector d(*model_, DetectOptions());
  DetectReport r;
  d.Detect(
      "The Group of Thirty said forty two banks and Twenty Five firms joined the Thirty Year "
      "Fund amid forty two complaints.",
      &r);
  size_t named = 0, counted = 0;
  for (const DetectSpan& s : r.spans) {
    if (s.text.find("Thirty") != std::string::npos || s.text.find("Twenty") != std::string::npos) {
      ++named;
      EXPECT_EQ(s.suggestion.find_first_of("0123456789"), std::string::npos) << s.suggestion;
    }
    if (s.text == "forty two") {
      ++counted;
      EXPECT_EQ(s.suggestion, "42");
    }
  }
  EXPECT_GE(named, 1u) << "a named number sits in a marked span";
  EXPECT_GE(counted, 1u) << "a counted number sits in a marked span";
}

TEST_F(DetectorTest, ShortAndEmptyTextsGetAScoreAndANote) {
  Detector d(*model_, DetectOptions());
  DetectReport r;
  d.Detect("", &r);
  EXPECT_EQ(r.words, 0u);
  EXPECT_FALSE(r.spun);
  EXPECT_NE(r.note.find("too short to judge (0 words)"), std::string::npos) << r.note;
  d.Detect("The company stated its profit rose.", &r);
  EXPECT_GE(r.score, 0);
  EXPECT_LE(r.score, 1);
  EXPECT_NE(r.note.find("too short to judge (6 words)"), std::string::npos) << r.note;
  d.Detect("The company stated on Monday that its quarterly profit rose sharply.", &r);
  EXPECT_NE(r.note.find("short text (11 words): the evidence is thin"), std::string::npos)
      << r.note;
}

// Under 8 words the wording gives no spun verdict, however high the score;
// from 8 words on the bar falls with the length until it meets the model's
// threshold (near 30 words). Known fingerprints still decide.
TEST_F(DetectorTest, VeryShortTextsNeedMoreThanTheirWording) {
  Detector d(*model_, DetectOptions());
  DetectorParams p = d.params();
  ASSERT_TRUE(p.fitted);
  DocumentModel all_spun = p;  // scores every text sigmoid(20)
  all_spun.weights.fill(0);
  all_spun.bias = 20;
  p.short_texts = all_spun;
  d.set_params(p);
  const double model = all_spun.threshold;
  DetectReport r;
  d.Detect("It was over.", &r);
  EXPECT_GT(r.score, 0.999);
  EXPECT_EQ(r.threshold, 1.0);
  EXPECT_FALSE(r.spun);
  EXPECT_NE(r.note.find("too short to judge (3 words)"), std::string::npos) << r.note;
  std::vector<double> bars;
  for (int words : {8, 12, 20, 40}) {
    std::string text;
    for (int i = 0; i < words; ++i) text += i == 0 ? "Officials" : " said";
    text += ".";
    d.Detect(text, &r);
    ASSERT_EQ(r.words, static_cast<size_t>(words));
    EXPECT_TRUE(r.spun) << words;
    EXPECT_GE(r.threshold, model) << words;
    bars.push_back(r.threshold);
  }
  EXPECT_GT(bars[0], 0.999);  // 8 words
  EXPECT_GT(bars[0], bars[1]);
  EXPECT_GT(bars[1], bars[2]);
  EXPECT_EQ(bars[3], model);  // 40 words: the model's own
  // A fingerprint decides whatever the length.
  const std::string list = testing_util::TempPath("short_fp.tsv");
  {
    std::ofstream f(list);
    f << "helped lengthy\thelped long\n";
  }
  ASSERT_TRUE(d.AddFingerprints(list).ok());
  d.Detect("A helped lengthy day.", &r);
  EXPECT_TRUE(r.spun);
}

TEST_F(DetectorTest, UnusableParametersInAPackAreNamedInTheNote) {
  // A pack carrying parameters of an older unspin (10 document features).
  const std::string old_params =
      "{\"mean\": [0,0,0,0,0,0,0,0,0,0], \"scale\": [1,1,1,1,1,1,1,1,1,1], "
      "\"weights\": [0,0,0,0,0,0,0,0,0,0], \"bias\": 0, \"threshold\": 0.5}";
  const std::string pack = testing_util::TempPath("old.unspin");
  ASSERT_TRUE(Model::SetDetector(testing_util::DefaultPackPath(), old_params, pack).ok());
  std::unique_ptr<Model> old;
  ASSERT_TRUE(Model::Open(pack, &old).ok());
  Detector d(*old, DetectOptions());
  EXPECT_FALSE(d.params().fitted);
  DetectReport r;
  d.Detect(Example("news_spun.txt"), &r);
  EXPECT_NE(r.note.find("unusable"), std::string::npos) << r.note;
  EXPECT_NE(r.note.find("needs " + std::to_string(DetectFeatures::kCount) + " numbers"),
            std::string::npos)
      << r.note;
  EXPECT_NE(r.note.find("unspin detect train"), std::string::npos) << r.note;
  std::filesystem::remove(pack);
}

TEST(DetectorParams, FitSeparatesAndRespectsTheFalsePositiveLimit) {
  std::vector<DetectFeatures> spun(100), clean(100);
  for (int i = 0; i < 100; ++i) {
    spun[i].values[0] = 0.08 + 0.0005 * i;
    clean[i].values[0] = 0.01 + 0.0002 * i;
    spun[i].values[5] = clean[i].values[5] = 2.5;
  }
  DetectorParams p = FitDetector(spun, clean, 0.01);
  ASSERT_TRUE(p.fitted);
  size_t fp = 0, tp = 0;
  for (const auto& f : clean) fp += p.Probability(f) >= p.threshold;
  for (const auto& f : spun) tp += p.Probability(f) >= p.threshold;
  EXPECT_LE(fp, 1u);
  EXPECT_EQ(tp, 100u);
  EXPECT_GE(p.threshold, 0.5);
  DetectorParams back;
  ASSERT_TRUE(DetectorParams::FromJson(p.ToJson(), &back).ok());
  EXPECT_DOUBLE_EQ(back.threshold, p.threshold);
  EXPECT_DOUBLE_EQ(back.Probability(spun[3]), p.Probability(spun[3]));
  EXPECT_FALSE(DetectorParams::FromJson("{\"bias\": 1}", &back).ok());
  EXPECT_FALSE(DetectorParams::FromJson("not json", &back).ok());
  // What the word model reads, and parameters for restore's gate, round-trip;
  // a file without "evidence" (before session 18) read decoder evidence.
  EXPECT_EQ(back.evidence, Evidence::kDecoder);
  p.evidence = Evidence::kLocal;
  DetectorParams gate = p;
  gate.evidence = Evidence::kDecoder;
  gate.threshold = 0.75;
  p.decoded = std::make_shared<DetectorParams>(gate);
  ASSERT_TRUE(DetectorParams::FromJson(p.ToJson(), &back).ok());
  EXPECT_EQ(back.evidence, Evidence::kLocal);
  ASSERT_NE(back.decoded, nullptr);
  EXPECT_EQ(back.decoded->evidence, Evidence::kDecoder);
  EXPECT_DOUBLE_EQ(back.decoded->threshold, 0.75);
  // Damaged: an unknown kind of evidence, "decoded" inside "decoded".
  nlohmann::json j = nlohmann::json::parse(p.ToJson());
  j["evidence"] = "guess";
  EXPECT_FALSE(DetectorParams::FromJson(j.dump(), &back).ok());
  j["evidence"] = "local";
  j["decoded"]["decoded"] = j["decoded"];
  Status nested = DetectorParams::FromJson(j.dump(), &back);
  EXPECT_FALSE(nested.ok());
  EXPECT_NE(nested.message().find("decoded"), std::string::npos) << nested.message();
}

TEST_F(DetectorTest, ShortTextsUseTheirOwnCalibration) {
  Detector d(*model_, DetectOptions());
  DetectorParams p = d.params();
  ASSERT_TRUE(p.fitted);
  // Long texts: the pack's own document model; under 60 words: a short-text
  // model that calls everything spun (bias high, its own threshold).
  DocumentModel short_model = p;
  short_model.weights.fill(0);
  short_model.bias = 10;
  short_model.threshold = 0.77;
  p.short_texts = short_model;
  p.short_words = 60;
  d.set_params(p);
  DetectReport story, sentence;
  d.Detect(Example("news_original.txt"), &story);
  // Under 60 words, and long enough (40) that very short texts' bar is under 0.77.
  d.Detect(
      "The company said on Monday that its profit rose in the quarter, and that sales of "
      "its new phone in Asia and Europe were higher than analysts had expected, though "
      "costs rose faster than prices and the board said it would cut jobs next year.",
      &sentence);
  EXPECT_GE(story.words, 60u);
  EXPECT_EQ(story.threshold, p.threshold);
  EXPECT_FALSE(story.spun);
  EXPECT_LT(sentence.words, 60u);
  EXPECT_EQ(sentence.threshold, 0.77);
  EXPECT_GT(sentence.score, 0.99);
  EXPECT_TRUE(sentence.spun);
}

TEST(CutIntoPieces, RunsOfWholeSentencesWithinTheBounds) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "Sentence number " + std::to_string(i) + " has exactly seven words here. ";
  }
  text += "Short tail.";
  const auto pieces = CutIntoPieces(text, 60, 3);
  ASSERT_GE(pieces.size(), 4u);
  EXPECT_EQ(pieces, CutIntoPieces(text, 60, 3));  // deterministic
  EXPECT_NE(pieces, CutIntoPieces(text, 60, 4));  // another seed, other lengths
  size_t previous_end = 0;
  for (const auto& [begin, end] : pieces) {
    const std::string_view piece = std::string_view(text).substr(begin, end - begin);
    EXPECT_GE(begin, previous_end);
    previous_end = end;
    EXPECT_EQ(piece.substr(0, 8), "Sentence");  // starts and ends at sentence bounds
    EXPECT_EQ(piece.back(), '.');
    size_t words = 0;
    for (size_t at = 0; at < piece.size(); ++at) words += piece[at] == ' ';
    ++words;
    EXPECT_GE(words, kMinPieceWords);
    EXPECT_LT(words, 60u + 7u);  // the sentence that crosses the target ends the run
  }
  EXPECT_EQ(text.find("Short tail."), text.size() - 11);
  EXPECT_LT(pieces.back().second, text.size() - 11);  // the 2-word tail is dropped
  EXPECT_TRUE(CutIntoPieces(text, kMinPieceWords, 1).empty());
  EXPECT_TRUE(CutIntoPieces("", 100, 1).empty());
}

TEST(CutTrainingPieces, SpunPiecesOnlyWhereTheSpinnerChangedAWord) {
  std::string original;
  for (int i = 0; i < 30; ++i) original += "The board said the plan would cut costs this year. ";
  // The spinner changed one word, in the first sentence only.
  std::string spun = original;
  spun.replace(spun.find("said"), 4, "stated");
  const PieceTexts all = CutTrainingPieces({spun, spun}, {}, {original}, 40);
  const PieceTexts labelled = CutTrainingPieces({spun, spun}, {original, original}, {original}, 40);
  ASSERT_GE(all.spun.size(), 4u);  // two documents, several pieces each
  EXPECT_EQ(all.spun_parent.size(), all.spun.size());
  EXPECT_EQ(all.spun_parent.front(), 0u);
  EXPECT_EQ(all.spun_parent.back(), 1u);
  // With originals: one piece per document, the one holding "stated".
  ASSERT_EQ(labelled.spun.size(), 2u);
  EXPECT_EQ(labelled.spun_parent, (std::vector<size_t>{0, 1}));
  for (const std::string& piece : labelled.spun) {
    EXPECT_NE(piece.find("stated"), std::string::npos);
  }
  // One changed token among the piece's words (20 to 40 of them).
  ASSERT_EQ(labelled.spun_density.size(), 2u);
  for (double density : labelled.spun_density) {
    EXPECT_GT(density, 1.0 / 50);
    EXPECT_LE(density, 1.0 / 20);
  }
  EXPECT_EQ(all.spun_density, std::vector<double>(all.spun.size(), 0.0));  // unlabelled
  EXPECT_FALSE(labelled.clean.empty());
  EXPECT_EQ(labelled.clean, all.clean);
  for (const std::string& piece : labelled.clean)
    EXPECT_EQ(piece.find("stated"), std::string::npos);
}

TEST(DetectorParams, ShortTextCalibrationRoundTripsAndIsChecked) {
  std::vector<DetectFeatures> spun(50), clean(50);
  for (int i = 0; i < 50; ++i) {
    spun[i].values[0] = 0.08 + 0.001 * i;
    clean[i].values[0] = 0.01 + 0.0004 * i;
  }
  DetectorParams p = FitDetector(spun, clean, 0.01);
  p.short_texts = FitDocumentModel(clean, spun, 0.01);  // deliberately the other way round
  p.short_words = 120;
  DetectorParams back;
  ASSERT_TRUE(DetectorParams::FromJson(p.ToJson(), &back).ok());
  ASSERT_TRUE(back.short_texts.has_value());
  EXPECT_EQ(back.short_words, 120u);
  EXPECT_DOUBLE_EQ(back.short_texts->threshold, p.short_texts->threshold);
  EXPECT_EQ(&back.ModelFor(119), &*back.short_texts);
  EXPECT_EQ(&back.ModelFor(120), static_cast<const DocumentModel*>(&back));
  EXPECT_DOUBLE_EQ(back.ModelFor(50).Probability(spun[7]), p.short_texts->Probability(spun[7]));
  EXPECT_DOUBLE_EQ(back.ModelFor(500).Probability(spun[7]), p.Probability(spun[7]));
  // Without the section: one calibration for every length.
  p.short_texts.reset();
  ASSERT_TRUE(DetectorParams::FromJson(p.ToJson(), &back).ok());
  EXPECT_FALSE(back.short_texts.has_value());
  EXPECT_EQ(&back.ModelFor(5), static_cast<const DocumentModel*>(&back));
  // A damaged section is refused, naming it.
  for (const char* bad : {"\"words\": 0", "\"words\": 150, \"threshold\": 2"}) {
    nlohmann::json j = nlohmann::json::parse(FitDetector(spun, clean, 0.01).ToJson());
    j["short_texts"] = nlohmann::json::parse(DetectorParams().ToJson());
    j["short_texts"]["mean"] = j["mean"];
    j["short_texts"]["scale"] = j["scale"];
    j["short_texts"]["weights"] = j["weights"];
    nlohmann::json extra = nlohmann::json::parse(std::string("{") + bad + "}");
    for (auto& [k, v] : extra.items()) j["short_texts"][k] = v;
    if (!j["short_texts"].contains("words")) j["short_texts"]["words"] = 150;
    Status st = DetectorParams::FromJson(j.dump(), &back);
    EXPECT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.message().find("short_texts"), std::string::npos) << st.message();
  }
}

// Spintax left in a text is flagged (reason "spintax", the LM's choice as the
// suggestion) and decides the verdict; notation in braces is not spintax.
TEST_F(DetectorTest, SpintaxIsFlaggedAndDecisive) {
  Detector d(*model_, DetectOptions());
  const std::string original = Example("news_original.txt");
  DetectReport clean;
  d.Detect(original, &clean);
  ASSERT_FALSE(clean.spun);
  // The clean story with one group put in, and one piece of notation.
  std::string text = original;
  const size_t said = text.find(" said ");
  ASSERT_NE(said, std::string::npos);
  text.replace(said, 6, " {stated|said} ");
  text += "The set {x | x > 0} is open.\n";
  DetectReport r;
  d.Detect(text, &r);
  EXPECT_TRUE(r.spun);
  EXPECT_GE(r.score, 0.99);
  size_t groups = 0;
  for (const DetectSpan& s : r.spans) {
    EXPECT_EQ(text.substr(s.start, s.end - s.start), s.text);
    if (s.reason != "spintax") continue;
    ++groups;
    EXPECT_EQ(s.text, "{stated|said}");
    EXPECT_EQ(s.suggestion, "said");
    EXPECT_EQ(s.confidence, 1.0);
  }
  EXPECT_EQ(groups, 1u);
}

// The shipped word model reads local evidence (no decoder runs): a replaced
// word's own candidates beat it over its LM window ([0], the local margin),
// a word nothing fits better gets none, and the decoder's reach ([20]) is
// not read. Read as decoder evidence, the same text gets the decoder's.
TEST_F(DetectorTest, TheWordModelReadsLocalEvidence) {
  Detector local(*model_, DetectOptions());
  ASSERT_EQ(local.params().evidence, Evidence::kLocal);
  ASSERT_FALSE(model_->detector_decoded_json().empty())
      << "restore's gate parameters ship in the pack";
  const std::string text = "Officials stated on Monday that the talks would begin in March.\n";
  auto evidence_of = [&](const Detector& d, std::string_view word) {
    DetectReport r;
    d.Detect(text, &r);
    const size_t at = text.find(word);
    for (const WordEvidence& e : r.evidence) {
      if (e.start == at) return e;
    }
    ADD_FAILURE() << word;
    return WordEvidence();
  };
  const WordEvidence stated = evidence_of(local, "stated");
  EXPECT_GT(stated.values[0], 1.0);  // "said" fits the window far better
  EXPECT_EQ(stated.values[20], 0);
  EXPECT_EQ(evidence_of(local, "Monday").values[0], 0);
  DetectOptions decoded_options;
  decoded_options.decoded_parameters = true;
  Detector decoded(*model_, decoded_options);
  ASSERT_EQ(decoded.params().evidence, Evidence::kDecoder);
  EXPECT_GE(evidence_of(decoded, "stated").values[20], 1);  // a candidate original covers it
}

// A pack stores the parameters' "decoded" set in a section of its own, so
// each detector parses only the set it uses; packs that nest it (built
// before session 19) still give each reader its set.
TEST_F(DetectorTest, EachReaderGetsItsParameterSetFromNewAndNestedPacks) {
  DetectorParams own, gate;
  gate.evidence = Evidence::kDecoder;
  gate.threshold = 0.75;
  gate.fitted = true;
  own.evidence = Evidence::kLocal;
  own.threshold = 0.6;
  own.fitted = true;
  own.decoded = std::make_shared<DetectorParams>(gate);
  const std::string pack = testing_util::TempPath("split.unspin");
  ASSERT_TRUE(Model::SetDetector(testing_util::DefaultPackPath(), own.ToJson(), pack).ok());
  std::unique_ptr<Model> split;
  ASSERT_TRUE(Model::Open(pack, &split).ok());
  EXPECT_EQ(split->detector_json().find("decoded"), std::string::npos);
  EXPECT_FALSE(split->detector_decoded_json().empty());
  // The same parameters nested in one section, as older packs hold them.
  std::shared_ptr<const SectionFile> file;
  ASSERT_TRUE(SectionFile::Open(pack, &file).ok());
  SectionFileWriter writer;
  for (const std::string& name : file->names()) {
    if (name == "detector" || name == kDetectorDecodedSection) continue;
    std::string_view bytes;
    ASSERT_TRUE(file->Get(name, &bytes).ok());
    writer.Add(name, std::string(bytes));
  }
  writer.Add("detector", own.ToJson());
  const std::string nested_path = testing_util::TempPath("nested.unspin");
  ASSERT_TRUE(writer.Write(nested_path).ok());
  file.reset();
  std::unique_ptr<Model> nested;
  ASSERT_TRUE(Model::Open(nested_path, &nested).ok());
  EXPECT_TRUE(nested->detector_decoded_json().empty());
  for (const Model* m : {split.get(), nested.get()}) {
    Detector mine(*m, DetectOptions());
    EXPECT_EQ(mine.params().evidence, Evidence::kLocal);
    EXPECT_DOUBLE_EQ(mine.params().threshold, 0.6);
    DetectOptions o;
    o.decoded_parameters = true;
    Detector decoded(*m, o);
    EXPECT_EQ(decoded.params().evidence, Evidence::kDecoder);
    EXPECT_DOUBLE_EQ(decoded.params().threshold, 0.75);
    EXPECT_EQ(decoded.params().decoded, nullptr);
  }
  // Parameters without a decoded set: both readers get them.
  ASSERT_TRUE(Model::SetDetector(testing_util::DefaultPackPath(), gate.ToJson(), pack).ok());
  std::unique_ptr<Model> single;
  ASSERT_TRUE(Model::Open(pack, &single).ok());
  EXPECT_TRUE(single->detector_decoded_json().empty());
  DetectOptions o;
  o.decoded_parameters = true;
  EXPECT_DOUBLE_EQ(Detector(*single, o).params().threshold, 0.75);
  EXPECT_DOUBLE_EQ(Detector(*single, DetectOptions()).params().threshold, 0.75);
  // Not a JSON object: refused, naming the pack written.
  const Status bad = Model::SetDetector(testing_util::DefaultPackPath(), "[1, 2]", pack);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("not a JSON object"), std::string::npos) << bad.message();
  std::filesystem::remove(pack);
  std::filesystem::remove(nested_path);
}

}  // namespace
}  // namespace unspin
