// The spinner simulator: longest match, case, determinism, alignment.
#include "spin/spinner.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/test_util.h"

namespace unspin {
namespace {

SpinDictionary Dict() {
  SpinDictionary d;
  d.Add("new york", "big apple", 1);
  d.Add("new", "fresh", 1);
  d.Add("said", "stated", 1);
  d.Add("said", "mentioned", 1);
  d.Add("because", "due to the fact that", 1);
  return d;
}

SpinResult SpinText(const SpinDictionary& d, std::string_view text, double rate,
                    uint64_t seed = 1) {
  SpinResult r;
  Spin(d, text, SpinOptions{rate, seed}, "doc", &r);
  return r;
}

TEST(Spinner, LongestMatchWinsAndCaseIsKept) {
  SpinResult r = SpinText(Dict(), "New York said so. NEW YORK agreed. A new plan.", 1.0);
  EXPECT_EQ(r.text.substr(0, 9), "Big apple");
  EXPECT_NE(r.text.find("BIG APPLE agreed"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("A fresh plan."), std::string::npos) << r.text;
  EXPECT_EQ(r.matched, 4u);
  EXPECT_EQ(r.edits.size(), 4u);
}

TEST(Spinner, EditsAlignBothTexts) {
  std::string text = "They said it was new, because  it  rained.\n";
  SpinResult r = SpinText(Dict(), text, 1.0);
  ASSERT_EQ(r.edits.size(), 3u);
  std::string rebuilt;
  size_t at = 0;
  for (const SpinEdit& e : r.edits) {
    EXPECT_EQ(text.substr(e.original_begin, e.original_end - e.original_begin), e.from);
    EXPECT_EQ(r.text.substr(e.spun_begin, e.spun_end - e.spun_begin), e.to);
    rebuilt += text.substr(at, e.original_begin - at) + e.to;
    at = e.original_end;
  }
  rebuilt += text.substr(at);
  EXPECT_EQ(rebuilt, r.text);  // bytes outside the edits are copied unchanged
  EXPECT_NE(r.text.find("due to the fact that  it  rained.\n"), std::string::npos);
}

TEST(Spinner, RateZeroChangesNothingAndSeedsAreDeterministic) {
  std::string text = "New York said that because new rules came, they said no.";
  SpinResult zero = SpinText(Dict(), text, 0.0);
  EXPECT_EQ(zero.text, text);
  EXPECT_TRUE(zero.edits.empty());
  EXPECT_EQ(SpinText(Dict(), text, 0.5, 42).text, SpinText(Dict(), text, 0.5, 42).text);
  bool differs = false;
  for (uint64_t seed = 1; seed < 20 && !differs; ++seed) {
    differs = SpinText(Dict(), text, 0.5, seed).text != SpinText(Dict(), text, 0.5, 0).text;
  }
  EXPECT_TRUE(differs);
  // The document key changes the stream too.
  SpinResult a, b;
  Spin(Dict(), text, SpinOptions{0.5, 3}, "doc-a", &a);
  Spin(Dict(), text, SpinOptions{0.5, 3}, "doc-a", &b);
  EXPECT_EQ(a.text, b.text);
}

// Consistent spinning decides once per phrase and document: every "said"
// becomes the same word or stays; without it the occurrences differ.
TEST(Spinner, ConsistentSpinningRewritesEveryOccurrenceAlike) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "they said so. ";
  auto forms = [&](bool consistent, uint64_t seed) {
    SpinOptions o{0.5, seed};
    o.consistent = consistent;
    SpinResult r;
    Spin(Dict(), text, o, "doc", &r);
    std::set<std::string> seen;
    for (size_t at = 0; (at = r.text.find("they ", at)) != std::string::npos; at += 5) {
      seen.insert(r.text.substr(at + 5, r.text.find(' ', at + 5) - at - 5));
    }
    return seen;
  };
  size_t kept = 0, replaced = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::set<std::string> seen = forms(true, seed);
    ASSERT_EQ(seen.size(), 1u) << seed;
    (*seen.begin() == "said" ? kept : replaced) += 1;
    EXPECT_EQ(forms(false, seed).size(), 3u);  // said, stated, mentioned
  }
  EXPECT_GT(kept, 0u);
  EXPECT_GT(replaced, 0u);
}

TEST(Spinner, RateIsTheShareOfMatchesReplaced) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "they said so. ";
  SpinResult r = SpinText(Dict(), text, 0.3, 9);
  EXPECT_EQ(r.matched, 2000u);
  EXPECT_NEAR(static_cast<double>(r.edits.size()) / r.matched, 0.3, 0.04);
  size_t stated = 0;
  for (const SpinEdit& e : r.edits) stated += e.to == "stated";
  EXPECT_NEAR(static_cast<double>(stated) / r.edits.size(), 0.5, 0.08);  // equal weights
}

TEST(Spinner, PhrasesDoNotCrossParagraphs) {
  SpinResult r = SpinText(Dict(), "in New\n\nYork", 1.0);
  EXPECT_EQ(r.text, "in Fresh\n\nYork");
}

TEST(SpinDictionary, ReadsEveryLayout) {
  std::string a = testing_util::WriteTemp("g.dat", "big|large|huge\n");
  std::string b = testing_util::WriteTemp("w.txt", "quick:fast,rapid\n");
  SpinDictionary d;
  ASSERT_TRUE(SpinDictionary::FromFiles({a, b + "@2"}, &d).ok());
  ASSERT_NE(d.Find("big"), nullptr);
  EXPECT_EQ(d.Find("big")->size(), 2u);
  ASSERT_NE(d.Find("quick"), nullptr);
  EXPECT_FLOAT_EQ((*d.Find("quick"))[0].weight, 2.0f);
  EXPECT_EQ(d.Find("fast"), nullptr);  // word:syn lists are one-way
  EXPECT_FALSE(SpinDictionary::FromFiles({"/nonexistent"}, &d).ok());
}

}  // namespace
}  // namespace unspin
