#include "lexicon/reverse_index.h"

#include <xxhash.h>

#include <cstring>

#include "unspin/lexicon.h"

namespace unspin {
namespace {
size_t Align8(size_t n) { return (n + 7) & ~size_t{7}; }
}  // namespace

uint64_t PhraseHash(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

ReverseIndexLayout ReverseIndexLayout::For(const ReverseIndexHeader& h) {
  ReverseIndexLayout l;
  size_t at = Align8(sizeof(ReverseIndexHeader));
  l.string_offsets = at;
  at = Align8(at + 4 * (h.phrase_count + 1));
  l.entry_begin = at;
  at = Align8(at + 4 * (h.phrase_count + 1));
  l.hash = at;
  at = Align8(at + 4 * h.hash_slots);
  l.entries = at;
  at = Align8(at + sizeof(IndexEntry) * h.entry_count);
  l.strings = at;
  l.total = at + h.string_bytes;
  return l;
}

Status ReverseIndex::Attach(std::string_view image, const std::string& name, ReverseIndex* out) {
  ReverseIndexHeader h;
  if (image.size() < sizeof(h)) return Status::Corruption(name + ": reverse index truncated");
  std::memcpy(&h, image.data(), sizeof(h));
  if (std::memcmp(h.magic, kReverseIndexMagic, 8) != 0) {
    return Status::Corruption(name + ": not a reverse index (bad magic)");
  }
  if (h.version != kReverseIndexVersion) {
    return Status::Unsupported(name + ": reverse index version " + std::to_string(h.version) +
                               " (this build reads version " +
                               std::to_string(kReverseIndexVersion) + "); rebuild the model pack");
  }
  const uint64_t kLimit = uint64_t{1} << 32;
  if (h.phrase_count >= kLimit || h.entry_count >= kLimit || h.string_bytes >= kLimit ||
      h.hash_slots == 0 || (h.hash_slots & (h.hash_slots - 1)) != 0 || h.hash_slots >= kLimit ||
      h.hash_slots <= h.phrase_count) {
    return Status::Corruption(name + ": reverse index header has impossible sizes");
  }
  ReverseIndexLayout l = ReverseIndexLayout::For(h);
  if (image.size() != l.total) {
    return Status::Corruption(name + ": reverse index is " + std::to_string(image.size()) +
                              " bytes, header says " + std::to_string(l.total) + " (truncated?)");
  }
  const char* base = image.data();
  if (XXH3_64bits(base + sizeof(h), image.size() - sizeof(h)) != h.data_checksum) {
    return Status::Corruption(name + ": reverse index checksum mismatch (file damaged)");
  }
  ReverseIndex r;
  r.string_offsets_ = reinterpret_cast<const uint32_t*>(base + l.string_offsets);
  r.entry_begin_ = reinterpret_cast<const uint32_t*>(base + l.entry_begin);
  r.hash_ = reinterpret_cast<const uint32_t*>(base + l.hash);
  r.entries_ = reinterpret_cast<const IndexEntry*>(base + l.entries);
  r.strings_ = base + l.strings;
  r.hash_mask_ = h.hash_slots - 1;
  r.phrase_count_ = h.phrase_count;
  r.entry_count_ = h.entry_count;
  for (size_t i = 0; i < r.phrase_count_; ++i) {
    if (r.string_offsets_[i] > r.string_offsets_[i + 1] ||
        r.entry_begin_[i] > r.entry_begin_[i + 1]) {
      return Status::Corruption(name + ": reverse index offsets out of order");
    }
  }
  if (r.string_offsets_[r.phrase_count_] != h.string_bytes ||
      r.entry_begin_[r.phrase_count_] != h.entry_count) {
    return Status::Corruption(name + ": reverse index offsets do not match its sizes");
  }
  for (size_t i = 0; i < r.entry_count_; ++i) {
    if (r.entries_[i].original >= r.phrase_count_ || r.entries_[i].pos > 4 ||
        r.entries_[i].inflection >= kInflectionCount) {
      return Status::Corruption(name + ": reverse index entry out of range");
    }
  }
  if (r.phrase_count_ >= kSlotIdMask) {
    return Status::Corruption(name + ": reverse index has too many phrases for its hash slots");
  }
  for (size_t i = 0; i <= r.hash_mask_; ++i) {
    if ((r.hash_[i] & kSlotIdMask) > r.phrase_count_ ||
        (r.hash_[i] != 0 && (r.hash_[i] & kSlotIdMask) == 0)) {
      return Status::Corruption(name + ": reverse index hash slot out of range");
    }
  }
  *out = r;
  return Status::Ok();
}

uint32_t ReverseIndex::Find(std::string_view text) const {
  if (hash_ == nullptr) return kNoPhrase;
  const uint64_t h = PhraseHash(text);
  const uint32_t tag = SlotTag(h);
  for (uint64_t s = h & hash_mask_;; s = (s + 1) & hash_mask_) {
    const uint32_t slot = hash_[s];
    if (slot == 0) return kNoPhrase;
    if ((slot >> kSlotIdBits) != tag) continue;
    const uint32_t id = (slot & kSlotIdMask) - 1;
    if (Text(id) == text) return id;
  }
}

std::string_view ReverseIndex::Text(uint32_t id) const {
  return {strings_ + string_offsets_[id], string_offsets_[id + 1] - string_offsets_[id]};
}

std::span<const IndexEntry> ReverseIndex::Entries(uint32_t id) const {
  return {entries_ + entry_begin_[id], entries_ + entry_begin_[id + 1]};
}

size_t ReverseIndex::key_count() const {
  size_t n = 0;
  for (size_t i = 0; i < phrase_count_; ++i) n += entry_begin_[i + 1] > entry_begin_[i];
  return n;
}

}  // namespace unspin
