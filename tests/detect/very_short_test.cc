// The very-short bar: runs cut from documents, the fit of the clean runs'
// 99th percentile, and the bar a text must clear.
#include "detect/very_short.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

namespace unspin {
namespace {

TEST(VeryShort, RunsAreConsecutiveWordsOfEachLength) {
  const std::vector<std::string> docs = {"one two  three\nfour five six seven", "a b"};
  const std::vector<WordRun> runs = CutWordRuns(docs, {1, 3, 7, 8}, 5);
  ASSERT_EQ(runs.size(), 4u);  // 1, 3 and 7 words of the first; 1 word of the second
  EXPECT_EQ(runs[0].words, 1u);
  EXPECT_EQ(runs[1].words, 3u);
  EXPECT_EQ(runs[2].text, "one two three four five six seven");
  EXPECT_NE(std::string(" one two three four five six seven ").find(" " + runs[1].text + " "),
            std::string::npos)
      << runs[1].text;
  EXPECT_EQ(runs[3].words, 1u);
  EXPECT_TRUE(runs[3].text == "a" || runs[3].text == "b") << runs[3].text;
  // The same seed gives the same runs; the places vary with it.
  EXPECT_EQ(CutWordRuns(docs, {1, 3, 7, 8}, 5)[1].text, runs[1].text);
  std::set<std::string> seen;
  for (uint64_t seed = 0; seed < 60; ++seed) seen.insert(CutWordRuns(docs, {3}, seed)[0].text);
  EXPECT_EQ(seen.size(), 5u);  // every place of a 3-word run in 7 words
}

// Scores whose 99th percentile per length is exactly 1 - 10^(a + b * words).
TEST(VeryShort, FitRecoversTheLine) {
  const double a = -4.0, b = 0.1;
  std::vector<WordRun> runs;
  std::vector<double> scores;
  for (size_t words : kVeryShortFitLengths) {
    const double q = 1 - std::pow(10.0, a + b * static_cast<double>(words));
    for (size_t i = 0; i < 200; ++i) {
      runs.push_back({"x", words});
      scores.push_back(i >= 198 ? q : q * static_cast<double>(i) / 200);  // index 198 is the 99th
    }
  }
  VeryShortBar bar;
  ASSERT_TRUE(FitVeryShortBar(runs, scores, &bar).ok());
  EXPECT_EQ(bar.min_words, 8u);
  EXPECT_NEAR(bar.bar_log10, a, 1e-9);
  EXPECT_NEAR(bar.bar_slope, b, 1e-9);
  // The bar: none under min_words, then the line, never under the threshold.
  EXPECT_EQ(bar.Threshold(0.9, 7), 1.0);
  EXPECT_NEAR(bar.Threshold(0.9, 10), 1 - std::pow(10.0, a + b * 10), 1e-12);
  EXPECT_EQ(bar.Threshold(0.9, 200), 0.9);
}

TEST(VeryShort, FitRefusesTooFewRunsOrARisingBar) {
  VeryShortBar bar;
  std::vector<WordRun> runs = {{"x", 8}, {"x", 10}};
  EXPECT_FALSE(FitVeryShortBar(runs, {0.1, 0.2}, &bar).ok());
  runs.clear();
  std::vector<double> scores;
  for (size_t words : {8, 30}) {
    for (size_t i = 0; i < 100; ++i) {
      runs.push_back({"x", words});
      scores.push_back(words == 8 ? 0.5 : 0.99);  // longer runs score higher: no fit
    }
  }
  const Status s = FitVeryShortBar(runs, scores, &bar);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("does not fall"), std::string::npos) << s.message();
  EXPECT_EQ(bar.bar_slope, VeryShortBar().bar_slope);  // untouched
}

TEST(VeryShort, ParametersKeepTheBarAndReadOldFilesWithDefaults) {
  DetectorParams p;
  p.threshold = 0.8;
  p.very_short = {5, -3.5, 0.07};
  DetectorParams back;
  ASSERT_TRUE(DetectorParams::FromJson(p.ToJson(), &back).ok());
  EXPECT_EQ(back.very_short.min_words, 5u);
  EXPECT_DOUBLE_EQ(back.very_short.bar_log10, -3.5);
  EXPECT_DOUBLE_EQ(back.very_short.bar_slope, 0.07);
  std::string old = p.ToJson();
  const size_t at = old.find("\"very_short\"");
  ASSERT_NE(at, std::string::npos);
  old.erase(at, old.find('}', at) + 2 - at);  // the object and its comma
  ASSERT_TRUE(DetectorParams::FromJson(old, &back).ok()) << old;
  EXPECT_EQ(back.very_short.min_words, VeryShortBar().min_words);
  EXPECT_DOUBLE_EQ(back.very_short.bar_slope, VeryShortBar().bar_slope);
  std::string rising = p.ToJson();
  rising.replace(rising.find("0.07"), 4, "-0.07");
  EXPECT_FALSE(DetectorParams::FromJson(rising, &back).ok());
}

}  // namespace
}  // namespace unspin
