// How token spellings map to the words of the real CMU model.
#include "lm/lm_spelling.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/test_util.h"
#include "unspin/model.h"

namespace unspin {
namespace {

TEST(LmSpelling, DottedAbbreviationsAreSpelledLetterByLetter) {
  std::unique_ptr<Model> model;
  ASSERT_TRUE(Model::Open(testing_util::DefaultPackPath(), &model).ok());
  const LanguageModel& lm = model->lm();
  ASSERT_EQ(lm.Index("u.s."), lm.oov_id()) << "the CMU model spells it \"u. s.\"";
  WordId ids[kMaxSpelledWords];
  ASSERT_EQ(SpellForLm(lm, "u.s.", ids), 2u);
  EXPECT_EQ(ids[0], lm.Index("u."));
  EXPECT_EQ(ids[1], lm.Index("s."));
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

}  // namespace
}  // namespace unspin
