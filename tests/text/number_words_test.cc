#include "text/number_words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
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

// Two spans hold the same quantities when their values are equal (the
// decoder's rule: spinners keep quantities).
TEST(NumberWords, SameQuantitiesInAnySpelling) {
  using V = std::vector<std::string_view>;
  auto same = [](V a, V b) { return CardinalValues(a) == CardinalValues(b); };
  EXPECT_TRUE(same(V{"three", "people"}, V{"3", "persons"}));
  EXPECT_TRUE(same(V{"a", "dozen"}, V{"twelve"}));
  EXPECT_TRUE(same(V{"said"}, V{"stated"}));
  EXPECT_FALSE(same(V{"billion"}, V{"million"}));
  EXPECT_FALSE(same(V{"three"}, V{"few"}));
  EXPECT_FALSE(same(V{"some"}, V{"two"}));
}

// A span's values, sorted; the quick shape test in front of them never drops
// a number ("the" has the first letter and length of "ten", not its last
// letter).
TEST(NumberWords, ValuesOfASpan) {
  using V = std::vector<std::string_view>;
  using D = std::vector<double>;
  EXPECT_EQ(CardinalValues(V{"ten", "or", "3", "dozen"}), (D{3, 10, 12}));
  EXPECT_EQ(CardinalValues(V{"the", "tan", "twos", "one"}), D{});
  for (std::string_view w : {"two",      "three",   "four",    "five",      "six",      "seven",
                             "eight",    "nine",    "ten",     "eleven",    "twelve",   "thirteen",
                             "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                             "twenty",   "thirty",  "forty",   "fifty",     "sixty",    "seventy",
                             "eighty",   "ninety",  "hundred", "thousand",  "million",  "billion",
                             "trillion", "dozen",   "zero",    "nought",    "7",        "1,000"}) {
    ASSERT_TRUE(CardinalValue(w).has_value()) << w;
    EXPECT_EQ(CardinalValues(V{"the", w}), D{*CardinalValue(w)}) << w;
  }
}

TEST(NumberWords, NumbersInWordsWithinABound) {
  auto words = [](std::string_view token, size_t max) {
    std::string_view out[8];
    size_t n = NumberInWords(token, out, max);
    std::string joined;
    for (size_t k = 0; k < n; ++k) joined += (k ? " " : "") + std::string(out[k]);
    return joined;
  };
  EXPECT_EQ(words("0", 4), "zero");
  EXPECT_EQ(words("17", 4), "seventeen");
  EXPECT_EQ(words("99", 4), "ninety nine");
  EXPECT_EQ(words("999", 4), "nine hundred ninety nine");
  EXPECT_EQ(words("1215", 4), "twelve fifteen");
  EXPECT_EQ(words("42,000", 4), "forty two thousand");
  EXPECT_EQ(words("9.5", 4), "nine point five");
  // Over the bound, or not a plain number: nothing.
  EXPECT_EQ(words("999", 3), "");
  EXPECT_EQ(words("72.5", 3), "");
  for (const char* t :
       {"", "12,345", "1,2345", "0.5.", "5.", ".5", "3rd", "12345678", "2010", "1066"}) {
    EXPECT_EQ(words(t, 8), "") << t;
  }
}

TEST(NumberWords, WholeNumbersSpelledInWords) {
  auto of = [](std::string_view phrase) {
    std::vector<std::string_view> words;
    for (size_t at = 0; at < phrase.size();) {
      const size_t space = std::min(phrase.find(' ', at), phrase.size());
      words.push_back(phrase.substr(at, space - at));
      at = space + 1;
    }
    return CardinalOfWords(words);
  };
  EXPECT_EQ(of("eleven"), 11u);
  EXPECT_EQ(of("forty"), 40u);
  EXPECT_EQ(of("fifty two"), 52u);
  EXPECT_EQ(of("forty - two"), 42u);
  EXPECT_EQ(of("a hundred"), 100u);
  EXPECT_EQ(of("one hundred forty four"), 144u);
  EXPECT_EQ(of("a hundred seventy five"), 175u);
  EXPECT_EQ(of("one hundred and five"), 105u);
  EXPECT_EQ(of("three hundred"), 300u);
  EXPECT_EQ(of("two thousand five hundred"), 2500u);
  EXPECT_EQ(of("five hundred thousand"), 500000u);
  EXPECT_EQ(of("a thousand"), 1000u);
  EXPECT_EQ(of("two million three hundred thousand"), 2300000u);
  EXPECT_EQ(of("three"), 3u);
  // Not one number.
  for (std::string_view bad :
       {"", "a", "hundred", "two three", "twenty thirty", "two twenty", "twenty eleven", "a five",
        "fifty 2", "half", "forty -", "- two", "forty - - two", "a hundred and", "thousand",
        "two thousand three million", "one and two", "the"}) {
    EXPECT_EQ(of(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace unspin
