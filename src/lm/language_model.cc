#include "unspin/language_model.h"

#include <xxhash.h>

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

bool LmState::operator==(const LmState& o) const {
  if (length != o.length) return false;
  for (int i = 0; i < length; ++i) {
    if (words[i] != o.words[i] || backoff[i] != o.backoff[i]) return false;
  }
  return true;
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
  }
  return s;
}

LmScore LanguageModel::Score(const LmState& in, WordId w, LmState* out) const {
  const Impl& m = *impl_;
  LmScore r;
  if (w >= m.vocab_size || w == m.oov) {
    r.log10_prob = m.oov_log10;
    r.oov = true;
    out->length = 0;
    return r;
  }
  const UnigramRecord& u = m.uni[w];
  float prob = u.prob;
  unsigned matched = 0;  // history words matched
  LmState next;
  next.words[0] = w;
  next.backoff[0] = u.backoff;
  const unsigned max_hist = static_cast<unsigned>(m.order) - 1;
  if (in.length > 0 && max_hist > 0) {
    uint64_t lo = u.next, hi = m.uni[w + 1].next;
    unsigned lb = BucketLog2(static_cast<uint32_t>(hi - lo));
    if (lb) {
      const uint32_t* b = m.buckets + u.bucket_base + BucketOf(in.words[0], m.bucket_g, lb);
      lo = b[0];
      hi = b[1];
    }
    uint64_t at = 0, best_at = 0;
    for (unsigned n = 2; n <= max_hist + 1 && matched < in.length; ++n) {
      const Impl::Level& lv = m.levels[n];
      if (!lv.Find(lo, hi, in.words[n - 2], &at)) break;
      matched = n - 1;
      best_at = at;
      if (n <= max_hist) {
        next.words[n - 1] = in.words[n - 2];
        next.backoff[n - 1] = lv.Backoff(at);
        lo = lv.Next(at);
        hi = lv.Next(at + 1);
      }
    }
    // Only the longest match's probability is decoded.
    if (matched > 0) prob = m.levels[matched + 1].Prob(best_at);
  }
  for (unsigned j = matched; j < in.length; ++j) prob += in.backoff[j];
  next.length = static_cast<uint8_t>(std::min(matched + 1, max_hist));
  *out = next;
  r.log10_prob = prob;
  r.ngram_length = static_cast<uint8_t>(matched + 1);
  return r;
}

void LanguageModel::ScoreCandidates(const LmState& in, std::span<const WordId> words,
                                    float* out) const {
  LmState scratch;
  for (size_t i = 0; i < words.size(); ++i) out[i] = Score(in, words[i], &scratch).log10_prob;
}

Status LanguageModel::Verify() const {
  const Impl& m = *impl_;
  const std::string& name = m.info.path;
  auto bad = [&](const std::string& what) { return Status::Corruption(name + ": " + what); };
  uint64_t child_count = m.order >= 2 ? m.header->counts[1] : 0;
  uint64_t prev = 0;
  for (uint32_t w = 0; w <= m.vocab_size; ++w) {
    if (m.uni[w].next < prev || m.uni[w].next > child_count) return bad("unigram child range");
    prev = m.uni[w].next;
  }
  if (prev != child_count) return bad("unigram sentinel");
  for (int n = 2; n <= m.order; ++n) {
    const Impl::Level& lv = m.levels[n];
    const uint64_t count = m.header->counts[n - 1];
    const uint64_t below = n < m.order ? m.header->counts[n] : 0;
    prev = 0;
    for (uint64_t i = 0; i <= count; ++i) {
      if (i < count && lv.Word(i) >= m.vocab_size) return bad("word id out of range");
      if (n < m.order) {
        uint64_t nx = lv.Next(i);
        if (nx < prev || nx > below) return bad(std::to_string(n) + "-gram child range");
        prev = nx;
      }
    }
  }
  const uint32_t* b = m.buckets;
  for (uint64_t i = 0; i < m.header->bucket_entries; ++i) {
    if (b[i] > child_count) return bad("bucket entry out of range");
  }
  for (uint32_t w = 0; w < m.vocab_size && m.order >= 2; ++w) {
    unsigned lb = BucketLog2(m.uni[w + 1].next - m.uni[w].next);
    if (lb && uint64_t{m.uni[w].bucket_base} + (1u << lb) + 1 > m.header->bucket_entries) {
      return bad("bucket table too short");
    }
  }
  return Status::Ok();
}

}  // namespace unspin
