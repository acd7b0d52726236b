#include "lm/quantizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace unspin {
namespace {

TEST(CodebookTest, FewDistinctValuesAreExact) {
  std::vector<float> v = {-1.5f, -0.25f, -1.5f, 0.0f, -7.125f};
  Codebook book(v);
  EXPECT_TRUE(book.exact());
  EXPECT_EQ(book.table().size(), 4u);
  EXPECT_EQ(book.bits(), 2u);
  for (float x : v) EXPECT_EQ(book.table()[book.Encode(x)], x);
}

TEST(CodebookTest, EmptyInputStillDecodes) {
  Codebook book({});
  EXPECT_GE(book.bits(), 1u);
  EXPECT_EQ(book.table()[book.Encode(0.0f)], 0.0f);
}

TEST(CodebookTest, MoreValuesThanCodesAreBinnedWithSmallError) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-7.0f, 0.0f);
  std::vector<float> v(Codebook::kMaxCodes + Codebook::kMaxCodes / 2);
  for (float& x : v) x = dist(rng);
  Codebook book(v);
  EXPECT_FALSE(book.exact());
  EXPECT_EQ(book.table().size(), Codebook::kMaxCodes);
  double worst = 0;
  for (size_t i = 0; i < v.size(); i += 101) {
    worst = std::max(worst, std::fabs(double{book.table()[book.Encode(v[i])]} - v[i]));
  }
  // 7 units over 2^20 bins: bins hold one or two values, so the error is at
  // most half the widest gap between neighbouring random values (~3e-5).
  EXPECT_LT(worst, 1e-4);
}

}  // namespace
}  // namespace unspin
