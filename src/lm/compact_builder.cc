#include "lm/compact_builder.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "lm/compact_format.h"
#include "lm/hashed_level.h"
#include "lm/ngram_sorter.h"
#include "lm/quantizer.h"

namespace unspin {
namespace {

uint64_t Align64(uint64_t x) { return (x + 63) & ~uint64_t{63}; }

Status Validate(const NgramTable& t) {
  if (t.orders.empty() || t.words.empty())
    return Status::InvalidArgument("the model has no unigrams");
  if (t.order() > kMaxOrder) return Status::Unsupported("order above " + std::to_string(kMaxOrder));
  if (t.words.size() >= kMaxVocab) return Status::Unsupported("vocabulary above 16M words");
  const uint64_t v = t.words.size();
  if (t.orders[0].size() != v) return Status::Corruption("unigram count differs from vocabulary");
  for (const NgramOrder& ord : t.orders) {
    for (WordId id : ord.ids) {
      if (id >= v) return Status::Corruption("word id outside the vocabulary");
    }
  }
  return Status::Ok();
}

// Inserts the missing (n-1)-gram prefixes and suffixes of order n's n-grams.
Status CloseOrder(NgramTable* t, int n, uint64_t* blanks) {
  NgramOrder& lower = t->orders[n - 2];
  const NgramOrder& upper = t->orders[n - 1];
  std::vector<WordId> missing;  // (n-1) ids per entry
  for (size_t i = 0; i < upper.size(); ++i) {
    for (int shift = 0; shift <= 1; ++shift) {  // prefix, then suffix
      const WordId* key = upper.key(i) + shift;
      if (FindNgram(lower, key) < 0) missing.insert(missing.end(), key, key + n - 1);
    }
  }
  if (missing.empty()) return Status::Ok();
  NgramOrder blanks_order;
  blanks_order.n = n - 1;
  blanks_order.ids = std::move(missing);
  blanks_order.prob.assign(blanks_order.ids.size() / (n - 1), 0.0f);
  blanks_order.backoff = blanks_order.prob;  // a blank's backoff is 0
  UNSPIN_RETURN_IF_ERROR(SortReversed(&blanks_order, *t, /*drop_duplicates=*/true));
  for (size_t i = 0; i < blanks_order.size(); ++i) {
    blanks_order.prob[i] = BackoffProb(*t, std::span<const WordId>(blanks_order.key(i), n - 1));
  }
  *blanks += blanks_order.size();
  lower.ids.insert(lower.ids.end(), blanks_order.ids.begin(), blanks_order.ids.end());
  lower.prob.insert(lower.prob.end(), blanks_order.prob.begin(), blanks_order.prob.end());
  lower.backoff.insert(lower.backoff.end(), blanks_order.backoff.begin(),
                       blanks_order.backoff.end());
  return SortReversed(&lower, *t);
}

// Renumbers the vocabulary by descending unigram probability (ties keep
// their order): the unigram records of common words then share a few cache
// lines. Ids are internal to a built model, so nothing outside notices.
void RenumberByProbability(NgramTable* t) {
  const size_t v = t->words.size();
  NgramOrder& uni = t->orders[0];
  std::vector<WordId> by_rank(v);
  for (WordId i = 0; i < v; ++i) by_rank[i] = i;
  std::stable_sort(by_rank.begin(), by_rank.end(),
                   [&](WordId a, WordId b) { return uni.prob[a] > uni.prob[b]; });
  std::vector<WordId> new_id(v);
  for (WordId r = 0; r < v; ++r) new_id[by_rank[r]] = r;
  std::vector<std::string> words(v);
  NgramOrder renumbered = uni;
  for (WordId old = 0; old < v; ++old) {
    const WordId r = new_id[old];
    words[r] = std::move(t->words[old]);
    renumbered.prob[r] = uni.prob[old];
    renumbered.backoff[r] = uni.backoff[old];
    renumbered.ids[r] = r;
  }
  t->words = std::move(words);
  uni = std::move(renumbered);
  for (int n = 2; n <= t->order(); ++n) {
    for (WordId& id : t->orders[n - 1].ids) id = new_id[id];
  }
}

struct LevelPlan {
  Codebook prob;
  Codebook bo;
  HashedShape shape;
  std::string blocks;
  std::vector<uint64_t> slot_of;  // slot of each n-gram of the order, in sorted order
  LevelHeader h{};
  LevelPlan(std::vector<float> p, std::vector<float> b) : prob(std::move(p)), bo(std::move(b)) {}
};

class ImageWriter {
 public:
  ImageWriter(const NgramTable& t) : t_(t) {}

  Status Build(std::string* image, bool* exact) {
    const int order = t_.order();
    const uint32_t v = static_cast<uint32_t>(t_.words.size());
    CompactHeader h{};
    std::memcpy(h.magic, kCompactMagic, 8);
    h.version = kCompactVersion;
    h.header_bytes = sizeof(CompactHeader);
    h.sanity_u32 = kSanityU32;
    h.sanity_f[0] = 0.0f, h.sanity_f[1] = 1.0f, h.sanity_f[2] = -0.5f;
    h.order = order;
    h.vocab_size = v;
    h.bos_id = h.eos_id = h.unk_id = kNoWord;
    for (uint32_t i = 0; i < v; ++i) {
      if (t_.words[i] == "<s>") h.bos_id = i;
      if (t_.words[i] == "</s>") h.eos_id = i;
      if (t_.words[i] == "<unk>" || t_.words[i] == "<UNK>") h.unk_id = i;
    }
    h.oov_log10 = h.unk_id != kNoWord ? t_.orders[0].prob[h.unk_id] : kOovLog10;
    for (int k = 0; k < order; ++k) h.counts[k] = t_.orders[k].size();

    // Levels 2..N, each keyed by the slots of the level below.
    std::vector<LevelPlan> plans;
    *exact = true;
    for (int n = 2; n <= order; ++n) {
      const NgramOrder& ord = t_.orders[n - 1];
      bool top = (n == order);
      plans.emplace_back(ord.prob, top ? std::vector<float>() : ord.backoff);
      LevelPlan& pl = plans.back();
      *exact = *exact && pl.prob.exact() && pl.bo.exact();
      pl.shape.vocab_size = v;
      pl.shape.context_count = n == 2 ? v : plans[n - 3].shape.slot_count();
      pl.shape.prob_bits = pl.prob.bits();
      pl.shape.bo_bits = top ? 0 : pl.bo.bits();
      std::vector<HashedEntry> entries(ord.size());
      for (size_t i = 0; i < ord.size(); ++i) {
        const WordId* key = ord.key(i);
        uint64_t context = key[0];
        if (n > 2) {
          ptrdiff_t prefix = FindNgram(t_.orders[n - 2], key);
          if (prefix < 0) return Status::Corruption("n-gram prefix missing after closure");
          context = plans[n - 3].slot_of[prefix];
        }
        entries[i] = HashedEntry{context, key[n - 1], pl.prob.Encode(ord.prob[i]),
                                 top ? 0u : pl.bo.Encode(ord.backoff[i])};
      }
      UNSPIN_RETURN_IF_ERROR(BuildHashedLevel(entries, &pl.shape, &pl.blocks, &pl.slot_of));
      if (!top && pl.shape.slot_count() > UINT32_MAX)  // states keep slots in 32 bits
        return Status::Unsupported("too many n-grams of order " + std::to_string(n));
      if (n >= 3) plans[n - 3].slot_of = {};  // no longer needed
      LevelHeader& lh = pl.h;
      lh.block_count = pl.shape.block_count;
      lh.blocks_bytes = pl.blocks.size();
      lh.key_bits = static_cast<uint8_t>(pl.shape.key_bits);
      lh.tag_bits = static_cast<uint8_t>(pl.shape.tag_bits);
      lh.prob_bits = static_cast<uint8_t>(pl.shape.prob_bits);
      lh.bo_bits = static_cast<uint8_t>(pl.shape.bo_bits);
      lh.slots_per_block = static_cast<uint8_t>(pl.shape.slots_per_block);
      // Codebooks are padded to 2^bits entries so that every code decodes.
      lh.prob_book_size = 1u << lh.prob_bits;
      lh.bo_book_size = top ? 0 : 1u << lh.bo_bits;
    }

    // Section offsets.
    uint64_t off = Align64(sizeof(CompactHeader));
    std::string strings;
    std::vector<uint32_t> str_off;
    for (const std::string& w : t_.words) {
      str_off.push_back(strings.size());
      strings += w;
      strings += '\0';
    }
    str_off.push_back(strings.size());
    h.vocab_strings_offset = off;
    h.vocab_strings_bytes = strings.size();
    off = Align64(off + strings.size());
    h.vocab_offsets_offset = off;
    off = Align64(off + str_off.size() * 4);
    h.vocab_hash_slots = std::bit_ceil(uint64_t{v} + v / 4 + 1);  // load factor <= 0.8
    h.vocab_hash_offset = off;
    off = Align64(off + h.vocab_hash_slots * 4);
    h.unigram_offset = off;
    off = Align64(off + uint64_t{v} * sizeof(UnigramRecord));
    for (int n = 2; n <= order; ++n) {
      LevelHeader& lh = plans[n - 2].h;
      lh.prob_book_offset = off;
      off = Align64(off + lh.prob_book_size * 4);
      if (lh.bo_book_size) {
        lh.bo_book_offset = off;
        off = Align64(off + lh.bo_book_size * 4);
      }
      lh.blocks_offset = off;
      off = Align64(off + lh.blocks_bytes);
      h.levels[n - 1] = lh;
    }
    h.file_bytes = off;

    image->assign(off, '\0');
    char* base = image->data();
    std::memcpy(base + h.vocab_strings_offset, strings.data(), strings.size());
    std::memcpy(base + h.vocab_offsets_offset, str_off.data(), str_off.size() * 4);
    FillHash(h, base);
    FillUnigrams(h, base);
    for (int n = 2; n <= order; ++n) {
      const LevelPlan& pl = plans[n - 2];
      const LevelHeader& lh = pl.h;
      std::memcpy(base + lh.prob_book_offset, pl.prob.table().data(), pl.prob.table().size() * 4);
      if (lh.bo_book_size) {
        std::memcpy(base + lh.bo_book_offset, pl.bo.table().data(), pl.bo.table().size() * 4);
      }
      std::memcpy(base + lh.blocks_offset, pl.blocks.data(), pl.blocks.size());
    }

    h.data_checksum = XXH3_64bits(base + h.header_bytes, h.file_bytes - h.header_bytes);
    h.header_checksum = 0;
    h.header_checksum = XXH3_64bits(&h, sizeof(h));
    std::memcpy(base, &h, sizeof(h));
    return Status::Ok();
  }

 private:
  void FillHash(const CompactHeader& h, char* base) {
    uint32_t* slots = reinterpret_cast<uint32_t*>(base + h.vocab_hash_offset);
    const uint64_t mask = h.vocab_hash_slots - 1;
    for (uint32_t id = 0; id < t_.words.size(); ++id) {
      const std::string& w = t_.words[id];
      uint64_t s = XXH3_64bits(w.data(), w.size()) & mask;
      while (slots[s] != 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
  }

  void FillUnigrams(const CompactHeader& h, char* base) {
    UnigramRecord* u = reinterpret_cast<UnigramRecord*>(base + h.unigram_offset);
    const NgramOrder& uni = t_.orders[0];
    for (size_t w = 0; w < t_.words.size(); ++w) u[w] = UnigramRecord{uni.prob[w], uni.backoff[w]};
  }

  const NgramTable& t_;
};

}  // namespace

Status BuildCompactImage(NgramTable* table, std::string* image, CompactBuildStats* stats) {
  UNSPIN_RETURN_IF_ERROR(Validate(*table));
  CompactBuildStats local;
  RenumberByProbability(table);
  for (int n = 2; n <= table->order(); ++n) {
    UNSPIN_RETURN_IF_ERROR(SortReversed(&table->orders[n - 1], *table));
  }
  for (int n = table->order(); n >= 3; --n) {
    UNSPIN_RETURN_IF_ERROR(CloseOrder(table, n, &local.blanks_added));
  }
  ImageWriter writer(*table);
  UNSPIN_RETURN_IF_ERROR(writer.Build(image, &local.exact_values));
  if (stats) *stats = local;
  return Status::Ok();
}

Status BuildCompactImage(NgramTable* table, std::string* image) {
  return BuildCompactImage(table, image, nullptr);
}

}  // namespace unspin
