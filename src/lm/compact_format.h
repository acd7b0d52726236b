// The project's compact binary LM format ("UNSPINLM"), version 1.
//
// Layout: a fixed CompactHeader, then sections at 64-byte aligned offsets:
//   vocabulary   NUL-terminated words, u32 offsets[V+1], open-addressing hash
//                of u32 slots (id + 1; 0 = empty) keyed by XXH3-64 of the word
//   unigrams     (V + 1) UnigramRecord; the last is a sentinel whose `next`
//                is the number of bigrams
//   buckets      u32 bigram indices that split large unigram child ranges
//   levels 2..N  per order: a float codebook for probabilities, one for
//                backoffs (middle orders only), and bit-packed records
//                [word | prob code | backoff code | next] (top order:
//                [word | prob code]) followed by a sentinel and 8 bytes slack
//
// The trie is stored backwards, like KenLM's and sphinx's: the children of
// unigram w are the bigrams "v w", sorted by v; the children of bigram "v w"
// are the trigrams "u v w", sorted by u. A record's `next` is the index of its
// first child; its children end where the next record's begin.
//
// Integrity: the header carries a checksum of itself and one of all bytes
// after it (XXH3-64), the total file size, and sanity values that catch
// endianness or ABI drift. Writers publish atomically (temp file + rename).
#ifndef UNSPIN_LM_COMPACT_FORMAT_H_
#define UNSPIN_LM_COMPACT_FORMAT_H_

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "unspin/language_model.h"

namespace unspin {

inline constexpr char kCompactMagic[8] = {'U', 'N', 'S', 'P', 'I', 'N', 'L', 'M'};
inline constexpr uint32_t kCompactVersion = 1;
inline constexpr uint32_t kSanityU32 = 0x01020304u;

// Unigram child ranges longer than this get a bucket index.
inline constexpr uint32_t kBucketThreshold = 16;
// Average number of children per bucket.
inline constexpr uint32_t kChildrenPerBucket = 8;
// Bucket scaling: bucket(v) = (v * g) >> (kBucketShift - lb), g = 2^40 / V.
inline constexpr unsigned kBucketShift = 40;
inline constexpr uint32_t kMaxVocab = 1u << 24;

struct UnigramRecord {
  float prob;
  float backoff;
  uint32_t next;         // first bigram child
  uint32_t bucket_base;  // first bucket entry, when the range is bucketed
};
static_assert(sizeof(UnigramRecord) == 16);

struct LevelHeader {
  uint64_t records_offset;
  uint64_t records_bytes;
  uint64_t prob_book_offset;
  uint64_t bo_book_offset;  // 0 for the top order
  uint32_t prob_book_size;
  uint32_t bo_book_size;
  uint8_t word_bits;
  uint8_t prob_bits;
  uint8_t bo_bits;
  uint8_t next_bits;
  uint32_t record_bits;
};
static_assert(sizeof(LevelHeader) == 48);

struct CompactHeader {
  char magic[8];
  uint32_t version;
  uint32_t header_bytes;
  uint32_t sanity_u32;
  float sanity_f[3];  // 0.0, 1.0, -0.5
  uint32_t order;
  uint32_t vocab_size;
  uint32_t bos_id;  // kNoWord when absent
  uint32_t eos_id;
  uint32_t unk_id;
  float oov_log10;
  uint64_t counts[kMaxOrder];
  uint64_t vocab_offsets_offset;
  uint64_t vocab_strings_offset;
  uint64_t vocab_strings_bytes;
  uint64_t vocab_hash_offset;
  uint64_t vocab_hash_slots;  // a power of two
  uint64_t unigram_offset;
  uint64_t bucket_offset;
  uint64_t bucket_entries;
  uint64_t bucket_g;
  LevelHeader levels[kMaxOrder];  // levels[k] describes order k + 1; [0] unused
  uint64_t file_bytes;
  uint64_t data_checksum;    // XXH3-64 of bytes [header_bytes, file_bytes)
  uint64_t header_checksum;  // XXH3-64 of the header with this field zero
};
static_assert(std::is_trivially_copyable_v<CompactHeader>);

// Number of buckets (as log2) for a unigram child range of n records; 0 means
// the range is searched directly.
inline unsigned BucketLog2(uint32_t n) {
  if (n <= kBucketThreshold) return 0;
  uint32_t want = (n + kChildrenPerBucket - 1) / kChildrenPerBucket;
  return 32u - static_cast<unsigned>(__builtin_clz(want - 1));  // ceil(log2(want))
}

inline uint32_t BucketOf(WordId v, uint64_t g, unsigned lb) {
  return static_cast<uint32_t>((uint64_t{v} * g) >> (kBucketShift - lb));
}

}  // namespace unspin

#endif  // UNSPIN_LM_COMPACT_FORMAT_H_
