// One order (n >= 2) of the compact LM: an exact, memory-dense hash table of
// n-grams keyed by (context, word).
//
// Key. An n-gram "c w" is the integer K = context * V + w, where V is the
// vocabulary size and `context` identifies its (n-1)-word prefix: the word id
// for bigrams, otherwise the prefix's slot number in order n-1. A state keeps
// the slot numbers of its histories, so every order's lookup for the next word
// is independent of the others and the CPU overlaps their cache misses (a
// trie walks them one after another).
//
// Table. Keys live in B blocks of one cache line (64 bytes). A bijective
// permutation h of [0, 2^key_bits) splits into q = h div B and a first block
// b0 = h mod B; the second block is b1 = (b0 + offset(q)) mod B with
// offset(q) in [1, B). A slot stores the tag q * 2 + c (c = 0 in b0, 1 in
// b1); block and tag identify K exactly, so no false match is possible with
// fewer bits than the key (quotienting, partial-key cuckoo hashing). Keys are
// placed by bucketed cuckoo hashing at about 95% load.
//
// Block layout (k = slots per block, at most 15):
//   byte 0        bits 0-3: slots used (they fill from the front);
//                 bit 7: some key whose first block is this one lives in
//                 its second block
//   bytes 1..k    the low 8 bits of each slot's tag (compared 16 at a time)
//   then, bit-packed little-endian from bit 8 * (1 + k): k high tag parts
//   (tag_bits - 8 bits each) and k values [prob code | backoff code] (the
//   top order stores only the prob code).
// The block array is followed by 8 bytes of slack for unaligned reads.
#ifndef UNSPIN_LM_HASHED_LEVEL_H_
#define UNSPIN_LM_HASHED_LEVEL_H_

#include <algorithm>
#include <cstdint>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string>
#include <vector>

#include "lm/bit_packing.h"
#include "unspin/status.h"

namespace unspin {

inline constexpr uint64_t kBlockBytes = 64;
inline constexpr unsigned kBlockBits = 512;
inline constexpr unsigned kMaxSlotsPerBlock = 15;
inline constexpr uint64_t kNoSlot = ~uint64_t{0};

// Shape of one hashed order, as stored in the file header.
struct HashedShape {
  uint64_t block_count = 0;    // B >= 2
  uint64_t context_count = 0;  // contexts are < this (V for bigrams)
  uint32_t vocab_size = 0;     // V
  unsigned key_bits = 0;       // keys and permutations live in [0, 2^key_bits)
  unsigned tag_bits = 0;
  unsigned prob_bits = 0;
  unsigned bo_bits = 0;  // 0 for the top order
  unsigned slots_per_block = 0;

  uint64_t slot_count() const { return block_count * slots_per_block; }
  unsigned value_bits() const { return prob_bits + bo_bits; }
  // Checks the fields against each other; "" when consistent, else the problem.
  std::string Problem() const;
};

// Where the fields of a block lie (see the layout above); the one place the
// reader, the writer and the shape check take them from.
struct BlockLayout {
  unsigned high_start = 0;   // first bit of the high tag parts
  unsigned high_bits = 0;    // width of a high tag part
  unsigned value_start = 0;  // first bit of the values
  unsigned value_bits = 0;   // width of a value
  BlockLayout() = default;
  BlockLayout(unsigned slots, unsigned tag_bits, unsigned value_bits_)
      : high_start(8 * (1 + slots)),
        high_bits(tag_bits > 8 ? tag_bits - 8 : 0),
        value_start(high_start + slots * high_bits),
        value_bits(value_bits_) {}
  unsigned HighBit(unsigned i) const { return high_start + i * high_bits; }
  uint64_t ValueBit(unsigned i) const { return value_start + uint64_t{i} * value_bits; }
};

// Odd multipliers of the key permutation (part of the file format: changing
// them needs a new format version).
inline constexpr uint64_t kKeyMultipliers[2] = {0xBF58476D1CE4E5B9ull, 0x94D049BB133111EBull};
inline uint64_t KeyMask(unsigned bits) { return (uint64_t{1} << bits) - 1; }
inline unsigned KeyShift(unsigned bits) { return (bits + 1) / 2; }

// The permutation h on [0, 2^bits), 2 <= bits <= 62, and its inverse.
inline uint64_t PermuteKey(uint64_t key, unsigned bits) {
  const uint64_t mask = KeyMask(bits);
  const unsigned s = KeyShift(bits);
  uint64_t x = (key * kKeyMultipliers[0]) & mask;
  x ^= x >> s;
  x = (x * kKeyMultipliers[1]) & mask;
  return x ^ (x >> s);
}
uint64_t UnpermuteKey(uint64_t hashed, unsigned bits);

// The second block of a key whose first block is b0 and quotient q, among
// `blocks` >= 2 blocks: never b0.
inline uint64_t SecondBlock(uint64_t b0, uint64_t q, uint64_t blocks) {
  uint64_t mixed = (q * 0x9E3779B97F4A7C15ull) >> 32;
  uint64_t b1 = b0 + 1 + ((mixed * (blocks - 1)) >> 32);
  return b1 >= blocks ? b1 - blocks : b1;
}

// Read-only view of a level's blocks.
class HashedLevel {
 public:
  HashedLevel() = default;
  HashedLevel(const uint8_t* blocks, const HashedShape& shape);

  // A lookup in two steps: Prepare computes both candidate blocks and
  // prefetches them; Locate scans them. Callers prepare every lookup they
  // can before locating any, so that the cache misses overlap. Any context
  // is safe to probe (the block is always in range); only stored keys match.
  struct Probe {
    const uint8_t* block[2];
    uint64_t block_index[2];
    uint64_t q;
  };
  [[gnu::always_inline]] Probe Prepare(uint64_t context, uint32_t word) const {
    const uint64_t h = PermuteKey(context * shape_.vocab_size + word, shape_.key_bits);
    Probe p;
    p.q = Divide(h);
    p.block_index[0] = h - p.q * shape_.block_count;
    p.block_index[1] = SecondBlock(p.block_index[0], p.q, shape_.block_count);
    for (int c = 0; c < 2; ++c) {
      p.block[c] = blocks_ + p.block_index[c] * kBlockBytes;
      __builtin_prefetch(p.block[c]);
    }
    return p;
  }
  // The lookup path is forced inline (the compiler's unit-growth limits
  // otherwise turn it into calls once a file has several callers: -15%).
  // Where a key lives: its block, its index there and its slot number.
  struct Hit {
    const uint8_t* block = nullptr;
    unsigned index = 0;
    uint64_t slot = kNoSlot;
  };
  // The slot holding the probed key (slot == kNoSlot when absent).
  [[gnu::always_inline]] Hit Locate(const Probe& p) const {
    unsigned i = Scan(p.block[0], p.q << 1);
    if (i < kMaxSlotsPerBlock)
      return {p.block[0], i, p.block_index[0] * shape_.slots_per_block + i};
    if ((p.block[0][0] & kOverflowBit) == 0) return {};
    i = Scan(p.block[1], (p.q << 1) | 1);
    if (i < kMaxSlotsPerBlock)
      return {p.block[1], i, p.block_index[1] * shape_.slots_per_block + i};
    return {};
  }
  uint64_t Find(uint64_t context, uint32_t word) const {
    return Locate(Prepare(context, word)).slot;
  }
  Hit HitAt(uint64_t slot) const {
    return {blocks_ + (slot / shape_.slots_per_block) * kBlockBytes,
            static_cast<unsigned>(slot % shape_.slots_per_block), slot};
  }

  [[gnu::always_inline]] uint32_t ProbCode(const Hit& h) const {
    return static_cast<uint32_t>(ReadBits(h.block, layout_.ValueBit(h.index), shape_.prob_bits));
  }
  [[gnu::always_inline]] uint32_t BackoffCode(const Hit& h) const {
    return static_cast<uint32_t>(
        ReadBits(h.block, layout_.ValueBit(h.index) + shape_.prob_bits, shape_.bo_bits));
  }
  // Slots used in a block; they are the first ones.
  unsigned Used(uint64_t block) const { return blocks_[block * kBlockBytes] & kCountMask; }
  // The key stored in a used slot.
  uint64_t KeyAt(uint64_t slot) const;

  const HashedShape& shape() const { return shape_; }

  static constexpr uint8_t kCountMask = 0x0F;
  static constexpr uint8_t kOverflowBit = 0x80;
  // Bit where a block's high tag parts begin.

 private:
  uint64_t Divide(uint64_t h) const {
    if (fast_divide_) {
      return static_cast<uint64_t>((static_cast<unsigned __int128>(h) * magic_) >> 64);
    }
    return h / shape_.block_count;
  }
  // Index of the slot of `block` holding `tag`, or kMaxSlotsPerBlock.
  unsigned Scan(const uint8_t* block, uint64_t tag) const;

  const uint8_t* blocks_ = nullptr;
  HashedShape shape_;
  uint64_t magic_ = 0;  // ceil(2^64 / B), when fast_divide_
  BlockLayout layout_;
  bool fast_divide_ = false;
};

// One n-gram to place: its context, word and value codes.
struct HashedEntry {
  uint64_t context;
  uint32_t word;
  uint32_t prob_code;
  uint32_t bo_code;
};

// Chooses the shape for `entries` (filling block_count, key_bits, tag_bits
// and slots_per_block of *shape, whose other fields the caller sets), writes
// the blocks plus slack to *out and, when slot_of is given, each entry's slot.
// Deterministic: the same entries give the same bytes. Fails only when the
// keys or values cannot be represented. Keys must be distinct.
Status BuildHashedLevel(const std::vector<HashedEntry>& entries, HashedShape* shape,
                        std::string* out, std::vector<uint64_t>* slot_of);

[[gnu::always_inline]] inline unsigned HashedLevel::Scan(const uint8_t* block, uint64_t tag) const {
  // Clamped: a damaged count must not send the scan past the block.
  const unsigned used = std::min<unsigned>(block[0] & kCountMask, shape_.slots_per_block);
#ifdef __SSE2__
  const __m128i fingerprints = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 1));
  uint32_t match = static_cast<uint32_t>(_mm_movemask_epi8(
      _mm_cmpeq_epi8(fingerprints, _mm_set1_epi8(static_cast<char>(tag & 0xFF)))));
#else
  uint32_t match = 0;
  for (unsigned i = 0; i < used; ++i) match |= uint32_t{block[1 + i] == (tag & 0xFF)} << i;
#endif
  match &= (1u << used) - 1;
  while (match != 0) {
    unsigned i = static_cast<unsigned>(__builtin_ctz(match));
    if (ReadBits(block, layout_.HighBit(i), layout_.high_bits) == (tag >> 8)) return i;
    match &= match - 1;
  }
  return kMaxSlotsPerBlock;
}

// Size in bytes of a level's block array, slack included.
inline uint64_t HashedLevelBytes(const HashedShape& s) { return s.block_count * kBlockBytes + 8; }

}  // namespace unspin

#endif  // UNSPIN_LM_HASHED_LEVEL_H_
