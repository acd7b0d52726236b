// The evaluation harness: aggregation over documents and input checking.
#include "eval/harness.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace unspin {
namespace {

std::vector<EvalPair> Pairs() {
  return {
      {"1", "The Inside Ministry stated.", "The Interior Ministry said.", "1"},
      {"2", "It rained due to the fact that clouds came.", "It rained because clouds came.", "2"}};
}

TEST(Harness, RestoreAggregatesOverDocuments) {
  std::map<std::string, std::string> restored = {{"1", "The Interior Ministry stated."},
                                                 {"2", "It rained because clouds came."}};
  RestoreEval e;
  ASSERT_TRUE(EvaluateRestore(Pairs(), restored, nullptr, &e).ok());
  EXPECT_EQ(e.documents, 2u);
  EXPECT_EQ(e.counts.gold_edits, 3u);  // Inside, stated, due to the fact that
  EXPECT_EQ(e.counts.system_edits, 2u);
  EXPECT_EQ(e.counts.tp, 2u);
  EXPECT_DOUBLE_EQ(e.counts.precision(), 1.0);
  EXPECT_NEAR(e.counts.recall(), 2.0 / 3, 1e-12);
  restored.erase("2");
  EXPECT_FALSE(EvaluateRestore(Pairs(), restored, nullptr, &e).ok());
}

TEST(Harness, CleanEditsPerThousandWords) {
  std::map<std::string, std::string> clean = {{"a", "one two three four"}},
                                     out = {{"a", "one 2 three four"}};
  CleanEval e;
  ASSERT_TRUE(EvaluateClean(clean, out, &e).ok());
  EXPECT_EQ(e.edits, 1u);
  EXPECT_DOUBLE_EQ(e.per_1000_words(), 250.0);
}

TEST(Harness, DetectScoresTokensAndDocuments) {
  std::map<std::string, nlohmann::json> reports = {
      {"1", {{"score", 0.9}, {"spun", true}, {"spans", {{{"start", 4}, {"end", 10}}}}}},
      {"2", {{"score", 0.4}, {"spun", false}, {"spans", nlohmann::json::array()}}}};
  std::map<std::string, nlohmann::json> clean = {{"c1", {{"score", 0.1}, {"spun", false}}},
                                                 {"c2", {{"score", 0.5}, {"spun", true}}}};
  DetectEval e;
  ASSERT_TRUE(EvaluateDetect(Pairs(), reports, clean, &e).ok());
  EXPECT_EQ(e.tokens.flagged_tokens, 1u);  // "Inside"
  EXPECT_EQ(e.tokens.tp, 1u);
  EXPECT_DOUBLE_EQ(e.auc(), 0.75);
  EXPECT_DOUBLE_EQ(e.false_positive_rate(), 0.5);
  EXPECT_DOUBLE_EQ(e.doc_recall(), 0.5);
  EXPECT_DOUBLE_EQ(e.doc_precision(), 0.5);
  reports["2"].erase("score");
  EXPECT_FALSE(EvaluateDetect(Pairs(), reports, clean, &e).ok());
}

TEST(Harness, TraceRanksTheTrueSource) {
  std::map<std::string, nlohmann::json> r = {{"1", {{"matches", {{{"id", "1"}}, {{"id", "9"}}}}}},
                                             {"2", {{"matches", {{{"id", "7"}}, {{"id", "2"}}}}}}};
  TraceEval e;
  ASSERT_TRUE(EvaluateTrace(Pairs(), r, &e).ok());
  EXPECT_DOUBLE_EQ(e.recall_at_1(), 0.5);
  EXPECT_DOUBLE_EQ(e.recall_at_10(), 1.0);
  EXPECT_DOUBLE_EQ(e.mrr(), 0.75);
}

TEST(Harness, ReadsPairsAndRejectsBadLines) {
  std::vector<EvalPair> pairs;
  std::string good = testing_util::WriteTemp(
      "p.jsonl",
      "{\"id\": 5, \"spun\": \"a\", \"original\": \"b\"}\n\n"
      "{\"id\": \"x\", \"spun\": \"c\", \"original\": \"d\", \"source\": \"y\"}\n");
  ASSERT_TRUE(ReadPairs(good, &pairs).ok());
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].id, "5");
  EXPECT_EQ(pairs[1].source, "y");
  pairs.clear();
  Status s =
      ReadPairs(testing_util::WriteTemp("b.jsonl", "{\"id\": 1, \"spun\": \"a\"}\n"), &pairs);
  EXPECT_NE(s.message().find(":1: missing string field \"original\""), std::string::npos)
      << s.message();
  EXPECT_FALSE(ReadPairs(testing_util::WriteTemp("c.jsonl", "not json\n"), &pairs).ok());
  EXPECT_FALSE(ReadPairs(testing_util::WriteTemp("d.jsonl", ""), &pairs).ok());
}

}  // namespace
}  // namespace unspin
