#include "unspin/language_model.h"

#include <xxhash.h>

#include <array>
#include <cstring>

#include "base/file_util.h"
#include "base/section_file.h"
#include "lm/arpa_reader.h"
#include "lm/compact_builder.h"
#include "lm/compact_model.h"
#include "lm/sphinx_reader.h"

namespace unspin {
namespace {

enum class Format { kCompact, kSphinx, kArpa };

Status DetectFormat(const std::string& path, Format* format) {
  std::string head;
  UNSPIN_RETURN_IF_ERROR(ReadFilePrefix(path, 32, &head));
  if (head.empty()) return Status::Corruption(path + ": empty file, not a language model");
  if (head.compare(0, 8, std::string(kCompactMagic, 8)) == 0) {
    *format = Format::kCompact;
  } else if (head.compare(0, kSphinxMagic.size(), kSphinxMagic) == 0) {
    *format = Format::kSphinx;
  } else {
    *format = Format::kArpa;  // plain, gzip or zstd text; the reader checks
  }
  return Status::Ok();
}

// Reads a text or sphinx model into a table.
Status ReadTable(const std::string& path, Format format, NgramTable* table) {
  if (format == Format::kSphinx) return ReadSphinx(path, table);
  return ReadArpa(path, table);
}

}  // namespace

Status ReadNgramTable(const std::string& path, NgramTable* table) {
  if (SectionFile::Sniff(path)) {
    return Status::Unsupported(path +
                               ": a model pack's language model cannot be listed; give the "
                               "ARPA or sphinx file it was built from");
  }
  Format format;
  UNSPIN_RETURN_IF_ERROR(DetectFormat(path, &format));
  if (format == Format::kCompact) {
    return Status::Unsupported(path +
                               ": a compact model cannot be listed; give the ARPA or "
                               "sphinx file it was converted from");
  }
  return ReadTable(path, format, table);
}

Status ModelFromTable(NgramTable table, const std::string& name,
                      std::unique_ptr<LanguageModel>* out) {
  auto image = std::make_shared<std::string>();
  Status s = BuildCompactImage(&table, image.get());
  if (!s.ok()) return s.WithContext(name);
  return LanguageModel::FromImage(*image, image, name, out);
}

size_t LmState::Hash() const { return XXH3_64bits(words, sizeof(WordId) * length) ^ length; }

LanguageModel::LanguageModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LanguageModel::~LanguageModel() = default;

Status LanguageModel::Load(const std::string& path, std::unique_ptr<LanguageModel>* out) {
  if (SectionFile::Sniff(path)) {
    std::shared_ptr<const SectionFile> pack;
    UNSPIN_RETURN_IF_ERROR(SectionFile::Open(path, &pack));
    std::string_view image;
    UNSPIN_RETURN_IF_ERROR(pack->Get("lm", &image, /*verify=*/false));  // checks its own
    return FromImage(image, pack, path, out);
  }
  Format format;
  UNSPIN_RETURN_IF_ERROR(DetectFormat(path, &format));
  auto impl = std::make_unique<Impl>();
  if (format == Format::kCompact) {
    UNSPIN_RETURN_IF_ERROR(MappedFile::Open(path, &impl->file));
    UNSPIN_RETURN_IF_ERROR(AttachCompactImage(impl->file.view(), path, impl.get()));
    impl->info.format = "compact";
  } else {
    NgramTable table;
    UNSPIN_RETURN_IF_ERROR(ReadTable(path, format, &table));
    Status s = BuildCompactImage(&table, &impl->owned);
    if (!s.ok()) return s.WithContext(path);
    UNSPIN_RETURN_IF_ERROR(AttachCompactImage(impl->owned, path, impl.get()));
    impl->info.format = format == Format::kSphinx ? "sphinx" : "arpa";
  }
  impl->info.path = path;
  out->reset(new LanguageModel(std::move(impl)));
  return Status::Ok();
}

std::string_view CompactImageOf(const LanguageModel& lm) {
  const LanguageModel::Impl& m = lm.impl();
  return {reinterpret_cast<const char*>(m.header), m.header->file_bytes};
}

Status LanguageModel::FromImage(std::string_view image, std::shared_ptr<const void> owner,
                                const std::string& name, std::unique_ptr<LanguageModel>* out) {
  auto impl = std::make_unique<Impl>();
  UNSPIN_RETURN_IF_ERROR(AttachCompactImage(image, name, impl.get()));
  impl->owner = std::move(owner);
  impl->info.format = "compact";
  impl->info.path = name;
  out->reset(new LanguageModel(std::move(impl)));
  return Status::Ok();
}

Status LanguageModel::Convert(const std::string& in_path, const std::string& out_path) {
  if (SectionFile::Sniff(in_path)) {  // copy a pack's language model out
    std::shared_ptr<const SectionFile> pack;
    UNSPIN_RETURN_IF_ERROR(SectionFile::Open(in_path, &pack));
    std::string_view lm;
    UNSPIN_RETURN_IF_ERROR(pack->Get("lm", &lm, /*verify=*/false));  // checks its own
    std::unique_ptr<LanguageModel> check;
    UNSPIN_RETURN_IF_ERROR(FromImage(lm, pack, in_path, &check));
    return WriteFileAtomically(out_path, lm);
  }
  Format format;
  UNSPIN_RETURN_IF_ERROR(DetectFormat(in_path, &format));
  std::string image;
  if (format == Format::kCompact) {
    std::unique_ptr<LanguageModel> check;
    UNSPIN_RETURN_IF_ERROR(Load(in_path, &check));  // validates before copying
    UNSPIN_RETURN_IF_ERROR(ReadFileToString(in_path, &image));
  } else {
    NgramTable table;
    UNSPIN_RETURN_IF_ERROR(ReadTable(in_path, format, &table));
    Status s = BuildCompactImage(&table, &image);
    if (!s.ok()) return s.WithContext(in_path);
  }
  return WriteFileAtomically(out_path, image);
}

WordId LanguageModel::Index(std::string_view word) const {
  const Impl& m = *impl_;
  uint64_t s = XXH3_64bits(word.data(), word.size()) & m.hash_mask;
  for (;;) {
    uint32_t slot = m.vocab_hash[s];
    if (slot == 0) return m.oov;
    WordId id = slot - 1;
    if (id < m.vocab_size) {
      uint32_t b = m.vocab_offsets[id], e = m.vocab_offsets[id + 1];
      if (e - b == word.size() + 1 &&
          std::memcmp(m.vocab_strings + b, word.data(), word.size()) == 0) {
        return id;
      }
    }
    s = (s + 1) & m.hash_mask;
  }
}

std::string_view LanguageModel::Word(WordId id) const {
  const Impl& m = *impl_;
  if (id >= m.vocab_size) return "<unk>";
  uint32_t b = m.vocab_offsets[id], e = m.vocab_offsets[id + 1];
  return std::string_view(m.vocab_strings + b, e - b - 1);
}

size_t LanguageModel::vocab_size() const { return impl_->vocab_size; }
WordId LanguageModel::oov_id() const { return impl_->oov; }
WordId LanguageModel::bos_id() const { return impl_->bos; }
WordId LanguageModel::eos_id() const { return impl_->eos; }
int LanguageModel::order() const { return impl_->order; }
const LmInfo& LanguageModel::info() const { return impl_->info; }

LmState LanguageModel::BeginSentenceState() const {
  LmState s;
  if (impl_->bos != kNoWord && impl_->order >= 2) {
    s.length = 1;
    s.words[0] = impl_->bos;
    s.backoff[0] = impl_->uni[impl_->bos].backoff;
    s.context[0] = impl_->bos;
  }
  return s;
}

namespace {

using Probes = std::array<HashedLevel::Probe, kMaxOrder - 1>;

bool IsOov(const LanguageModel::Impl& m, WordId w) { return w >= m.vocab_size || w == m.oov; }

// Computes (and prefetches) every order's probe for w after `in`.
[[gnu::always_inline]] inline void PrepareProbes(const LanguageModel::Impl& m, const LmState& in,
                                                 WordId w, Probes* probes) {
  const unsigned n = std::min<unsigned>(in.length, static_cast<unsigned>(m.order) - 1);
  for (unsigned j = 0; j < n; ++j) (*probes)[j] = m.levels[j + 2].table.Prepare(in.context[j], w);
}

// Score's body for an in-vocabulary w whose probes are prepared.
[[gnu::always_inline]] inline LmScore ScoreProbed(const LanguageModel::Impl& m, const LmState& in,
                                                  WordId w, const Probes& probe, LmState* out) {
  const unsigned max_hist = static_cast<unsigned>(m.order) - 1;
  const unsigned in_length = in.length;
  const unsigned probes = std::min(in_length, max_hist);
  // `out` may be `in`: what is needed of `in` is read before `out` is written,
  // field by field (a whole-struct copy would defeat store forwarding).
  WordId history[kMaxOrder - 1];
  float backoff[kMaxOrder - 1];
  for (unsigned j = 0; j < in_length; ++j) history[j] = in.words[j], backoff[j] = in.backoff[j];
  const UnigramRecord& u = m.uni[w];
  float prob = u.prob;
  out->words[0] = w;
  out->backoff[0] = u.backoff;
  out->context[0] = w;
  unsigned matched = 0;  // history words matched
  HashedLevel::Hit best;
  for (unsigned j = 0; j < probes; ++j) {
    const LanguageModel::Impl::Level& lv = m.levels[j + 2];
    HashedLevel::Hit hit = lv.table.Locate(probe[j]);
    if (hit.slot == kNoSlot) break;  // a longer n-gram would have this one as suffix
    matched = j + 1;
    best = hit;
    if (matched < max_hist) {
      out->words[matched] = history[j];
      out->backoff[matched] = lv.Backoff(hit);
      out->context[matched] = static_cast<uint32_t>(hit.slot);
    }
  }
  if (matched > 0) prob = m.levels[matched + 1].Prob(best);
  for (unsigned j = matched; j < in_length; ++j) prob += backoff[j];
  out->length = static_cast<uint8_t>(std::min(matched + 1, max_hist));
  LmScore r;
  r.log10_prob = prob;
  r.ngram_length = static_cast<uint8_t>(matched + 1);
  return r;
}

LmScore OovScore(const LanguageModel::Impl& m, LmState* out) {
  LmScore r;
  r.log10_prob = m.oov_log10;
  r.oov = true;
  out->length = 0;
  return r;
}

}  // namespace

LmScore LanguageModel::Score(const LmState& in, WordId w, LmState* out) const {
  const Impl& m = *impl_;
  if (IsOov(m, w)) return OovScore(m, out);
  // Every order's table is probed before any is read, so their cache misses
  // overlap; the n-gram of order n is keyed by the history's (n-1)-gram.
  Probes probes;
  PrepareProbes(m, in, w, &probes);
  return ScoreProbed(m, in, w, probes, out);
}

float LanguageModel::UnigramLog10(WordId w) const {
  const Impl& m = *impl_;
  return IsOov(m, w) ? m.oov_log10 : m.uni[w].prob;
}

void LanguageModel::ScoreEach(const LmState& in, std::span<const WordId> words, LmScore* scores,
                              LmState* states) const {
  const Impl& m = *impl_;
  // In chunks: every word's probes are issued before any is read, so the
  // cache misses of a whole chunk overlap.
  constexpr size_t kChunk = 16;
  Probes probes[kChunk];
  LmState scratch;
  for (size_t begin = 0; begin < words.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, words.size() - begin);
    for (size_t i = 0; i < n; ++i) {
      const WordId w = words[begin + i];
      if (IsOov(m, w)) continue;
      PrepareProbes(m, in, w, &probes[i]);
      __builtin_prefetch(&m.uni[w]);
    }
    for (size_t i = 0; i < n; ++i) {
      const WordId w = words[begin + i];
      LmState* out = states ? &states[begin + i] : &scratch;
      scores[begin + i] = IsOov(m, w) ? OovScore(m, out) : ScoreProbed(m, in, w, probes[i], out);
    }
  }
}

namespace {

// Advances states[i] by word_at(i) for every i, scores to scores[i]; every
// probe of a chunk is issued before any is read (their misses overlap).
template <typename WordAt>
void AdvanceEach(const LanguageModel::Impl& m, std::span<LmState> states, WordAt word_at,
                 LmScore* scores) {
  constexpr size_t kChunk = 16;
  Probes probes[kChunk];
  for (size_t begin = 0; begin < states.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, states.size() - begin);
    for (size_t i = 0; i < n; ++i) {
      const WordId w = word_at(begin + i);
      if (!IsOov(m, w)) PrepareProbes(m, states[begin + i], w, &probes[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      LmState& s = states[begin + i];
      const WordId w = word_at(begin + i);
      scores[begin + i] = IsOov(m, w) ? OovScore(m, &s) : ScoreProbed(m, s, w, probes[i], &s);
    }
  }
}

}  // namespace

void LanguageModel::ScoreAfterEach(std::span<LmState> states, WordId word, LmScore* scores) const {
  AdvanceEach(
      *impl_, states, [word](size_t) { return word; }, scores);
}

void LanguageModel::ScorePairs(std::span<LmState> states, std::span<const WordId> words,
                               LmScore* scores) const {
  AdvanceEach(
      *impl_, states, [words](size_t i) { return words[i]; }, scores);
}

void LanguageModel::ScoreCandidates(const LmState& in, std::span<const WordId> words,
                                    float* out) const {
  constexpr size_t kChunk = 64;
  LmScore scores[kChunk];
  for (size_t begin = 0; begin < words.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, words.size() - begin);
    ScoreEach(in, words.subspan(begin, n), scores, nullptr);
    for (size_t i = 0; i < n; ++i) out[begin + i] = scores[i].log10_prob;
  }
}

Status LanguageModel::Verify() const {
  const Impl& m = *impl_;
  const std::string& name = m.info.path;
  for (int n = 2; n <= m.order; ++n) {
    const HashedLevel& t = m.levels[n].table;
    const HashedShape& shape = t.shape();
    auto bad = [&](const std::string& what) {
      return Status::Corruption(name + ": " + std::to_string(n) + "-gram table: " + what);
    };
    const uint64_t keys = shape.context_count * shape.vocab_size;
    uint64_t used = 0;
    for (uint64_t b = 0; b < shape.block_count; ++b) {
      const unsigned in_block = t.Used(b);
      if (in_block > shape.slots_per_block) return bad("a block claims more slots than it has");
      for (unsigned i = 0; i < in_block; ++i) {
        const uint64_t slot = b * shape.slots_per_block + i;
        const uint64_t key = t.KeyAt(slot);
        if (key >= keys) return bad("a key lies outside the key space");
        const uint64_t context = key / shape.vocab_size;
        if (n > 2) {
          const HashedLevel& below = m.levels[n - 1].table;
          const uint64_t k = below.shape().slots_per_block;
          if (context % k >= below.Used(context / k))
            return bad("an n-gram's prefix slot is empty");
        }
        if (t.Find(context, static_cast<uint32_t>(key % shape.vocab_size)) != slot)
          return bad("an n-gram cannot be found where it is stored");
        ++used;
      }
    }
    if (used != m.header->counts[n - 1]) return bad("n-gram count differs from the header");
  }
  return Status::Ok();
}

}  // namespace unspin
