#include "lm/compact_builder.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "lm/bit_packing.h"
#include "lm/compact_format.h"
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

// first_child[p] for each record p of order n-1 (plus a sentinel), given
// order n sorted in reversed order: the parent of "w1..wn" is "w2..wn".
std::vector<uint32_t> ChildStarts(const NgramTable& t, int n) {
  const NgramOrder& parent = t.orders[n - 2];
  const NgramOrder& child = t.orders[n - 1];
  std::vector<uint32_t> start(parent.size() + 1, 0);
  size_t p = 0;
  for (size_t i = 0; i < child.size(); ++i) {
    const WordId* suffix = child.key(i) + 1;
    while (p + 1 < parent.size() && CompareReversed(parent.key(p), suffix, n - 1) < 0)
      start[++p] = static_cast<uint32_t>(i);
    // After closure the suffix exists, so parent.key(p) == suffix here.
  }
  while (p < parent.size()) start[++p] = static_cast<uint32_t>(child.size());
  return start;
}

struct LevelPlan {
  Codebook prob;
  Codebook bo;
  std::vector<uint32_t> next;  // first child of each record, plus sentinel
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

    // Plans for levels 2..N.
    std::vector<LevelPlan> plans;
    const unsigned word_bits = std::max(1u, BitLength(v - 1));
    *exact = true;
    for (int n = 2; n <= order; ++n) {
      const NgramOrder& ord = t_.orders[n - 1];
      bool top = (n == order);
      plans.emplace_back(ord.prob, top ? std::vector<float>() : ord.backoff);
      LevelPlan& pl = plans.back();
      *exact = *exact && pl.prob.exact() && pl.bo.exact();
      if (!top) pl.next = ChildStarts(t_, n + 1);
      pl.h.word_bits = word_bits;
      pl.h.prob_bits = pl.prob.bits();
      pl.h.bo_bits = top ? 0 : pl.bo.bits();
      pl.h.next_bits = top ? 0 : std::max(1u, BitLength(t_.orders[n].size()));
      pl.h.record_bits = word_bits + pl.h.prob_bits + pl.h.bo_bits + pl.h.next_bits;
      // Codebooks are padded to 2^bits entries so that every code decodes.
      pl.h.prob_book_size = 1u << pl.h.prob_bits;
      pl.h.bo_book_size = top ? 0 : 1u << pl.h.bo_bits;
    }
    std::vector<uint32_t> uni_next =
        order >= 2 ? ChildStarts(t_, 2) : std::vector<uint32_t>(v + 1, 0);
    std::vector<uint32_t> buckets, bucket_base(v + 1, 0);
    h.bucket_g = (uint64_t{1} << kBucketShift) / v;
    if (order >= 2) BuildBuckets(uni_next, h.bucket_g, &buckets, &bucket_base);

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
    off = Align64(off + (uint64_t{v} + 1) * sizeof(UnigramRecord));
    h.bucket_offset = off;
    h.bucket_entries = buckets.size();
    off = Align64(off + buckets.size() * 4);
    for (int n = 2; n <= order; ++n) {
      LevelHeader& lh = plans[n - 2].h;
      lh.prob_book_offset = off;
      off = Align64(off + lh.prob_book_size * 4);
      if (lh.bo_book_size) {
        lh.bo_book_offset = off;
        off = Align64(off + lh.bo_book_size * 4);
      }
      lh.records_offset = off;
      lh.records_bytes = ((h.counts[n - 1] + 1) * lh.record_bits + 7) / 8 + 8;
      off = Align64(off + lh.records_bytes);
      h.levels[n - 1] = lh;
    }
    h.file_bytes = off;

    image->assign(off, '\0');
    char* base = image->data();
    std::memcpy(base + h.vocab_strings_offset, strings.data(), strings.size());
    std::memcpy(base + h.vocab_offsets_offset, str_off.data(), str_off.size() * 4);
    FillHash(h, base);
    FillUnigrams(h, uni_next, bucket_base, base);
    std::memcpy(base + h.bucket_offset, buckets.data(), buckets.size() * 4);
    for (int n = 2; n <= order; ++n) FillLevel(n, plans[n - 2], base);

    h.data_checksum = XXH3_64bits(base + h.header_bytes, h.file_bytes - h.header_bytes);
    h.header_checksum = 0;
    h.header_checksum = XXH3_64bits(&h, sizeof(h));
    std::memcpy(base, &h, sizeof(h));
    return Status::Ok();
  }

 private:
  void BuildBuckets(const std::vector<uint32_t>& next, uint64_t g, std::vector<uint32_t>* buckets,
                    std::vector<uint32_t>* base) {
    const NgramOrder& bi = t_.orders[1];
    const size_t v = t_.words.size();
    for (size_t w = 0; w < v; ++w) {
      uint32_t lo = next[w], hi = next[w + 1];
      unsigned lb = BucketLog2(hi - lo);
      (*base)[w] = static_cast<uint32_t>(buckets->size());
      if (lb == 0) continue;
      uint32_t nb = 1u << lb;
      uint32_t i = lo;
      for (uint32_t b = 0; b < nb; ++b) {
        while (i < hi && BucketOf(bi.key(i)[0], g, lb) < b) ++i;
        buckets->push_back(i);
      }
      buckets->push_back(hi);
    }
    (*base)[v] = static_cast<uint32_t>(buckets->size());
  }

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

  void FillUnigrams(const CompactHeader& h, const std::vector<uint32_t>& next,
                    const std::vector<uint32_t>& bucket_base, char* base) {
    UnigramRecord* u = reinterpret_cast<UnigramRecord*>(base + h.unigram_offset);
    const NgramOrder& uni = t_.orders[0];
    for (size_t w = 0; w <= t_.words.size(); ++w) {
      bool real = w < t_.words.size();
      u[w] = UnigramRecord{real ? uni.prob[w] : 0.0f, real ? uni.backoff[w] : 0.0f, next[w],
                           bucket_base[w]};
    }
  }

  void FillLevel(int n, const LevelPlan& pl, char* base) {
    const LevelHeader& lh = pl.h;
    const NgramOrder& ord = t_.orders[n - 1];
    std::memcpy(base + lh.prob_book_offset, pl.prob.table().data(), pl.prob.table().size() * 4);
    if (lh.bo_book_size) {
      std::memcpy(base + lh.bo_book_offset, pl.bo.table().data(), pl.bo.table().size() * 4);
    }
    uint8_t* rec = reinterpret_cast<uint8_t*>(base + lh.records_offset);
    for (size_t i = 0; i <= ord.size(); ++i) {
      uint64_t bit = i * lh.record_bits;
      bool real = i < ord.size();
      WriteBits(rec, bit, lh.word_bits, real ? ord.key(i)[0] : 0);
      bit += lh.word_bits;
      WriteBits(rec, bit, lh.prob_bits, real ? pl.prob.Encode(ord.prob[i]) : 0);
      bit += lh.prob_bits;
      if (lh.bo_bits) {
        WriteBits(rec, bit, lh.bo_bits, real ? pl.bo.Encode(ord.backoff[i]) : 0);
        bit += lh.bo_bits;
      }
      if (lh.next_bits) WriteBits(rec, bit, lh.next_bits, pl.next[i]);
    }
  }

  const NgramTable& t_;
};

}  // namespace

Status BuildCompactImage(NgramTable* table, std::string* image, CompactBuildStats* stats) {
  UNSPIN_RETURN_IF_ERROR(Validate(*table));
  CompactBuildStats local;
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
