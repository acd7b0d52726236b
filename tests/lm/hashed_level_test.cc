// The hashed n-gram table under the compact LM: exact membership (every
// stored key is found in its slot, no absent key is ever found), keys
// recovered from slots, deterministic bytes, and the key permutation.
#include "lm/hashed_level.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <utility>

namespace unspin {
namespace {

struct Built {
  HashedShape shape;
  std::string bytes;
  std::vector<uint64_t> slot_of;
  HashedLevel view() const {
    return HashedLevel(reinterpret_cast<const uint8_t*>(bytes.data()), shape);
  }
};

Built Build(const std::vector<HashedEntry>& entries, uint64_t contexts, uint32_t vocab,
            unsigned prob_bits, unsigned bo_bits) {
  Built b;
  b.shape.context_count = contexts;
  b.shape.vocab_size = vocab;
  b.shape.prob_bits = prob_bits;
  b.shape.bo_bits = bo_bits;
  Status s = BuildHashedLevel(entries, &b.shape, &b.bytes, &b.slot_of);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(b.shape.Problem(), "");
  return b;
}

// n distinct random (context, word) pairs with random value codes.
std::vector<HashedEntry> RandomEntries(size_t n, uint64_t contexts, uint32_t vocab,
                                       unsigned prob_bits, unsigned bo_bits, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::set<std::pair<uint64_t, uint32_t>> seen;
  std::vector<HashedEntry> out;
  while (out.size() < n) {
    uint64_t c = rng() % contexts;
    uint32_t w = static_cast<uint32_t>(rng() % vocab);
    if (!seen.insert({c, w}).second) continue;
    out.push_back(HashedEntry{c, w, static_cast<uint32_t>(rng() & ((1u << prob_bits) - 1)),
                              bo_bits ? static_cast<uint32_t>(rng() & ((1u << bo_bits) - 1)) : 0});
  }
  return out;
}

TEST(HashedLevelTest, PermutationIsInvertedForEveryWidth) {
  std::mt19937_64 rng(7);
  for (unsigned bits = 2; bits <= 62; ++bits) {
    for (int i = 0; i < 200; ++i) {
      uint64_t key = rng() & KeyMask(bits);
      uint64_t h = PermuteKey(key, bits);
      ASSERT_LE(h, KeyMask(bits)) << bits;
      ASSERT_EQ(UnpermuteKey(h, bits), key) << bits;
    }
  }
  // A bijection on a small space: every value is hit exactly once.
  std::set<uint64_t> images;
  for (uint64_t k = 0; k < 1024; ++k) images.insert(PermuteKey(k, 10));
  EXPECT_EQ(images.size(), 1024u);
}

TEST(HashedLevelTest, EveryKeyIsFoundWithItsValuesAndNoOtherKeyIs) {
  // A small key space, enumerated exhaustively: 60 contexts x 50 words.
  const uint64_t contexts = 60;
  const uint32_t vocab = 50;
  auto entries = RandomEntries(1500, contexts, vocab, 12, 9, 1);
  Built b = Build(entries, contexts, vocab, 12, 9);
  HashedLevel t = b.view();
  std::set<std::pair<uint64_t, uint32_t>> stored;
  for (size_t i = 0; i < entries.size(); ++i) {
    const HashedEntry& e = entries[i];
    stored.insert({e.context, e.word});
    uint64_t slot = t.Find(e.context, e.word);
    ASSERT_EQ(slot, b.slot_of[i]);
    EXPECT_EQ(t.ProbCode(t.HitAt(slot)), e.prob_code);
    EXPECT_EQ(t.BackoffCode(t.HitAt(slot)), e.bo_code);
    EXPECT_EQ(t.KeyAt(slot), e.context * vocab + e.word);
  }
  for (uint64_t c = 0; c < contexts; ++c) {
    for (uint32_t w = 0; w < vocab; ++w) {
      if (!stored.count({c, w})) {
        ASSERT_EQ(t.Find(c, w), kNoSlot) << c << " " << w;
      }
    }
  }
}

TEST(HashedLevelTest, LargeSparseLevelIsDenseAndExact) {
  // Shaped like the real model's trigrams: contexts are slots of a big order.
  const uint64_t contexts = 3000000;
  const uint32_t vocab = 70000;
  auto entries = RandomEntries(200000, contexts, vocab, 16, 0, 2);
  Built b = Build(entries, contexts, vocab, 16, 0);
  HashedLevel t = b.view();
  EXPECT_GE(static_cast<double>(entries.size()) / static_cast<double>(b.shape.slot_count()), 0.9);
  for (size_t i = 0; i < entries.size(); ++i) {
    ASSERT_EQ(t.Find(entries[i].context, entries[i].word), b.slot_of[i]);
    ASSERT_EQ(t.ProbCode(t.HitAt(b.slot_of[i])), entries[i].prob_code);
  }
  std::set<std::pair<uint64_t, uint32_t>> stored;
  for (const HashedEntry& e : entries) stored.insert({e.context, e.word});
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200000; ++i) {
    uint64_t c = rng() % contexts;
    uint32_t w = static_cast<uint32_t>(rng() % vocab);
    if (!stored.count({c, w})) {
      ASSERT_EQ(t.Find(c, w), kNoSlot);
    }
  }
}

TEST(HashedLevelTest, SameEntriesGiveSameBytes) {
  auto entries = RandomEntries(5000, 1000, 900, 10, 8, 4);
  Built a = Build(entries, 1000, 900, 10, 8);
  Built b = Build(entries, 1000, 900, 10, 8);
  EXPECT_EQ(a.bytes, b.bytes);
}

TEST(HashedLevelTest, EmptyAndTinyLevels) {
  Built empty = Build({}, 5, 5, 1, 1);
  EXPECT_EQ(empty.view().Find(1, 2), kNoSlot);
  Built one = Build({HashedEntry{0, 0, 1, 0}}, 1, 1, 1, 1);
  EXPECT_EQ(one.view().Find(0, 0), one.slot_of[0]);
  EXPECT_EQ(one.view().ProbCode(one.view().HitAt(one.slot_of[0])), 1u);
}

TEST(HashedLevelTest, ShapeProblemsAreNamed) {
  Built b = Build(RandomEntries(100, 50, 40, 8, 8, 5), 50, 40, 8, 8);
  HashedShape s = b.shape;
  s.tag_bits += 1;
  EXPECT_NE(s.Problem(), "");
  s = b.shape;
  s.slots_per_block = 16;
  EXPECT_NE(s.Problem(), "");
  s = b.shape;
  s.block_count = 1;
  EXPECT_NE(s.Problem(), "");
  s = b.shape;
  s.context_count = uint64_t{1} << 40;  // keys no longer fit the key width
  EXPECT_NE(s.Problem(), "");
}

}  // namespace
}  // namespace unspin
