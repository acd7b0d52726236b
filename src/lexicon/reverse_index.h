// ReverseIndex: the compiled, memory-mappable inverse of the inventory. For
// an observed phrase (a key: normalised surface text, or a lemma) it lists
// the originals a spinner could have replaced by it, with the channel
// log-probability share and part of speech. Keys are prefix-closed over
// whole tokens, so a lookup that fails at "a b" can stop extending.
#ifndef UNSPIN_LEXICON_REVERSE_INDEX_H_
#define UNSPIN_LEXICON_REVERSE_INDEX_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "unspin/status.h"

namespace unspin {

constexpr char kReverseIndexMagic[8] = {'U', 'N', 'S', 'P', 'I', 'N', 'R', 'X'};
// Version 3: hash slots carry a tag of the phrase's hash in their top bits.
constexpr uint32_t kReverseIndexVersion = 3;

// A hash slot: (tag << kSlotIdBits) | (phrase id + 1); 0 is empty. The tag
// (the top bits of the phrase hash) lets a lookup skip slots of other phrases
// without reading their text: most lookups of absent keys touch one line.
constexpr unsigned kSlotIdBits = 24;
constexpr uint32_t kSlotIdMask = (1u << kSlotIdBits) - 1;
inline uint32_t SlotTag(uint64_t hash) {
  return static_cast<uint32_t>(hash >> (64 - (32 - kSlotIdBits)));
}

struct ReverseIndexHeader {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint64_t phrase_count;
  uint64_t entry_count;
  uint64_t string_bytes;
  uint64_t hash_slots;     // a power of two
  uint64_t data_checksum;  // XXH3-64 of the bytes after the header
};

// One candidate original for a key, used literally. `pos` kAny: a surface
// relation of a dictionary; otherwise the entry comes from a lemma relation
// of that part of speech, with key and original both in `inflection`.
struct IndexEntry {
  uint32_t original;  // phrase id
  float log10_share;  // log10 P(key | original is replaced), the 1/N term
  uint32_t sources;   // bit i: source i contributed
  uint8_t pos;
  uint8_t flags;       // kEntryTwoHop, kEntryReversed
  uint8_t inflection;  // an Inflection
  uint8_t reserved;
};

// The entry is reached only through an intermediate word (original -> X -> key).
constexpr uint8_t kEntryTwoHop = 1;
// Only relations read backwards support it (a source lists the key under the
// original, not the original under the key: model build --reverse-weight).
constexpr uint8_t kEntryReversed = 2;
static_assert(sizeof(IndexEntry) == 16);

class ReverseIndex {
 public:
  static constexpr uint32_t kNoPhrase = 0xffffffffu;

  // Validates an image (header, sizes, checksum, offsets) and points at it.
  // The image must outlive this object.
  static Status Attach(std::string_view image, const std::string& name, ReverseIndex* out);

  // The phrase's id, or kNoPhrase. `text` is normalised.
  uint32_t Find(std::string_view text) const;
  std::string_view Text(uint32_t id) const;
  std::span<const IndexEntry> Entries(uint32_t id) const;

  size_t phrase_count() const { return phrase_count_; }
  size_t entry_count() const { return entry_count_; }
  size_t key_count() const;

 private:
  const uint32_t* string_offsets_ = nullptr;
  const uint32_t* entry_begin_ = nullptr;
  const uint32_t* hash_ = nullptr;
  const IndexEntry* entries_ = nullptr;
  const char* strings_ = nullptr;
  uint64_t hash_mask_ = 0;
  size_t phrase_count_ = 0, entry_count_ = 0;
};

// Byte layout after the header; every array starts 8-byte aligned.
struct ReverseIndexLayout {
  size_t string_offsets, entry_begin, hash, entries, strings, total;
  static ReverseIndexLayout For(const ReverseIndexHeader& h);
};

uint64_t PhraseHash(std::string_view text);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_REVERSE_INDEX_H_
