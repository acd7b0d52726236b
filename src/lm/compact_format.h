// The project's compact binary LM format ("UNSPINLM"), version 2.
//
// Layout: a fixed CompactHeader, then sections at 64-byte aligned offsets:
//   vocabulary   NUL-terminated words, u32 offsets[V+1], open-addressing hash
//                of u32 slots (id + 1; 0 = empty) keyed by XXH3-64 of the word
//   unigrams     V UnigramRecord, indexed by word id
//   levels 2..N  per order: a float codebook for probabilities, one for
//                backoffs (middle orders only), and a hashed table of blocks
//                (lm/hashed_level.h) keyed by (prefix, word): the prefix of a
//                bigram is its first word's id, that of a longer n-gram is the
//                slot of its (n-1)-word prefix in the order below.
//
// Every n-gram's prefix and suffix exist (missing ones are inserted as blanks
// whose probability is the backoff estimate and whose backoff is 0), so a
// query looks every order up at once and keeps the longest hit.
//
// Integrity: the header carries a checksum of itself and one of all bytes
// after it (XXH3-64), the total file size, and sanity values that catch
// endianness or ABI drift. Writers publish atomically (temp file + rename).
// Version 1 (a bit-packed backwards trie) is refused with a note to rebuild.
#ifndef UNSPIN_LM_COMPACT_FORMAT_H_
#define UNSPIN_LM_COMPACT_FORMAT_H_

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "unspin/language_model.h"

namespace unspin {

inline constexpr char kCompactMagic[8] = {'U', 'N', 'S', 'P', 'I', 'N', 'L', 'M'};
inline constexpr uint32_t kCompactVersion = 2;
inline constexpr uint32_t kSanityU32 = 0x01020304u;

inline constexpr uint32_t kMaxVocab = 1u << 24;

struct UnigramRecord {
  float prob;
  float backoff;
};
static_assert(sizeof(UnigramRecord) == 8);

// One order's table (see HashedShape for the meaning of the fields).
struct LevelHeader {
  uint64_t blocks_offset;
  uint64_t blocks_bytes;
  uint64_t block_count;
  uint64_t prob_book_offset;
  uint64_t bo_book_offset;  // 0 for the top order
  uint32_t prob_book_size;
  uint32_t bo_book_size;
  uint8_t key_bits;
  uint8_t tag_bits;
  uint8_t prob_bits;
  uint8_t bo_bits;
  uint8_t slots_per_block;
  uint8_t reserved[11];
};
static_assert(sizeof(LevelHeader) == 64);

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
  LevelHeader levels[kMaxOrder];  // levels[k] describes order k + 1; [0] unused
  uint64_t file_bytes;
  uint64_t data_checksum;    // XXH3-64 of bytes [header_bytes, file_bytes)
  uint64_t header_checksum;  // XXH3-64 of the header with this field zero
};
static_assert(std::is_trivially_copyable_v<CompactHeader>);

}  // namespace unspin

#endif  // UNSPIN_LM_COMPACT_FORMAT_H_
