#include "text/number_words.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace unspin {
namespace {

TEST(NumberWords, CardinalValues) {
  EXPECT_EQ(CardinalValue("three"), 3.0);
  EXPECT_EQ(CardinalValue("billion"), 1e9);
  EXPECT_EQ(CardinalValue("dozen"), 12.0);
  EXPECT_EQ(CardinalValue("3"), 3.0);
  EXPECT_EQ(CardinalValue("10,500"), 10500.0);
  // Words that are often something else have no value; nor do non-numbers.
  EXPECT_FALSE(CardinalValue("one").has_value());
  EXPECT_FALSE(CardinalValue("second").has_value());
  EXPECT_FALSE(CardinalValue("half").has_value());
  EXPECT_FALSE(CardinalValue("threes").has_value());
  EXPECT_FALSE(CardinalValue("3.5").has_value());
  EXPECT_FALSE(CardinalValue("1000's").has_value());
  EXPECT_FALSE(CardinalValue("").has_value());
}

TEST(NumberWords, SameQuantitiesInAnySpelling) {
  using V = std::vector<std::string_view>;
  EXPECT_TRUE(SameQuantities(V{"three", "people"}, V{"3", "persons"}));
  EXPECT_TRUE(SameQuantities(V{"a", "dozen"}, V{"twelve"}));
  EXPECT_TRUE(SameQuantities(V{"said"}, V{"stated"}));
  EXPECT_FALSE(SameQuantities(V{"billion"}, V{"million"}));
  EXPECT_FALSE(SameQuantities(V{"three"}, V{"few"}));
  EXPECT_FALSE(SameQuantities(V{"some"}, V{"two"}));
}

}  // namespace
}  // namespace unspin
