#include <algorithm>
#include <cmath>
#include <tuple>

#include "lexicon/dictionary_reader.h"
#include "lexicon/lexicon_impl.h"
#include "lexicon/lexicon_types.h"
#include "lexicon/reverse_index_builder.h"

namespace unspin {
namespace {

std::string Join(std::span<const std::string_view> words, size_t start, size_t n) {
  std::string s;
  for (size_t k = 0; k < n; ++k) {
    if (k) s += ' ';
    s += words[start + k];
  }
  return s;
}

// Collects candidates for one start position, then deduplicates.
class Collector {
 public:
  Collector(std::span<const std::string_view> words, size_t start) : words_(words), start_(start) {}

  void Add(size_t length, std::string text, const IndexEntry& e, float base, Pos pos,
           Inflection infl) {
    if (text == Join(words_, start_, length)) return;  // that is the identity
    Candidate c;
    c.text = std::move(text);
    c.length = length;
    c.channel_log10 = base + e.log10_share;
    c.sources = e.sources;
    c.two_hop = e.flags & kEntryTwoHop;
    c.pos = pos;
    c.inflection = infl;
    items_.push_back(std::move(c));
  }

  void Flush(std::vector<Candidate>* out) {
    std::sort(items_.begin(), items_.end(), [](const Candidate& a, const Candidate& b) {
      return std::tie(a.length, a.text, b.channel_log10) < std::tie(b.length, b.text, a.channel_log10);
    });
    size_t first = out->size();
    for (size_t i = 0; i < items_.size(); ++i) {
      if (out->size() > first && items_[i].length == out->back().length &&
          items_[i].text == out->back().text) {
        out->back().sources |= items_[i].sources;
        out->back().two_hop &= items_[i].two_hop;
        continue;
      }
      out->push_back(std::move(items_[i]));
    }
    std::stable_sort(out->begin() + first, out->end(), [](const Candidate& a, const Candidate& b) {
      return a.length != b.length ? a.length < b.length : a.channel_log10 > b.channel_log10;
    });
    items_.clear();
  }

 private:
  std::span<const std::string_view> words_;
  size_t start_;
  std::vector<Candidate> items_;
};

}  // namespace

bool Lexicon::Impl::IsKnownPhrase(std::string_view text) const {
  for (const auto& layer : layers) {
    if (layer->index.Find(text) != ReverseIndex::kNoPhrase) return true;
  }
  return false;
}

Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lexicon::~Lexicon() = default;

void Lexicon::Lookup(std::span<const std::string_view> words, size_t start,
                     std::vector<Candidate>* out) const {
  const Impl& m = *impl_;
  if (start >= words.size()) return;
  const size_t max_len = std::min(kMaxSpanTokens, words.size() - start);
  const float log_r = static_cast<float>(std::log10(m.params.replace_rate));
  Candidate identity;
  identity.text = std::string(words[start]);
  identity.channel_log10 = static_cast<float>(std::log10(1 - m.params.replace_rate));
  identity.identity = true;
  out->push_back(std::move(identity));

  LemmaFilter is_lemma = [&m](std::string_view w, Pos) { return m.IsKnownPhrase(w); };
  std::vector<Analysis> head, last;
  m.morphology.Analyze(words[start], is_lemma, &head);
  std::vector<std::string> forms;
  Collector col(words, start);
  for (const auto& layer : m.layers) {
    const ReverseIndex& ix = layer->index;
    const float base = log_r + layer->log10_prior;
    // Literal matches of the observed span.
    std::string key(words[start]);
    for (size_t k = 1; k <= max_len; ++k) {
      uint32_t id = ix.Find(key);
      if (id == ReverseIndex::kNoPhrase) break;
      for (const IndexEntry& e : ix.Entries(id)) {
        if (e.pos == 0) {
          col.Add(k, std::string(ix.Text(e.original)), e, base, Pos::kAny, Inflection::kBase);
        }
      }
      if (k < max_len) (key += ' ') += words[start + k];
    }
    // Lemma matches with the first word as head (verbs, adjectives, adverbs,
    // single nouns, and uninflected noun phrases).
    for (const Analysis& a : head) {
      key = a.lemma;
      for (size_t k = 1; k <= max_len; ++k) {
        uint32_t id = ix.Find(key);
        if (id == ReverseIndex::kNoPhrase) break;
        // An inflected first word must be the phrase's head ("rates of interest").
        bool allowed = a.inflection == Inflection::kBase || a.pos != Pos::kNoun || k == 1 ||
                       PhraseHead(key, Pos::kNoun) == 0;
        for (const IndexEntry& e : ix.Entries(id)) {
          if (!allowed || e.pos != static_cast<uint8_t>(a.pos)) continue;
          forms.clear();
          m.morphology.InflectPhrase(ix.Text(e.original), a.pos, a.inflection, m.is_word, &forms);
          for (std::string& f : forms) {
            col.Add(k, std::move(f), e, base, a.pos, a.inflection);
          }
        }
        if (k < max_len) (key += ' ') += words[start + k];
      }
    }
    // Inflected noun phrases: the last word is the head ("interest rates").
    std::string prefix(words[start]);
    for (size_t k = 2; k <= max_len; ++k) {
      if (ix.Find(prefix) == ReverseIndex::kNoPhrase) break;
      last.clear();
      m.morphology.Analyze(words[start + k - 1], is_lemma, &last);
      for (const Analysis& a : last) {
        if (a.pos != Pos::kNoun || a.inflection == Inflection::kBase) continue;
        std::string lemma_key = prefix + " " + a.lemma;
        uint32_t id = ix.Find(lemma_key);
        if (id == ReverseIndex::kNoPhrase || PhraseHead(lemma_key, Pos::kNoun) != k - 1) continue;
        for (const IndexEntry& e : ix.Entries(id)) {
          if (e.pos != static_cast<uint8_t>(Pos::kNoun)) continue;
          forms.clear();
          m.morphology.InflectPhrase(ix.Text(e.original), a.pos, a.inflection, m.is_word, &forms);
          for (std::string& f : forms) {
            col.Add(k, std::move(f), e, base, a.pos, a.inflection);
          }
        }
      }
      (prefix += ' ') += words[start + k - 1];
    }
  }
  col.Flush(out);
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
  std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  inv.AddSource(name, 1.0f);
  UNSPIN_RETURN_IF_ERROR(ReadSpinnerDictionary(path, 0, &inv));
  ReverseIndexOptions opt;
  opt.original_filter = m.is_word;
  opt.first_source_bit = static_cast<int>(m.source_names.size());
  opt.is_lemma = [&m](std::string_view w, Pos) { return m.IsKnownPhrase(w); };
  auto layer = std::make_unique<Impl::Layer>();
  UNSPIN_RETURN_IF_ERROR(BuildReverseIndex(&inv, m.morphology, opt, &layer->owned));
  UNSPIN_RETURN_IF_ERROR(ReverseIndex::Attach(layer->owned, path, &layer->index));
  layer->log10_prior = static_cast<float>(std::min(0.0, std::log10(double{weight})));
  m.source_names.push_back(name);
  m.layers.push_back(std::move(layer));
  return Status::Ok();
}

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
