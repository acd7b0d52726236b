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
                         " bytes, smaller than the header; rebuild it with 'unspin lm convert' (a "
                         "model pack: 'unspin model build')");
  }
  std::memcpy(h, image.data(), sizeof(CompactHeader));
  if (std::memcmp(h->magic, kCompactMagic, 8) != 0)
    return Bad(name, "not an unspin LM (bad magic)");
  if (h->version != kCompactVersion) {
    return Status::Unsupported(
        name + ": compact LM format version " + std::to_string(h->version) +
        "; this build reads version " + std::to_string(kCompactVersion) +
        "; rebuild it with 'unspin lm convert' (a model pack: 'unspin model build')");
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
    return Bad(name,
               "data checksum mismatch (damaged file); rebuild it with 'unspin lm convert' (a "
               "model pack: 'unspin model build')");
  }
  return Status::Ok();
}

// The shape of order n as the header describes it.
HashedShape ShapeOf(const CompactHeader& h, int n) {
  const LevelHeader& l = h.levels[n - 1];
  HashedShape s;
  s.block_count = l.block_count;
  s.vocab_size = h.vocab_size;
  s.context_count =
      n == 2 ? h.vocab_size : h.levels[n - 2].block_count * h.levels[n - 2].slots_per_block;
  s.key_bits = l.key_bits;
  s.tag_bits = l.tag_bits;
  s.prob_bits = l.prob_bits;
  s.bo_bits = l.bo_bits;
  s.slots_per_block = l.slots_per_block;
  return s;
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
            Inside(h.unigram_offset, uint64_t{h.vocab_size} * sizeof(UnigramRecord), size);
  if (!ok) return Bad(name, "a section lies outside the file");
  for (uint32_t n = 2; n <= h.order; ++n) {
    const LevelHeader& l = h.levels[n - 1];
    const bool top = (n == h.order);
    const HashedShape shape = ShapeOf(h, static_cast<int>(n));
    std::string problem = shape.Problem();
    if (problem.empty() && (top ? l.bo_bits != 0 : l.bo_bits == 0))
      problem = "backoff width does not fit the order";
    if (problem.empty() &&
        (l.prob_book_size != (1u << l.prob_bits) || l.bo_book_size != (top ? 0u : 1u << l.bo_bits)))
      problem = "codebook sizes do not fit the value widths";
    if (problem.empty() && h.counts[n - 1] > shape.slot_count())
      problem = "more n-grams than slots";
    if (problem.empty() &&
        (l.blocks_bytes != HashedLevelBytes(shape) ||
         !Inside(l.blocks_offset, l.blocks_bytes, size) ||
         !Inside(l.prob_book_offset, uint64_t{l.prob_book_size} * 4, size) ||
         (!top && !Inside(l.bo_book_offset, uint64_t{l.bo_book_size} * 4, size))))
      problem = "a section lies outside the file";
    if (!problem.empty()) return Bad(name, std::to_string(n) + "-gram table: " + problem);
  }
  return Status::Ok();
}

}  // namespace

Status AttachCompactImage(std::string_view image, const std::string& name,
                          LanguageModel::Impl* impl) {
  CompactHeader h;
  UNSPIN_RETURN_IF_ERROR(CheckHeader(image, name, &h));
  UNSPIN_RETURN_IF_ERROR(CheckBounds(h, image.size(), name));
  const char* base = image.data();
  impl->header = reinterpret_cast<const CompactHeader*>(base);
  impl->uni = reinterpret_cast<const UnigramRecord*>(base + h.unigram_offset);
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
  for (int n = 2; n <= impl->order; ++n) {
    const LevelHeader& l = h.levels[n - 1];
    LanguageModel::Impl::Level& lv = impl->levels[n];
    lv.table = HashedLevel(reinterpret_cast<const uint8_t*>(base + l.blocks_offset), ShapeOf(h, n));
    lv.prob = reinterpret_cast<const float*>(base + l.prob_book_offset);
    lv.bo = l.bo_book_size ? reinterpret_cast<const float*>(base + l.bo_book_offset) : nullptr;
  }
  impl->info.order = impl->order;
  for (int k = 0; k < kMaxOrder; ++k) impl->info.counts[k] = h.counts[k];
  impl->info.bytes = image.size();
  impl->info.has_unk = h.unk_id != kNoWord;
  return Status::Ok();
}

}  // namespace unspin
