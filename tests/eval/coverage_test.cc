// Coverage: reachability of an expected phrase through the lexicon's candidates.
#include "eval/coverage.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "unspin/model.h"

namespace unspin {
namespace {

constexpr const char* kArpa =
    "\\data\\\nngram 1=8\n\n\\1-grams:\n"
    "-1\t<s>\n-1\t</s>\n-1\tartificial\n-1\tintelligence\n-1\tcounterfeit\n-1\tbrain\n"
    "-1\tdeep\n-1\tlearning\n\n\\end\\\n";

class CoverageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ModelBuildOptions o;
    o.lm = testing_util::WriteTemp("c.arpa", kArpa);
    o.dictionaries = {testing_util::WriteTemp(
        "c.tsv",
        "artificial\tcounterfeit\nintelligence\tconsciousness\ndeep learning\tprofound "
        "getting to know\n")};
    std::string path = testing_util::TempPath("c.unspin");
    ASSERT_TRUE(Model::Build(o, path, nullptr).ok());
    ASSERT_TRUE(Model::Open(path, &model_).ok());
  }
  std::unique_ptr<Model> model_;
};

TEST_F(CoverageTest, NeedsEveryPieceToBeACandidate) {
  const Lexicon& lex = model_->lexicon();
  EXPECT_TRUE(IsReachable(lex, "counterfeit consciousness", "artificial intelligence"));
  EXPECT_TRUE(IsReachable(lex, "Counterfeit intelligence", "artificial intelligence"));
  EXPECT_TRUE(IsReachable(lex, "profound getting to know", "deep learning"));  // 4 -> 2 tokens
  EXPECT_FALSE(IsReachable(lex, "counterfeit mind", "artificial intelligence"));
  EXPECT_FALSE(IsReachable(lex, "counterfeit consciousness", "artificial brain"));
  // Alternatives separated by " / ".
  EXPECT_TRUE(IsReachable(lex, "counterfeit consciousness", "brain / artificial intelligence"));
  EXPECT_FALSE(IsReachable(lex, "", "artificial intelligence"));
}

TEST_F(CoverageTest, EvaluatesAFileSkippingItsHeader) {
  std::string tsv = testing_util::WriteTemp(
      "pairs.tsv",
      "tortured\texpected\ncounterfeit consciousness\tartificial intelligence\n"
      "profound getting to know\tdeep learning\nshallow learning\tdeep learning\n");
  std::vector<CoveragePair> pairs;
  ASSERT_TRUE(ReadCoveragePairs(tsv, &pairs).ok());
  ASSERT_EQ(pairs.size(), 3u);
  CoverageReport r = EvaluateCoverage(model_->lexicon(), pairs);
  EXPECT_EQ(r.reachable, 2u);
  EXPECT_EQ(r.missed, std::vector<size_t>{2});
  EXPECT_NEAR(r.share(), 2.0 / 3, 1e-9);
  pairs.clear();
  EXPECT_FALSE(ReadCoveragePairs(testing_util::WriteTemp("bad.tsv", "no tab here\n"), &pairs).ok());
}

}  // namespace
}  // namespace unspin
