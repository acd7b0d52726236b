// How token spellings map to the words of the real CMU model.
#include "lm/lm_spelling.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/test_util.h"
#include "unspin/model.h"

namespace unspin {
namespace {

TEST(LmSpelling, DottedAbbreviationsAreSpelledAsTheModelWritesThem) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  const LanguageModel& lm = model->lm();
  ASSERT_EQ(lm.Index("u.s."), lm.oov_id()) << "the CMU model has no dotted words";
  WordId ids[kMaxSpelledWords];
  // Run together when the model knows that word ("us", "un")...
  ASSERT_NE(lm.Index("us"), lm.oov_id());
  ASSERT_EQ(SpellForLm(lm, "u.s.", ids), 1u);
  EXPECT_EQ(ids[0], lm.Index("us"));
  ASSERT_EQ(SpellForLm(lm, "u.n.", ids), 1u);
  EXPECT_EQ(ids[0], lm.Index("un"));
  // ...else letter by letter.
  ASSERT_EQ(lm.Index("uk"), lm.oov_id());
  ASSERT_EQ(SpellForLm(lm, "u.k.", ids), 2u);
  EXPECT_EQ(ids[0], lm.Index("u."));
  EXPECT_EQ(ids[1], lm.Index("k."));
  ASSERT_EQ(SpellForLm(lm, "said", ids), 1u);
  EXPECT_EQ(ids[0], lm.Index("said"));
  // Unknown words, malformed or over-long abbreviations stay one OOV word.
  for (const char* w : {"zqxjvw", "u..s.", "a.b.c.d.e.", ".s."}) {
    ASSERT_EQ(SpellForLm(lm, w, ids), 1u) << w;
    EXPECT_EQ(ids[0], lm.oov_id()) << w;
  }
  EXPECT_TRUE(LmKnowsPhrase(lm, "the u.s. said"));
  EXPECT_FALSE(LmKnowsPhrase(lm, "the zqxjvw said"));
}

TEST(LmSpelling, NumbersAreSpelledInWordsTheWayTheModelWritesThem) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  const LanguageModel& lm = model->lm();
  ASSERT_EQ(lm.Index("52"), lm.oov_id()) << "the CMU model writes numbers in words";
  auto spelled = [&](std::string_view token) {
    WordId ids[kMaxSpelledWords];
    size_t n = SpellForLm(lm, token, ids);
    std::string words;
    for (size_t k = 0; k < n; ++k) words += (k ? " " : "") + std::string(lm.Word(ids[k]));
    return words;
  };
  EXPECT_EQ(spelled("3"), "three");
  EXPECT_EQ(spelled("52"), "fifty two");
  EXPECT_EQ(spelled("300"), "three hundred");
  EXPECT_EQ(spelled("415"), "four hundred fifteen");
  EXPECT_EQ(spelled("1987"), "nineteen eighty seven");
  EXPECT_EQ(spelled("1905"), "nineteen oh five");
  EXPECT_EQ(spelled("1900"), "nineteen hundred");
  EXPECT_EQ(spelled("2005"), "two thousand five");
  EXPECT_EQ(spelled("2,000"), "two thousand");
  EXPECT_EQ(spelled("5.5"), "five point five");
  // Longer, malformed or zero-padded numbers stay one OOV word.
  for (const char* w : {"12,345", "9,999,999", "007", "1,00", "5.25", "3rd", "2,0000", "1.2.3"}) {
    WordId ids[kMaxSpelledWords];
    ASSERT_EQ(SpellForLm(lm, w, ids), 1u) << w;
    EXPECT_EQ(ids[0], lm.oov_id()) << w;
  }
}

// A phrase's prior is the chain of its words' LM scores from no context, its
// tokens spelled as the decoder spells them.
TEST(LmSpelling, PhraseLog10ChainsTheWordsFromNoContext) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  const LanguageModel& lm = model->lm();
  LmState s0 = lm.NullState(), s1, s2;
  const float the = lm.Score(s0, lm.Index("the"), &s1).log10_prob;
  const float dollar = lm.Score(s1, lm.Index("dollar"), &s2).log10_prob;
  EXPECT_NEAR(LmPhraseLog10(lm, "the dollar"), the + dollar, 1e-5);
  EXPECT_NEAR(LmPhraseLog10(lm, "the"), lm.UnigramLog10(lm.Index("the")), 1e-5);
  // "u.s." is spelled "us": the same score as the word.
  EXPECT_NEAR(LmPhraseLog10(lm, "u.s."), LmPhraseLog10(lm, "us"), 1e-6);
  // A frequent phrase is likelier than a rare one.
  EXPECT_GT(LmPhraseLog10(lm, "machine"), LmPhraseLog10(lm, "breathing machine"));
}

}  // namespace
}  // namespace unspin
