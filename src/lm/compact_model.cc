#include "lm/compact_model.h"

#include <xxhash.h>

#include <cstring>

namespace unspin {
namespace {

Status Bad(const std::string& name, const std::string& what) {
  return Status::Corruption(name + ": " + what);
}

bool Inside(uint64_t off, uint64_t len, uint64_t size) { return off <= size && len <= size - off; }

Status CheckHeader(std::string_view image, const std::string& name, CompactHeader* h) {
  if (image.size() < sizeof(CompactHeader)) {
    return Bad(name, "file is truncated: " + std::to_string(image.size()) +
                         " bytes, smaller than the header; rebuild it with 'unspin lm convert'");
  }
  std::memcpy(h, image.data(), sizeof(CompactHeader));
  if (std::memcmp(h->magic, kCompactMagic, 8) != 0)
    return Bad(name, "not an unspin LM (bad magic)");
  if (h->version != kCompactVersion) {
    return Status::Unsupported(name + ": compact LM format version " + std::to_string(h->version) +
                               "; this build reads version " + std::to_string(kCompactVersion) +
                               "; rebuild it with 'unspin lm convert'");
  }
  if (h->header_bytes != sizeof(CompactHeader) || h->sanity_u32 != kSanityU32 ||
      h->sanity_f[0] != 0.0f || h->sanity_f[1] != 1.0f || h->sanity_f[2] != -0.5f) {
    return Bad(name, "header sanity values differ (written on another architecture?)");
  }
  CompactHeader copy = *h;
  copy.header_checksum = 0;
  if (XXH3_64bits(&copy, sizeof(copy)) != h->header_checksum)
    return Bad(name, "header checksum mismatch");
  if (h->file_bytes != image.size()) {
    return Bad(name, "file is truncated or padded: " + std::to_string(image.size()) +
                         " bytes, header says " + std::to_string(h->file_bytes));
  }
  if (XXH3_64bits(image.data() + h->header_bytes, image.size() - h->header_bytes) !=
      h->data_checksum) {
    return Bad(name, "data checksum mismatch (damaged file); rebuild it with 'unspin lm convert'");
  }
  return Status::Ok();
}

Status CheckBounds(const CompactHeader& h, uint64_t size, const std::string& name) {
  if (h.order < 1 || h.order > static_cast<uint32_t>(kMaxOrder) || h.vocab_size == 0 ||
      h.vocab_size >= kMaxVocab || h.counts[0] != h.vocab_size ||
      h.vocab_hash_slots < h.vocab_size || (h.vocab_hash_slots & (h.vocab_hash_slots - 1)) != 0) {
    return Bad(name, "inconsistent header counts");
  }
  bool ok = Inside(h.vocab_strings_offset, h.vocab_strings_bytes, size) &&
            Inside(h.vocab_offsets_offset, (uint64_t{h.vocab_size} + 1) * 4, size) &&
            Inside(h.vocab_hash_offset, h.vocab_hash_slots * 4, size) &&
            Inside(h.unigram_offset, (uint64_t{h.vocab_size} + 1) * sizeof(UnigramRecord), size) &&
            Inside(h.bucket_offset, h.bucket_entries * 4, size);
  for (uint32_t n = 2; n <= h.order && ok; ++n) {
    const LevelHeader& l = h.levels[n - 1];
    bool top = (n == h.order);
    ok = l.word_bits >= 1 && l.word_bits <= 24 && l.prob_bits >= 1 && l.prob_bits <= 20 &&
         l.bo_bits <= 20 && l.next_bits <= 32 && (top || (l.bo_bits >= 1 && l.next_bits >= 1)) &&
         l.record_bits ==
             static_cast<uint32_t>(l.word_bits + l.prob_bits + l.bo_bits + l.next_bits) &&
         l.prob_book_size == (1u << l.prob_bits) &&
         (top ? l.bo_book_size == 0 : l.bo_book_size == (1u << l.bo_bits)) &&
         Inside(l.prob_book_offset, l.prob_book_size * 4, size) &&
         (top || Inside(l.bo_book_offset, l.bo_book_size * 4, size)) &&
         l.records_bytes >= ((h.counts[n - 1] + 1) * l.record_bits + 7) / 8 + 8 &&
         Inside(l.records_offset, l.records_bytes, size);
  }
  if (!ok) return Bad(name, "a section lies outside the file or has impossible field widths");
  return Status::Ok();
}

}  // namespace

bool LanguageModel::Impl::Level::Find(uint64_t lo, uint64_t hi, WordId v, uint64_t* at) const {
  uint64_t n = hi - lo;
  // Interpolation steps while the range is large: word ids of children are
  // spread fairly evenly over the vocabulary, so a guess proportional to v
  // usually lands within a few records. A record holding v, if any, stays in
  // [lo, lo + n).
  for (int step = 0; step < 2 && n > 32; ++step) {
    WordId first = Word(lo), last = Word(lo + n - 1);
    if (v < first || v > last) return false;
    if (last == first) break;
    uint64_t pos = lo + static_cast<uint64_t>(static_cast<double>(v - first) * (n - 1) /
                                              static_cast<double>(last - first));
    WordId w = Word(pos);
    if (w == v) {
      *at = pos;
      return true;
    }
    if (w < v) {
      n -= pos + 1 - lo;
      lo = pos + 1;
    } else {
      n = pos - lo;
    }
  }
  // Branch-free narrowing.
  while (n > 8) {
    uint64_t half = n >> 1;
    bool right = Word(lo + half) < v;
    lo = right ? lo + half + 1 : lo;
    n = right ? n - half - 1 : half + 1;
  }
  for (; n > 0; --n, ++lo) {
    WordId w = Word(lo);
    if (w >= v) {
      *at = lo;
      return w == v;
    }
  }
  return false;
}

Status AttachCompactImage(std::string_view image, const std::string& name,
                          LanguageModel::Impl* impl) {
  CompactHeader h;
  UNSPIN_RETURN_IF_ERROR(CheckHeader(image, name, &h));
  UNSPIN_RETURN_IF_ERROR(CheckBounds(h, image.size(), name));
  const char* base = image.data();
  impl->header = reinterpret_cast<const CompactHeader*>(base);
  impl->uni = reinterpret_cast<const UnigramRecord*>(base + h.unigram_offset);
  impl->buckets = reinterpret_cast<const uint32_t*>(base + h.bucket_offset);
  impl->vocab_offsets = reinterpret_cast<const uint32_t*>(base + h.vocab_offsets_offset);
  impl->vocab_strings = base + h.vocab_strings_offset;
  impl->vocab_hash = reinterpret_cast<const uint32_t*>(base + h.vocab_hash_offset);
  impl->hash_mask = h.vocab_hash_slots - 1;
  impl->order = static_cast<int>(h.order);
  impl->vocab_size = h.vocab_size;
  impl->bos = h.bos_id;
  impl->eos = h.eos_id;
  impl->oov = h.unk_id != kNoWord ? h.unk_id : h.vocab_size;
  impl->oov_log10 = h.oov_log10;
  impl->bucket_g = h.bucket_g;
  for (int n = 2; n <= impl->order; ++n) {
    const LevelHeader& l = h.levels[n - 1];
    LanguageModel::Impl::Level& lv = impl->levels[n];
    lv.data = reinterpret_cast<const uint8_t*>(base + l.records_offset);
    lv.prob = reinterpret_cast<const float*>(base + l.prob_book_offset);
    lv.bo = l.bo_book_size ? reinterpret_cast<const float*>(base + l.bo_book_offset) : nullptr;
    lv.word_bits = l.word_bits;
    lv.prob_bits = l.prob_bits;
    lv.bo_bits = l.bo_bits;
    lv.next_bits = l.next_bits;
    lv.record_bits = l.record_bits;
  }
  impl->info.order = impl->order;
  for (int k = 0; k < kMaxOrder; ++k) impl->info.counts[k] = h.counts[k];
  impl->info.bytes = image.size();
  impl->info.has_unk = h.unk_id != kNoWord;
  return Status::Ok();
}

}  // namespace unspin
