#include <algorithm>
#include <atomic>
#include <cmath>
#include <tuple>

#include "base/file_util.h"
#include "lexicon/dictionary_reader.h"
#include "lexicon/lexicon_impl.h"
#include "lexicon/lexicon_types.h"
#include "lexicon/reverse_index_builder.h"

namespace unspin {
namespace {

// Sorts out[first..] by (length, score) and keeps the best of each (length,
// text), uniting sources.
template <typename C>
void MergeDuplicates(std::vector<C>* out, size_t first) {
  auto begin = out->begin() + static_cast<std::ptrdiff_t>(first);
  std::sort(begin, out->end(), [](const C& a, const C& b) {
    return std::tie(a.length, a.text, b.channel_log10) <
           std::tie(b.length, b.text, a.channel_log10);
  });
  size_t w = first;
  for (size_t i = first; i < out->size(); ++i) {
    C& c = (*out)[i];
    if (w > first && (*out)[w - 1].length == c.length && (*out)[w - 1].text == c.text) {
      (*out)[w - 1].sources |= c.sources;
      (*out)[w - 1].two_hop &= c.two_hop;
      (*out)[w - 1].reversed &= c.reversed;
    } else if (w != i) {
      (*out)[w++] = std::move(c);
    } else {
      ++w;
    }
  }
  out->resize(w);
  std::stable_sort(
      out->begin() + static_cast<std::ptrdiff_t>(first), out->end(), [](const C& a, const C& b) {
        return a.length != b.length ? a.length < b.length : a.channel_log10 > b.channel_log10;
      });
}

}  // namespace

bool Lexicon::Impl::IsKnownPhrase(std::string_view text) const {
  for (const auto& layer : layers) {
    if (layer->index.Find(text) != ReverseIndex::kNoPhrase) return true;
  }
  return false;
}

namespace {
uint64_t NextStamp() {
  static std::atomic<uint64_t> stamps{0};
  return ++stamps;
}
}  // namespace

Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  impl_->stamp = NextStamp();
}

uint64_t Lexicon::stamp() const { return impl_->stamp; }
Lexicon::~Lexicon() = default;

void Lexicon::Lookup(std::span<const std::string_view> words, size_t start,
                     std::vector<Candidate>* out) const {
  Lookup(words, start, Limits(), out);
}

void Lexicon::Lookup(std::span<const std::string_view> words, size_t start, const Limits& limits,
                     std::vector<Candidate>* out) const {
  impl_->LookupInto(words, start, limits, out);
}

void Lexicon::LookupViews(std::span<const std::string_view> words, size_t start,
                          const Limits& limits, std::vector<CandidateView>* out) const {
  impl_->LookupInto(words, start, limits, out);
}

template <typename C>
void Lexicon::Impl::LookupInto(std::span<const std::string_view> words, size_t start,
                               const Limits& limits, std::vector<C>* out) const {
  if (start >= words.size()) return;
  const size_t max_len = std::min(kMaxSpanTokens, words.size() - start);
  const float log_r = static_cast<float>(std::log10(params.replace_rate));
  C identity;
  identity.text = words[start];
  identity.channel_log10 = static_cast<float>(std::log10(1 - params.replace_rate));
  identity.identity = true;
  out->push_back(std::move(identity));
  const size_t first = out->size();
  std::string key;
  for (size_t layer_number = 0; layer_number < layers.size(); ++layer_number) {
    const Layer& layer = *layers[layer_number];
    const ReverseIndex& ix = layer.index;
    const uint64_t layer_key = uint64_t{layer_number + 1} << 32;  // Candidate::text_key
    const float base = log_r + layer.log10_prior;
    key.assign(words[start]);
    for (size_t k = 1; k <= max_len; ++k) {
      uint32_t id = ix.Find(key);
      if (id == ReverseIndex::kNoPhrase) break;  // keys are prefix-closed
      const bool literal_only = (limits.literal_only_lengths >> (k - 1)) & 1;
      size_t taken = 0;
      for (const IndexEntry& e : ix.Entries(id)) {
        if (literal_only && static_cast<Pos>(e.pos) != Pos::kAny) continue;
        if (taken++ == limits.max_per_length) break;  // entries are best first
        C& c = out->emplace_back();
        c.text = ix.Text(e.original);
        c.text_key = layer_key | e.original;
        c.length = k;
        c.channel_log10 = base + e.log10_share;
        c.sources = e.sources;
        c.two_hop = e.flags & kEntryTwoHop;
        c.reversed = e.flags & kEntryReversed;
        c.pos = static_cast<Pos>(e.pos);
        c.inflection = static_cast<Inflection>(e.inflection);
      }
      if (k < max_len) (key += ' ') += words[start + k];
    }
  }
  // One layer is already in order (length, then score) without duplicates.
  if (layers.size() > 1) MergeDuplicates(out, first);
}

std::vector<Candidate> Lexicon::LookupPhrase(std::string_view phrase) const {
  std::string norm = NormalizePhrase(phrase);
  std::vector<std::string_view> words = SplitPhrase(norm);
  std::vector<Candidate> all, out;
  if (words.empty()) return out;
  Lookup(words, 0, &all);
  for (Candidate& c : all) {
    if (c.length == words.size() && !c.identity) out.push_back(std::move(c));
  }
  Candidate identity;
  identity.text = norm;
  identity.length = words.size();
  identity.channel_log10 =
      static_cast<float>(words.size() * std::log10(1 - impl_->params.replace_rate));
  identity.identity = true;
  out.insert(out.begin(), std::move(identity));
  return out;
}

Status Lexicon::AddDictionary(const std::string& path, float weight) {
  Impl& m = *impl_;
  Inventory inv;
  std::string name = BaseName(path);
  inv.AddSource(name, 1.0f);
  SubstitutionRates rates;
  UNSPIN_RETURN_IF_ERROR(ReadSpinnerDictionary(path, 0, &inv, nullptr, &rates));
  ReverseIndexOptions opt;
  opt.original_filter = m.is_word;
  opt.original_log10_prior = m.original_log10_prior;
  opt.prior_weight = m.prior_weight;
  opt.reverse_weight = m.reverse_weight;
  opt.first_source_bit = static_cast<int>(m.source_names.size());
  opt.is_lemma = [&m](std::string_view w, Pos) { return m.IsKnownPhrase(w); };
  auto layer = std::make_unique<Impl::Layer>();
  UNSPIN_RETURN_IF_ERROR(BuildReverseIndex(&inv, m.morphology, opt, &layer->owned));
  UNSPIN_RETURN_IF_ERROR(ReverseIndex::Attach(layer->owned, path, &layer->index));
  layer->log10_prior = static_cast<float>(std::log10(double{weight}));
  m.source_names.push_back(name);
  m.layers.push_back(std::move(layer));
  m.rates.Merge(std::move(rates));
  m.stamp = NextStamp();  // Knows and Lookup answer differently now
  return Status::Ok();
}

void Lexicon::set_inventory_weight(float weight) {
  // The pack's inventory is the first layer; added dictionaries follow.
  if (!impl_->layers.empty()) {
    impl_->layers.front()->log10_prior = static_cast<float>(std::log10(double{weight}));
  }
}

bool Lexicon::Knows(std::string_view normalized) const { return impl_->IsKnownPhrase(normalized); }

const std::vector<std::string>& Lexicon::source_names() const { return impl_->source_names; }

std::string Lexicon::SourceList(uint32_t mask) const {
  std::string out;
  for (size_t i = 0; i < impl_->source_names.size(); ++i) {
    if (mask & (uint32_t{1} << i)) {
      if (!out.empty()) out += '+';
      out += impl_->source_names[i];
    }
  }
  return out;
}

const LexiconParams& Lexicon::params() const { return impl_->params; }
void Lexicon::set_params(const LexiconParams& p) { impl_->params = p; }

size_t Lexicon::key_count() const {
  size_t n = 0;
  for (const auto& l : impl_->layers) n += l->index.key_count();
  return n;
}

size_t Lexicon::entry_count() const {
  size_t n = 0;
  for (const auto& l : impl_->layers) n += l->index.entry_count();
  return n;
}

}  // namespace unspin
