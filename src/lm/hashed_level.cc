#include "lm/hashed_level.h"

#include <algorithm>
#include <cstring>

namespace unspin {
namespace {

constexpr unsigned kMinKeyBits = 2;
constexpr unsigned kMaxKeyBits = 62;
constexpr unsigned kMaxTagBits = 57;  // ReadBits' limit
constexpr double kTargetLoad = 0.95;
constexpr int kMaxKicks = 20000;
constexpr int kMaxGrowths = 60;

uint64_t OddInverse(uint64_t m) {
  uint64_t inv = m;                                // right to 3 bits
  for (int i = 0; i < 5; ++i) inv *= 2 - m * inv;  // doubles the correct bits
  return inv;
}

uint64_t UndoXorShift(uint64_t y, unsigned s, unsigned bits) {
  uint64_t x = y;
  for (unsigned done = 0; done < bits; done += s) x = y ^ (x >> s);
  return x;
}

unsigned TagBitsFor(unsigned key_bits, uint64_t blocks) {
  return 1 + BitLength(KeyMask(key_bits) / blocks);
}

// Whether k slots with tags of tag_bits and values of value_bits fit a block.
bool Fits(unsigned k, unsigned tag_bits, unsigned value_bits) {
  return k >= 1 && k <= kMaxSlotsPerBlock &&
         BlockLayout(k, tag_bits, value_bits).ValueBit(k) <= kBlockBits;
}

// splitmix64: the builder's deterministic source of eviction choices.
struct Rng {
  uint64_t state = 0x5EEDC0FFEEull;
  uint64_t Next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

struct Placement {
  std::vector<uint32_t> owner;  // entry in each slot, or kEmpty
  std::vector<uint8_t> fill;    // used slots per block
  std::vector<uint8_t> choice;  // block choice of each entry
  static constexpr uint32_t kEmpty = ~uint32_t{0};
};

// Bucketed cuckoo placement of all entries; false when some entry found no
// place within kMaxKicks evictions.
bool Place(const std::vector<uint64_t>& home, uint64_t blocks, unsigned k, Placement* p) {
  const size_t n = home.size() / 2;
  p->owner.assign(blocks * k, Placement::kEmpty);
  p->fill.assign(blocks, 0);
  p->choice.assign(n, 0);
  Rng rng;
  for (size_t e = 0; e < n; ++e) {
    uint32_t cur = static_cast<uint32_t>(e);
    bool placed = false;
    for (int kick = 0; kick < kMaxKicks && !placed; ++kick) {
      for (int c = 0; c < 2 && !placed; ++c) {
        uint64_t b = home[2 * cur + c];
        if (p->fill[b] < k) {
          p->owner[b * k + p->fill[b]++] = cur;
          p->choice[cur] = static_cast<uint8_t>(c);
          placed = true;
        }
      }
      if (placed) break;
      uint64_t r = rng.Next();
      int c = static_cast<int>(r & 1);
      uint64_t slot = home[2 * cur + c] * k + (r >> 1) % k;
      uint32_t victim = p->owner[slot];
      p->owner[slot] = cur;
      p->choice[cur] = static_cast<uint8_t>(c);
      cur = victim;
    }
    if (!placed) return false;
  }
  return true;
}

}  // namespace

uint64_t UnpermuteKey(uint64_t hashed, unsigned bits) {
  const uint64_t mask = KeyMask(bits);
  const unsigned s = KeyShift(bits);
  uint64_t x = UndoXorShift(hashed, s, bits);
  x = (x * OddInverse(kKeyMultipliers[1])) & mask;
  x = UndoXorShift(x, s, bits);
  return (x * OddInverse(kKeyMultipliers[0])) & mask;
}

std::string HashedShape::Problem() const {
  if (block_count < 2 || block_count > (uint64_t{1} << 32) || vocab_size == 0 || context_count == 0)
    return "impossible table size";
  if (key_bits < kMinKeyBits || key_bits > kMaxKeyBits) return "key width out of range";
  if (static_cast<unsigned __int128>(context_count) * vocab_size > KeyMask(key_bits) + 1)
    return "keys wider than the key width";
  if (block_count > KeyMask(key_bits)) return "more blocks than keys";
  if (tag_bits != TagBitsFor(key_bits, block_count)) return "tag width does not fit the shape";
  if (prob_bits < 1 || prob_bits > 20 || bo_bits > 20) return "value width out of range";
  if (!Fits(slots_per_block, tag_bits, value_bits())) return "slots do not fit a block";
  return "";
}

HashedLevel::HashedLevel(const uint8_t* blocks, const HashedShape& shape)
    : blocks_(blocks), shape_(shape) {
  fast_divide_ = shape.key_bits + BitLength(shape.block_count) <= 64;
  if (fast_divide_) magic_ = ~uint64_t{0} / shape.block_count + 1;
  layout_ = BlockLayout(shape.slots_per_block, shape.tag_bits, shape.value_bits());
}

uint64_t HashedLevel::KeyAt(uint64_t slot) const {
  const unsigned k = shape_.slots_per_block;
  const uint64_t b = slot / k;
  const unsigned i = static_cast<unsigned>(slot % k);
  const uint8_t* block = blocks_ + b * kBlockBytes;
  const uint64_t tag = block[1 + i] | (ReadBits(block, layout_.HighBit(i), layout_.high_bits) << 8);
  const uint64_t q = tag >> 1;
  uint64_t b0 = b;
  if (tag & 1) {  // stored in its second block: undo the offset
    const uint64_t blocks = shape_.block_count;
    uint64_t offset = SecondBlock(0, q, blocks);
    b0 = b >= offset ? b - offset : b + blocks - offset;
  }
  return UnpermuteKey(q * shape_.block_count + b0, shape_.key_bits);
}

Status BuildHashedLevel(const std::vector<HashedEntry>& entries, HashedShape* shape,
                        std::string* out, std::vector<uint64_t>* slot_of) {
  const unsigned __int128 keys =
      static_cast<unsigned __int128>(shape->context_count) * shape->vocab_size;
  if (shape->context_count == 0 || keys > (unsigned __int128){KeyMask(kMaxKeyBits)} + 1)
    return Status::Unsupported("an n-gram order is too large for the compact format");
  shape->key_bits = std::max(kMinKeyBits, BitLength(static_cast<uint64_t>(keys - 1)));
  const unsigned vb = shape->value_bits();
  const double n = static_cast<double>(entries.size());

  // The smallest table: for each slots-per-block k, the blocks needed at the
  // target load and the tag width that follows.
  uint64_t best_blocks = 0;
  unsigned best_k = 0;
  for (unsigned k = 1; k <= kMaxSlotsPerBlock; ++k) {
    uint64_t blocks = std::max<uint64_t>(2, static_cast<uint64_t>(n / (k * kTargetLoad)) + 1);
    unsigned tb = TagBitsFor(shape->key_bits, blocks);
    if (tb > kMaxTagBits || !Fits(k, tb, vb)) continue;
    if (best_k == 0 || blocks < best_blocks) best_blocks = blocks, best_k = k;
  }
  if (best_k == 0) return Status::Unsupported("n-gram values too wide for the compact format");

  std::vector<uint64_t> home(2 * entries.size()), quotient(entries.size());
  Placement placement;
  for (int growth = 0;; ++growth) {
    if (growth == kMaxGrowths || best_blocks > (uint64_t{1} << 32))
      return Status::Unsupported("could not place the n-grams in a hash table");
    shape->block_count = best_blocks;
    shape->slots_per_block = best_k;
    shape->tag_bits = TagBitsFor(shape->key_bits, best_blocks);
    for (size_t e = 0; e < entries.size(); ++e) {
      uint64_t h =
          PermuteKey(entries[e].context * shape->vocab_size + entries[e].word, shape->key_bits);
      quotient[e] = h / best_blocks;
      home[2 * e] = h % best_blocks;
      home[2 * e + 1] = SecondBlock(home[2 * e], quotient[e], best_blocks);
    }
    if (Place(home, best_blocks, best_k, &placement)) break;
    best_blocks += best_blocks / 32 + 1;  // tags only get narrower
  }

  const unsigned k = shape->slots_per_block;
  const BlockLayout layout(k, shape->tag_bits, vb);
  out->assign(HashedLevelBytes(*shape), '\0');
  uint8_t* base = reinterpret_cast<uint8_t*>(out->data());
  if (slot_of) slot_of->assign(entries.size(), kNoSlot);
  for (uint64_t b = 0; b < shape->block_count; ++b) {
    uint8_t* block = base + b * kBlockBytes;
    block[0] |= placement.fill[b];
    for (unsigned i = 0; i < placement.fill[b]; ++i) {
      uint32_t e = placement.owner[b * k + i];
      int c = placement.choice[e];
      uint64_t tag = (quotient[e] << 1) | static_cast<uint64_t>(c);
      block[1 + i] = static_cast<uint8_t>(tag & 0xFF);
      WriteBits(block, layout.HighBit(i), layout.high_bits, tag >> 8);
      const uint64_t vbit = layout.ValueBit(i);
      WriteBits(block, vbit, shape->prob_bits, entries[e].prob_code);
      if (shape->bo_bits) {
        WriteBits(block, vbit + shape->prob_bits, shape->bo_bits, entries[e].bo_code);
      }
      if (c == 1) base[home[2 * e] * kBlockBytes] |= HashedLevel::kOverflowBit;
      if (slot_of) (*slot_of)[e] = b * k + i;
    }
  }
  return Status::Ok();
}

}  // namespace unspin
