// WordCounts: counts by word id, cleared in time proportional to what was added.
#include "lm/word_counts.h"

#include <gtest/gtest.h>

namespace unspin {
namespace {

TEST(WordCountsTest, CountsClearsAndIgnoresIdsOutsideTheVocabulary) {
  WordCounts c;
  c.Add(3);  // nothing reserved yet: ignored
  EXPECT_EQ(c.Count(3), 0u);
  c.Reserve(10);
  c.Add(3);
  c.Add(3);
  c.Add(9);
  c.Add(10);       // outside: ignored
  c.Add(kNoWord);  // outside: ignored
  EXPECT_EQ(c.Count(3), 2u);
  EXPECT_EQ(c.Count(9), 1u);
  EXPECT_EQ(c.Count(0), 0u);
  EXPECT_EQ(c.Count(10), 0u);
  EXPECT_EQ(c.Count(kNoWord), 0u);
  c.Reserve(5);  // never shrinks: counts kept
  EXPECT_EQ(c.Count(9), 1u);
  c.Clear();
  EXPECT_EQ(c.Count(3), 0u);
  EXPECT_EQ(c.Count(9), 0u);
  c.Add(9);  // usable again after clearing
  EXPECT_EQ(c.Count(9), 1u);
}

}  // namespace
}  // namespace unspin
