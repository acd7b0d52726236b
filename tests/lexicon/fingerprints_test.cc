// The fingerprint list: TSV reading, inflected forms, longest matches.
#include "lexicon/fingerprints.h"

#include <gtest/gtest.h>

#include "lexicon/lexicon_types.h"
#include "tests/test_util.h"

namespace unspin {
namespace {

using testing_util::WriteTemp;

// The matches of `text` (normalised, split on spaces) as "begin-end:expected;".
std::string Matches(const FingerprintList& list, const std::string& text) {
  std::string norm = NormalizePhrase(text);
  std::vector<std::string_view> words = SplitPhrase(norm);
  std::vector<FingerprintList::Match> found;
  list.FindAll(words, &found);
  std::string out;
  for (const auto& m : found) {
    out += std::to_string(m.begin) + "-" + std::to_string(m.end) + ":" + *m.expected + ";";
  }
  return out;
}

TEST(FingerprintList, ReadsTheListWithItsHeaderAndFirstAlternatives) {
  FingerprintList list;
  Morphology morphology;
  ASSERT_TRUE(list.Load(WriteTemp("fp1.tsv",
                                  "tortured\texpected\n"
                                  "# a comment\n\n"
                                  "counterfeit consciousness\tartificial intelligence\n"
                                  "profound learning\tdeep learning / deep neural learning\n"
                                  "irregular woodland\trandom forest\textra column\n"),
                        morphology, nullptr)
                  .ok());
  EXPECT_EQ(list.size(), 3u);
  EXPECT_EQ(Matches(list, "we use profound learning and counterfeit consciousness"),
            "2-4:deep learning;5-7:artificial intelligence;");
  EXPECT_EQ(Matches(list, "an irregular woodland model"), "1-3:random forest;");
  EXPECT_EQ(Matches(list, "nothing known here"), "");
}

TEST(FingerprintList, InflectedFormsMapToTheExpectedInflectedAlike) {
  FingerprintList list;
  Morphology morphology;
  ASSERT_TRUE(
      list.Load(WriteTemp("fp2.tsv", "irregular woodland\trandom forest\n"), morphology, nullptr)
          .ok());
  EXPECT_EQ(Matches(list, "irregular woodlands"), "0-2:random forests;");
  // A filter that knows no inflected word keeps the expected phrase as it is.
  FingerprintList strict;
  ASSERT_TRUE(strict
                  .Load(WriteTemp("fp3.tsv", "irregular woodland\trandom forest\n"), morphology,
                        [](std::string_view w) { return w != "forests"; })
                  .ok());
  EXPECT_EQ(Matches(strict, "irregular woodlands"), "0-2:random forest;");
}

TEST(FingerprintList, TheLongestMatchWinsAndMatchesDoNotOverlap) {
  FingerprintList list;
  Morphology morphology;
  ASSERT_TRUE(list.Load(WriteTemp("fp4.tsv",
                                  "profound\tdeep\n"
                                  "profound learning\tdeep learning\n"
                                  "learning rate\tstep size\n"),
                        morphology, nullptr)
                  .ok());
  EXPECT_EQ(Matches(list, "profound learning rate"), "0-2:deep learning;");
  EXPECT_EQ(Matches(list, "profound thoughts"), "0-1:deep;");
}

TEST(FingerprintList, MalformedListsAreNamedErrors) {
  FingerprintList list;
  Morphology morphology;
  Status s =
      list.Load(WriteTemp("fp5.tsv", "tortured\texpected\nno tab here\n"), morphology, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("fp5.tsv:2"), std::string::npos) << s.message();
  EXPECT_FALSE(list.Load(WriteTemp("fp6.tsv", "tortured\texpected\n"), morphology, nullptr).ok());
  EXPECT_FALSE(list.Load(testing_util::TempPath("missing.tsv"), morphology, nullptr).ok());
}

}  // namespace
}  // namespace unspin
