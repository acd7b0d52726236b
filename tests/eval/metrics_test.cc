// The C++ metrics agree with the reference script ../shared/tools/score.py
// (run here with python3 on the same inputs), plus hand-checked cases.
#include "eval/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace unspin {
namespace {

using testing_util::WriteTemp;

nlohmann::json RunScorePy(const std::string& mode, const std::string& a, const std::string& b,
                          const std::string& c) {
  std::string cmd = "python3 " + std::string(UNSPIN_SOURCE_DIR) + "/../shared/tools/score.py " +
                    mode + " " + WriteTemp("a.txt", a) + " " + WriteTemp("b.txt", b) + " " +
                    WriteTemp("c.txt", c);
  FILE* p = popen(cmd.c_str(), "r");
  EXPECT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0) << cmd;
  return nlohmann::json::parse(out);
}

struct Triple {
  const char* spun;
  const char* original;
  const char* restored;
};

// Cases that exercise difflib's tie-breaking, insertions, deletions, quotes,
// contractions and non-ASCII text.
const Triple kTriples[] = {
    {"The Inside Ministry stated on Monday.", "The Interior Ministry said on Monday.",
     "The Interior Ministry stated on Monday."},
    {"He instructed The Related Press it\u2019s over.", "He told The Associated Press it's over.",
     "He told The Associated Press it\u2019s over."},
    {"1000's of arrests, a lot of them new", "thousands of arrests, many of them new",
     "thousands of arrests, a lot of them new"},
    {"the the cat sat on on the mat", "the cat sat on the mat", "the cat sat on the the mat"},
    {"due to the fact that it rained, we stayed", "because it rained, we stayed",
     "because it rained, we stayed"},
    {"Caf\u00e9 owners said \"no\" — again.", "Caf\u00e9 owners stated \u201cno\u201d again.",
     "Caf\u00e9 owners said no again."},
    {"a b c d e f g", "a x c y e z g", "a x c d e z g"},
    {"nothing changed here", "nothing changed here", "nothing changed here"},
    {"", "", ""},
    {"rock'n'roll isn't dead, it's 'alive'", "rock'n'roll is not dead, it is alive",
     "rock'n'roll isn't dead, it is alive"},
};

TEST(Metrics, RestoreAgreesWithScorePy) {
  for (const Triple& t : kTriples) {
    nlohmann::json ref = RunScorePy("restore", t.spun, t.original, t.restored);
    RestoreCounts c = ScoreRestore(t.spun, t.original, t.restored);
    SCOPED_TRACE(t.spun);
    EXPECT_EQ(c.gold_edits, ref["gold_edits"].get<size_t>());
    EXPECT_EQ(c.system_edits, ref["system_edits"].get<size_t>());
    EXPECT_EQ(c.tp, ref["tp"].get<size_t>());
    EXPECT_NEAR(c.precision(), ref["precision"].get<double>(), 1e-4);
    EXPECT_NEAR(c.recall(), ref["recall"].get<double>(), 1e-4);
    EXPECT_NEAR(c.f05(), ref["f05"].get<double>(), 1e-4);
    EXPECT_NEAR(c.wer_before(), ref["wer_before"].get<double>(), 1e-4);
    EXPECT_NEAR(c.wer_after(), ref["wer_after"].get<double>(), 1e-4);
    EXPECT_NEAR(c.wer_reduction(), ref["wer_reduction"].get<double>(), 1e-4);
  }
}

TEST(Metrics, DetectAgreesWithScorePy) {
  for (const Triple& t : kTriples) {
    std::string spun = t.spun;
    // Flag the second and fourth words' bytes (when present) as spans.
    std::vector<ScoreToken> tok = ScoreTokens(spun);
    std::vector<std::pair<size_t, size_t>> spans;
    nlohmann::json det = {{"score", 0.5}, {"spans", nlohmann::json::array()}};
    for (size_t k : {1u, 3u}) {
      if (k < tok.size()) {
        spans.emplace_back(tok[k].begin, tok[k].end);
        det["spans"].push_back({{"start", tok[k].begin}, {"end", tok[k].end}});
      }
    }
    nlohmann::json ref = RunScorePy("detect", spun, t.original, det.dump());
    DetectCounts c = ScoreDetect(spun, t.original, spans);
    SCOPED_TRACE(spun);
    EXPECT_EQ(c.gold_tokens, ref["gold_tokens"].get<size_t>());
    EXPECT_EQ(c.flagged_tokens, ref["flagged_tokens"].get<size_t>());
    EXPECT_EQ(c.tp, ref["tp"].get<size_t>());
    EXPECT_NEAR(c.f1(), ref["f1"].get<double>(), 1e-4);
  }
}

TEST(Metrics, TokensKeepByteOffsets) {
  std::string s = "It\u2019s \u201cfine\u201d";
  std::vector<ScoreToken> t = ScoreTokens(s);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].text, "it's");
  EXPECT_EQ(s.substr(t[0].begin, t[0].end - t[0].begin), "It\u2019s");
  EXPECT_EQ(t[1].text, "\"");
  EXPECT_EQ(t[2].text, "fine");
  EXPECT_EQ(s.substr(t[2].begin, t[2].end - t[2].begin), "fine");
}

TEST(Metrics, DiffEditsAndDistanceByHand) {
  std::vector<std::string> a = {"a", "b", "c"}, b = {"a", "x", "y", "c"};
  std::set<TokenEdit> e = DiffEdits(a, b);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(*e.begin(), TokenEdit(1, 2, {"x", "y"}));
  EXPECT_EQ(EditDistance(a, b), 2u);
  EXPECT_TRUE(DiffEdits(a, a).empty());
  EXPECT_EQ(EditDistance({}, b), 4u);
}

TEST(Metrics, CountsAddUpMicroAveraged) {
  RestoreCounts total;
  total.Add(ScoreRestore("a stated b", "a said b", "a said b"));
  total.Add(ScoreRestore("c stated d", "c said d", "c stated d"));
  EXPECT_EQ(total.gold_edits, 2u);
  EXPECT_EQ(total.tp, 1u);
  EXPECT_DOUBLE_EQ(total.precision(), 1.0);
  EXPECT_DOUBLE_EQ(total.recall(), 0.5);
  EXPECT_NEAR(total.f05(), 1.25 * 0.5 / (0.25 + 0.5), 1e-12);
  EXPECT_NEAR(total.wer_before(), 2.0 / 6, 1e-12);
  EXPECT_NEAR(total.wer_after(), 1.0 / 6, 1e-12);
  EXPECT_NEAR(total.wer_reduction(), 0.5, 1e-12);
}

TEST(Metrics, RocAucWithTies) {
  EXPECT_DOUBLE_EQ(RocAuc({0.9, 0.8}, {0.1, 0.2}), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.1}, {0.9}), 0.0);
  EXPECT_DOUBLE_EQ(RocAuc({0.5}, {0.5}), 0.5);
  EXPECT_DOUBLE_EQ(RocAuc({0.9, 0.4}, {0.5, 0.1}), 0.75);
  EXPECT_TRUE(std::isnan(RocAuc({}, {0.1})));
}

}  // namespace
}  // namespace unspin
