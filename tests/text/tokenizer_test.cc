#include <gtest/gtest.h>

#include <random>

#include "base/file_util.h"
#include "unspin/text.h"

namespace unspin {
namespace {

std::vector<Token> Tok(std::string_view s, TokenizeStats* stats = nullptr) {
  std::vector<Token> out;
  Tokenize(s, 0, &out, stats);
  return out;
}

std::vector<Token> NonSpace(std::string_view s) {
  std::vector<Token> out;
  for (Token& t : Tok(s)) {
    if (!t.is_space()) out.push_back(std::move(t));
  }
  return out;
}

std::string Join(std::string_view s, const std::vector<Token>& toks, uint64_t base = 0) {
  std::string out;
  uint64_t expect = base;
  for (const Token& t : toks) {
    EXPECT_EQ(t.begin, expect);
    out.append(s.substr(t.begin - base, t.size));
    expect = t.end();
  }
  return out;
}

TEST(TokenizerTest, RoundTripIsByteExactOnVariedText) {
  const std::vector<std::string> texts = {
      "The Interior Ministry said on Tuesday.",
      "  leading and trailing  \n\n",
      "“Curly” quotes, don’t — and em-dashes… ½ ©2024 😀 ok",
      "Ünïcödé façade naïve Straße İstanbul ΣΊΣΥΦΟΣ москва 東京",
      "e-mail me at john.doe@example.com or see https://example.org/a?b=1.",
      "tabs\tand\r\nwindows\r\nline ends",
      "1000's of arrests, 5.93 mln, 155,221 bags at 10:30 in the 1990s.",
      std::string("nul\0byte and \x01 control", 22),
  };
  for (const std::string& t : texts) {
    EXPECT_EQ(Join(t, Tok(t)), t) << t;
  }
}

TEST(TokenizerTest, RandomBytesRoundTripAndNeverCrash) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string s(rng() % 300, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    TokenizeStats stats;
    auto toks = Tok(s, &stats);
    EXPECT_EQ(Join(s, toks), s);
  }
}

TEST(TokenizerTest, OffsetsCountFromBase) {
  std::string s = "Hi there";
  std::vector<Token> out;
  Tokenize(s, 1000, &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].begin, 1000u);
  EXPECT_EQ(out[2].begin, 1003u);
  EXPECT_EQ(out[2].end(), 1008u);
  EXPECT_EQ(Join(s, out, 1000), s);
}

TEST(TokenizerTest, KindsAndNormalForms) {
  auto t = NonSpace("Don’t visit RUSSIA'S it's U.S. 1000's 5.93 www.x.com a@b.org $5 ... --");
  std::vector<std::pair<std::string, TokenKind>> want = {
      {"don't", TokenKind::kWord},  {"visit", TokenKind::kWord},    {"russia's", TokenKind::kWord},
      {"it's", TokenKind::kWord},   {"u.s.", TokenKind::kWord},     {"1000's", TokenKind::kNumber},
      {"5.93", TokenKind::kNumber}, {"www.x.com", TokenKind::kUrl}, {"a@b.org", TokenKind::kUrl},
      {"$", TokenKind::kOther},     {"5", TokenKind::kNumber},      {"...", TokenKind::kPunct},
      {"--", TokenKind::kPunct}};
  ASSERT_EQ(t.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(t[i].norm, want[i].first) << i;
    EXPECT_EQ(t[i].kind, want[i].second) << i << " " << t[i].norm;
  }
}

TEST(TokenizerTest, CaseShapes) {
  auto t = NonSpace("word Word WORD iPhone I A McDonald ÉCOLE école 42");
  std::vector<CaseShape> want = {
      CaseShape::kLower, CaseShape::kTitle, CaseShape::kUpper, CaseShape::kMixed, CaseShape::kTitle,
      CaseShape::kTitle, CaseShape::kMixed, CaseShape::kUpper, CaseShape::kLower, CaseShape::kNone};
  ASSERT_EQ(t.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(t[i].shape, want[i]) << t[i].norm;
  EXPECT_EQ(t[7].norm, "école");
}

TEST(TokenizerTest, HyphensAndQuotesSplitWords) {
  auto t = NonSpace("state-run \"quoted\" (paren) 'single'");
  std::vector<std::string> want = {"state", "-",     "run", "\"", "quoted", "\"",
                                   "(",     "paren", ")",   "'",  "single", "'"};
  ASSERT_EQ(t.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(t[i].norm, want[i]);
}

TEST(TokenizerTest, CurlyQuotesFoldInNormOnly) {
  std::string s = "“Hello” it’s";
  auto t = NonSpace(s);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].norm, "\"");
  EXPECT_EQ(t[3].norm, "it's");
  EXPECT_EQ(s.substr(t[3].begin, t[3].size), "it’s");  // bytes untouched
}

TEST(TokenizerTest, EmptyInput) { EXPECT_TRUE(Tok("").empty()); }

TEST(TokenizerTest, InvalidUtf8PassesThroughAndIsReported) {
  std::string s = "ok \xff\xfe bad \xc3 end \xe2\x82";
  TokenizeStats stats;
  auto t = Tok(s, &stats);
  EXPECT_EQ(Join(s, t), s);
  EXPECT_EQ(stats.invalid_bytes, 5u);
  EXPECT_EQ(stats.first_invalid_offset, 3u);
  size_t flagged = 0;
  for (const Token& k : t) flagged += k.invalid_utf8;
  EXPECT_EQ(flagged, 3u);
}

TEST(TokenizerTest, VeryLongLineIsCutIntoBoundedTokens) {
  std::string s(3 * kMaxTokenBytes + 17, 'a');
  s += " tail";
  auto t = Tok(s);
  EXPECT_EQ(Join(s, t), s);
  for (const Token& k : t) EXPECT_LE(k.size, kMaxTokenBytes);
  EXPECT_EQ(t.back().norm, "tail");
}

TEST(ApplyCaseShape, CarriesObservedCaseToARestoredPhrase) {
  EXPECT_EQ(ApplyCaseShape("associated press", CaseShape::kTitle), "Associated press");
  EXPECT_EQ(ApplyCaseShape("said", CaseShape::kUpper), "SAID");
  EXPECT_EQ(ApplyCaseShape("because", CaseShape::kLower), "because");
  EXPECT_EQ(ApplyCaseShape("iphone", CaseShape::kMixed), "iphone");
  // Initials are written in capitals ("United States" -> "U.S.").
  EXPECT_EQ(ApplyCaseShape("u.s.", CaseShape::kTitle), "U.S.");
  EXPECT_EQ(ApplyCaseShape("u.s. trade", CaseShape::kTitle), "U.S. trade");
  EXPECT_EQ(ApplyCaseShape("u.s.", CaseShape::kLower), "u.s.");
  EXPECT_EQ(ApplyCaseShape("a.", CaseShape::kTitle), "A.");
  EXPECT_EQ(ApplyCaseShape("u.sx", CaseShape::kTitle), "U.sx");
  EXPECT_EQ(ApplyCaseShape("\xc3\xa9t\xc3\xa9", CaseShape::kUpper), "\xc3\x89T\xc3\x89");  // été
  EXPECT_EQ(ApplyCaseShape("'tis", CaseShape::kTitle), "'Tis");
  EXPECT_EQ(ApplyCaseShape("", CaseShape::kTitle), "");
  EXPECT_EQ(ApplyCaseShape("a\xff"
                           "b",
                           CaseShape::kUpper),
            "A\xff"
            "B");  // invalid byte kept
}

TEST(ReplacementShape, TheCaseOfTheReplacedWords) {
  auto shape = [](std::string_view text) {
    std::vector<Token> tokens;
    Tokenize(text, 0, &tokens);
    std::vector<const Token*> span;
    for (const Token& t : tokens) span.push_back(&t);
    return ReplacementShape(span);
  };
  EXPECT_EQ(shape("Related Press"), CaseShape::kTitle);
  EXPECT_EQ(shape("instructed"), CaseShape::kLower);
  EXPECT_EQ(shape("UNITED STATES"), CaseShape::kUpper);
  EXPECT_EQ(shape("STATED that"), CaseShape::kUpper);  // an upper-case word, not an initial
  EXPECT_EQ(shape("A lot of"), CaseShape::kTitle);     // a one-letter capital starts a sentence
  EXPECT_EQ(shape("I"), CaseShape::kTitle);
  EXPECT_EQ(shape("iPhone"), CaseShape::kMixed);
  EXPECT_EQ(shape(", 42"), CaseShape::kNone);
  EXPECT_EQ(shape(""), CaseShape::kNone);
}

TEST(ApplyReplacementCase, WordByWordWhenTheCountsMatch) {
  auto cased = [](std::string_view replacement, std::string_view observed) {
    std::vector<Token> tokens;
    Tokenize(observed, 0, &tokens);
    std::vector<const Token*> span;
    for (const Token& t : tokens) span.push_back(&t);
    return ApplyReplacementCase(replacement, span);
  };
  // As many words as tokens: each word takes its token's case.
  EXPECT_EQ(cased("white house", "White Building"), "White House");
  EXPECT_EQ(cased("the interior ministry", "the Inside Ministry"), "the Interior Ministry");
  EXPECT_EQ(cased("the company", "The firm"), "The company");
  EXPECT_EQ(cased("interior ministry", "INSIDE MINISTRY"), "INTERIOR MINISTRY");
  EXPECT_EQ(cased("u.s. officials", "American officials"), "U.S. officials");
  // Counts differ: every word capitalised only when every cased token is.
  EXPECT_EQ(cased("united nations", "Combined Nations Organisation"), "United Nations");
  EXPECT_EQ(cased("many", "A lot of"), "Many");
  EXPECT_EQ(cased("said", "STATED that"), "SAID");
  EXPECT_EQ(cased("because of", "Due"), "Because of");
  EXPECT_EQ(cased("stated", "said"), "stated");
}

TEST(BaseName, LastPathComponent) {
  EXPECT_EQ(BaseName("data/learned.tsv"), "learned.tsv");
  EXPECT_EQ(BaseName("/usr/share/wordnet/"), "wordnet");
  EXPECT_EQ(BaseName("plain"), "plain");
  EXPECT_EQ(BaseName("/"), "/");
}

}  // namespace
}  // namespace unspin
