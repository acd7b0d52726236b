#include <gtest/gtest.h>

#include "unspin/text.h"

namespace unspin {
namespace {

std::vector<std::string> Sentences(std::string_view s, SplitOptions opts = SplitOptions()) {
  std::vector<Token> tok;
  Tokenize(s, 0, &tok);
  std::vector<std::string> out;
  size_t covered = 0;
  for (const SentenceRange& r : SplitSentences(s, 0, tok, opts)) {
    EXPECT_EQ(r.begin, covered);  // ranges tile the tokens
    covered = r.end;
    uint64_t b = tok[r.begin].begin, e = tok[r.end - 1].end();
    std::string sent(s.substr(b, e - b));
    while (!sent.empty() && (sent.back() == ' ' || sent.back() == '\n')) sent.pop_back();
    out.push_back(sent);
  }
  EXPECT_EQ(covered, tok.size());
  return out;
}

TEST(SentenceSplitterTest, SplitsAtTerminators) {
  auto s = Sentences("It rained. Then it stopped! Did it? Yes.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "It rained.");
  EXPECT_EQ(s[3], "Yes.");
}

TEST(SentenceSplitterTest, AbbreviationsDoNotEndSentences) {
  auto s = Sentences(
      "Mr. Smith went to the U.S. Treasury on Aug. 9 with Dr. Jones. The U.N. said no. "
      "Shares of Acme Inc. rose. John F. Kennedy spoke.");
  ASSERT_EQ(s.size(), 4u) << s[0];
  EXPECT_EQ(s[0], "Mr. Smith went to the U.S. Treasury on Aug. 9 with Dr. Jones.");
  EXPECT_EQ(s[1], "The U.N. said no.");
  EXPECT_EQ(s[2], "Shares of Acme Inc. rose.");
}

TEST(SentenceSplitterTest, AbbreviationBeforeSentenceOpenerSplits) {
  auto s = Sentences("He works for Acme Corp. The company declined. Talks in the U.S. The end.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "He works for Acme Corp.");
  EXPECT_EQ(s[2], "Talks in the U.S.");
}

TEST(SentenceSplitterTest, QuotesAndDecimalsAndLowercase) {
  auto s = Sentences("He said \"no.\" She left. Prices rose 3.5 pct. e.g. this is one.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "He said \"no.\"");
  EXPECT_EQ(s[2], "Prices rose 3.5 pct. e.g. this is one.");
}

TEST(SentenceSplitterTest, ParagraphBreaksAlwaysSplit) {
  auto s = Sentences("A heading without a stop\n\nThe body starts here.\nand wraps here.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "A heading without a stop");
}

TEST(SentenceSplitterTest, LongRunsAreCut) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "word ";
  SplitOptions opts;
  opts.max_tokens = 100;
  auto s = Sentences(text, opts);
  EXPECT_EQ(s.size(), 10u);
}

TEST(SentenceSplitterTest, EmptyAndSpaceOnly) {
  EXPECT_TRUE(Sentences("").empty());
  EXPECT_EQ(Sentences("   \n ").size(), 1u);
}

}  // namespace
}  // namespace unspin
