#include "lexicon/reverse_index_builder.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <span>
#include <tuple>
#include <unordered_map>

#include "lexicon/reverse_index.h"

namespace unspin {
namespace {

struct Forward {
  uint32_t original;
  uint32_t spun;
  float weight;
  uint8_t source;
  uint8_t pos;
  uint8_t flags = 0;  // kEntryReversed: added by AddReverse
};

struct Reverse {
  uint32_t key;  // the spun phrase
  uint32_t original;
  double prob;
  uint32_t sources;
  uint8_t pos;
  // kEntryTwoHop when only two-hop paths support it, kEntryReversed when
  // only relations read backwards do.
  uint8_t flags;
  uint8_t inflection = 0;
};

// Adds lemma-level copies of single-word surface relations.
void Generalize(Inventory* inv, const Morphology& morph, LemmaFilter is_lemma,
                std::vector<Forward>* fwd, uint64_t* derived) {
  if (!is_lemma) is_lemma = [inv](std::string_view w, Pos p) { return inv->IsLemma(w, p); };
  std::vector<Analysis> ao, as;
  size_t n = fwd->size();
  for (size_t i = 0; i < n; ++i) {
    Forward f = (*fwd)[i];
    if (f.pos != static_cast<uint8_t>(Pos::kAny)) continue;
    std::string o(inv->phrase(f.original)), s(inv->phrase(f.spun));
    if (o.find(' ') != std::string::npos || s.find(' ') != std::string::npos) continue;
    ao.clear();
    as.clear();
    morph.Analyze(o, is_lemma, &ao);
    morph.Analyze(s, is_lemma, &as);
    // Inflected forms name their part of speech ("said|stated": verbs). Base
    // forms are often ambiguous ("condition|state": nouns or verbs?), so they
    // generalise only when exactly one part of speech is common to both.
    int base_common = 0;
    const Analysis* base_a = nullptr;
    const Analysis* base_b = nullptr;
    for (const Analysis& a : ao) {
      for (const Analysis& b : as) {
        if (a.pos != b.pos || a.inflection != b.inflection || a.lemma == b.lemma) continue;
        if (a.inflection == Inflection::kBase) {
          ++base_common;
          base_a = &a;
          base_b = &b;
          continue;
        }
        fwd->push_back({inv->Intern(a.lemma), inv->Intern(b.lemma), f.weight, f.source,
                        static_cast<uint8_t>(a.pos)});
        ++*derived;
      }
    }
    if (base_common == 1) {
      fwd->push_back({inv->Intern(base_a->lemma), inv->Intern(base_b->lemma), f.weight, f.source,
                      static_cast<uint8_t>(base_a->pos)});
      ++*derived;
    }
  }
}

// The order SortAndMerge leaves relations in: (original, pos, source, spun).
auto ForwardKey(const Forward& f) { return std::tie(f.original, f.pos, f.source, f.spun); }
bool ForwardLess(const Forward& a, const Forward& b) { return ForwardKey(a) < ForwardKey(b); }

// Merges duplicate (original, pos, source, spun) relations by summing weights.
void SortAndMerge(std::vector<Forward>* fwd) {
  std::sort(fwd->begin(), fwd->end(), ForwardLess);
  size_t out = 0;
  for (size_t i = 0; i < fwd->size(); ++i) {
    if (out > 0 && ForwardKey((*fwd)[out - 1]) == ForwardKey((*fwd)[i])) {
      (*fwd)[out - 1].weight += (*fwd)[i].weight;
      (*fwd)[out - 1].flags &= (*fwd)[i].flags;
    } else {
      (*fwd)[out++] = (*fwd)[i];
    }
  }
  fwd->resize(out);
}

// Adds spun -> original for every original -> spun that its source lacks,
// at `factor` times its weight; `fwd` must be sorted and merged.
void AddReverse(std::vector<Forward>* fwd, double factor) {
  const size_t n = fwd->size();
  for (size_t i = 0; i < n; ++i) {
    const Forward f = (*fwd)[i];
    Forward r{f.spun,   f.original, static_cast<float>(f.weight * factor),
              f.source, f.pos,      kEntryReversed};
    if (!std::binary_search(fwd->begin(), fwd->begin() + n, r, ForwardLess)) fwd->push_back(r);
  }
}

// Merges neighbours with equal `key`: probabilities add, sources unite, and
// an entry stays two-hop (or reversed) only if every contribution was.
template <typename Key>
void MergeSorted(std::vector<Reverse>* rev, Key key) {
  size_t out = 0;
  for (size_t k = 0; k < rev->size(); ++k) {
    Reverse& r = (*rev)[k];
    if (out > 0 && key((*rev)[out - 1]) == key(r)) {
      Reverse& m = (*rev)[out - 1];
      m.prob += r.prob;
      m.sources |= r.sources;
      m.flags &= r.flags;
    } else {
      (*rev)[out++] = r;
    }
  }
  rev->resize(out);
}

// Applies the channel model to each (original, pos) group: one record per
// (original, pos, spun) with P(spun | original replaced), sorted by
// (original, pos, spun).
std::vector<Reverse> ForwardDistribution(const std::vector<Forward>& fwd,
                                         const std::vector<SourceInfo>& src, int first_bit) {
  std::vector<Reverse> dist;
  dist.reserve(fwd.size());
  size_t i = 0;
  while (i < fwd.size()) {
    size_t end = i;
    double denom = 0;
    while (end < fwd.size() && fwd[end].original == fwd[i].original && fwd[end].pos == fwd[i].pos) {
      if (end == i || fwd[end].source != fwd[end - 1].source) denom += src[fwd[end].source].weight;
      ++end;
    }
    for (size_t s = i; s < end;) {
      size_t send = s;
      double total = 0;
      while (send < end && fwd[send].source == fwd[s].source) total += fwd[send++].weight;
      double prior = src[fwd[s].source].weight / denom;
      // An original whose entries are all loose relations (generic, related
      // terms) is less likely to be replaced at all: the choice mass is at
      // least one full synonym's.
      total = std::max(total, 1.0);
      for (size_t k = s; k < send; ++k) {
        dist.push_back({fwd[k].spun, fwd[k].original, prior * fwd[k].weight / total,
                        uint32_t{1} << (first_bit + fwd[k].source), fwd[k].pos, fwd[k].flags});
      }
      s = send;
    }
    i = end;
  }
  auto key = [](const Reverse& r) { return std::tie(r.original, r.pos, r.key); };
  std::sort(dist.begin(), dist.end(),
            [&](const Reverse& a, const Reverse& b) { return key(a) < key(b); });
  MergeSorted(&dist, key);
  return dist;
}

// Two-hop paths original -> X -> spun between single words, scaled by
// `weight`; at most `max_per_original` new spun words per original.
std::vector<Reverse> TwoHop(const std::vector<Reverse>& dist, const Inventory& inv, double weight,
                            size_t max_per_original) {
  std::vector<Reverse> out;
  if (weight <= 0 || max_per_original == 0) return out;
  std::unordered_map<uint64_t, std::pair<size_t, size_t>> groups;  // (original, pos) -> range
  for (size_t i = 0; i < dist.size();) {
    size_t end = i;
    while (end < dist.size() && dist[end].original == dist[i].original &&
           dist[end].pos == dist[i].pos)
      ++end;
    groups[uint64_t{dist[i].original} << 8 | dist[i].pos] = {i, end};
    i = end;
  }
  auto single = [&](uint32_t id) { return inv.phrase(id).find(' ') == std::string_view::npos; };
  std::unordered_map<uint32_t, Reverse> acc;
  std::vector<Reverse> best;
  for (const auto& [gkey, range] : groups) {
    uint32_t original = static_cast<uint32_t>(gkey >> 8);
    if (!single(original)) continue;
    acc.clear();
    for (size_t i = range.first; i < range.second; ++i) {
      const Reverse& hop1 = dist[i];
      if (!single(hop1.key)) continue;
      auto it = groups.find(uint64_t{hop1.key} << 8 | hop1.pos);
      if (it == groups.end()) continue;
      for (size_t k = it->second.first; k < it->second.second; ++k) {
        const Reverse& hop2 = dist[k];
        if (hop2.key == original || !single(hop2.key)) continue;
        // Reversed when every path to it has a reversed leg.
        Reverse& r = acc.try_emplace(hop2.key, Reverse{hop2.key, original, 0, 0, hop1.pos,
                                                       kEntryTwoHop | kEntryReversed})
                         .first->second;
        r.flags &= kEntryTwoHop | ((hop1.flags | hop2.flags) & kEntryReversed);
        r.prob += weight * hop1.prob * hop2.prob;
        r.sources |= hop1.sources | hop2.sources;
      }
    }
    for (size_t i = range.first; i < range.second; ++i) acc.erase(dist[i].key);  // direct wins
    best.clear();
    for (const auto& [spun, r] : acc) best.push_back(r);
    size_t keep = std::min(best.size(), max_per_original);
    std::partial_sort(best.begin(), best.begin() + keep, best.end(),
                      [](const Reverse& a, const Reverse& b) { return a.prob > b.prob; });
    out.insert(out.end(), best.begin(), best.begin() + keep);
  }
  return out;
}

// Sorts by (key, pos, original) and merges duplicates.
void SortByKey(std::vector<Reverse>* rev) {
  auto key = [](const Reverse& r) { return std::tie(r.key, r.pos, r.original); };
  std::sort(rev->begin(), rev->end(),
            [&](const Reverse& a, const Reverse& b) { return key(a) < key(b); });
  MergeSorted(rev, key);
}

constexpr Inflection kNounForms[] = {Inflection::kBase, Inflection::kPlural,
                                     Inflection::kPossessive};
constexpr Inflection kVerbForms[] = {Inflection::kBase, Inflection::kThirdPerson, Inflection::kPast,
                                     Inflection::kGerund};
constexpr Inflection kAdjForms[] = {Inflection::kBase, Inflection::kComparative,
                                    Inflection::kSuperlative};

std::span<const Inflection> FormsOf(Pos pos) {
  switch (pos) {
    case Pos::kNoun:
      return kNounForms;
    case Pos::kVerb:
      return kVerbForms;
    case Pos::kAdj:
    case Pos::kAdv:
      return kAdjForms;
    case Pos::kAny:
      break;
  }
  return {kNounForms, 1};
}

// Expands lemma entries (pos != kAny) into one literal entry per inflected
// form of key and original ("state"/"say" verb -> "stated"/"said", ...), so
// that queries need no morphology. Spun-side forms the filter rejects fall
// back to the rule's first spelling (spinners' words need not be in the LM);
// original-side forms must pass.
std::vector<Reverse> Expand(const std::vector<Reverse>& in, Inventory* inv, const Morphology& morph,
                            const WordFilter& word_ok, uint64_t* added) {
  std::unordered_map<uint64_t, std::vector<uint32_t>> cache;
  auto forms = [&](uint32_t id, Pos pos, Inflection infl,
                   bool fallback) -> const std::vector<uint32_t>& {
    uint64_t k = uint64_t{id} << 16 | uint64_t{static_cast<uint8_t>(pos)} << 8 |
                 static_cast<uint8_t>(infl) | (fallback ? 1u << 7 : 0u);
    auto [it, inserted] = cache.try_emplace(k);
    if (inserted) {
      std::vector<std::string> texts;
      std::string phrase(inv->phrase(id));
      morph.InflectPhrase(phrase, pos, infl, word_ok, &texts);
      if (texts.empty() && fallback && pos != Pos::kAdv) {
        morph.InflectPhrase(phrase, pos, infl, nullptr, &texts);
      }
      for (const std::string& t : texts) it->second.push_back(inv->Intern(t));
    }
    return it->second;
  };
  std::vector<Reverse> out;
  out.reserve(in.size() * 2);
  for (const Reverse& r : in) {
    Pos pos = static_cast<Pos>(r.pos);
    if (pos == Pos::kAny) {
      out.push_back(r);
      continue;
    }
    for (Inflection infl : FormsOf(pos)) {
      const std::vector<uint32_t> originals = forms(r.original, pos, infl, false);
      if (originals.empty()) continue;
      for (uint32_t key : forms(r.key, pos, infl, true)) {
        for (uint32_t original : originals) {
          if (key == original) continue;
          Reverse e = r;
          e.key = key;
          e.original = original;
          e.inflection = static_cast<uint8_t>(infl);
          out.push_back(e);
          if (infl != Inflection::kBase) ++*added;
        }
      }
    }
  }
  return out;
}

// The order of a key's candidates (ReverseIndexOptions: share and prior);
// priors are computed once per original.
class Ranker {
 public:
  Ranker(const Inventory& inv, const ReverseIndexOptions& opt)
      : inv_(inv), prior_(opt.original_log10_prior), weight_(opt.prior_weight) {}

  double operator()(const Reverse& r) {
    const double share = std::log10(r.prob);
    if (!prior_ || weight_ == 0) return share;
    if (r.original >= cache_.size()) cache_.resize(r.original + 1, kUnknown);
    float& p = cache_[r.original];
    if (p == kUnknown) p = prior_(inv_.phrase(r.original));
    return share + weight_ * p;
  }

  // Sorts [first, last) best first, stable among equals.
  template <typename It>
  void Sort(It first, It last) {
    ranked_.clear();
    for (It it = first; it != last; ++it) ranked_.emplace_back((*this)(*it), *it);
    std::stable_sort(ranked_.begin(), ranked_.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = 0; i < ranked_.size(); ++i) first[i] = ranked_[i].second;
  }

 private:
  static constexpr float kUnknown = 1.0f;  // no log10 probability is positive
  const Inventory& inv_;
  std::function<float(std::string_view)> prior_;
  double weight_;
  std::vector<float> cache_;
  std::vector<std::pair<double, Reverse>> ranked_;  // Sort's buffer
};

// Keeps one entry per (key, original), the likeliest, and the best `cap`
// per key by `rank`; the result is sorted by key, then rank, best first.
void DedupeAndCap(std::vector<Reverse>* rev, size_t cap, Ranker* rank, uint64_t* capped) {
  std::sort(rev->begin(), rev->end(), [](const Reverse& a, const Reverse& b) {
    return std::tie(a.key, a.original, b.prob) < std::tie(b.key, b.original, a.prob);
  });
  size_t out = 0;
  for (size_t i = 0; i < rev->size(); ++i) {
    Reverse& r = (*rev)[i];
    if (out > 0 && (*rev)[out - 1].key == r.key && (*rev)[out - 1].original == r.original) {
      (*rev)[out - 1].sources |= r.sources;
      (*rev)[out - 1].flags &= r.flags;
    } else {
      (*rev)[out++] = r;
    }
  }
  rev->resize(out);  // still sorted by key, then original
  out = 0;
  for (size_t i = 0; i < rev->size();) {
    size_t end = i;
    while (end < rev->size() && (*rev)[end].key == (*rev)[i].key) ++end;
    rank->Sort(rev->begin() + i, rev->begin() + end);
    size_t keep = std::min(end - i, cap);
    *capped += end - i - keep;
    for (size_t k = i; k < i + keep; ++k) (*rev)[out++] = (*rev)[k];
    i = end;
  }
  rev->resize(out);
}

bool AllWordsPass(std::string_view phrase, const WordFilter& filter) {
  if (!filter) return true;
  for (std::string_view w : SplitPhrase(phrase)) {
    if (!filter(w)) return false;
  }
  return true;
}

void Append(std::string* image, const void* data, size_t n, size_t at) {
  if (image->size() < at) image->resize(at, '\0');
  image->append(static_cast<const char*>(data), n);
}

}  // namespace

Status BuildReverseIndex(Inventory* inv, const Morphology& morph, const ReverseIndexOptions& opt,
                         std::string* image, ReverseIndexStats* stats) {
  if (opt.first_source_bit < 0 ||
      opt.first_source_bit + inv->sources().size() > size_t{Inventory::kMaxSources}) {
    return Status::InvalidArgument("too many inventory sources (at most 32 in all)");
  }
  ReverseIndexStats st;
  std::vector<Forward> fwd;
  fwd.reserve(inv->relations().size());
  for (const Inventory::Relation& r : inv->relations()) {
    fwd.push_back({r.original, r.spun, r.weight, r.source, static_cast<uint8_t>(r.pos)});
  }
  st.relations = fwd.size();
  if (opt.generalize_surface) Generalize(inv, morph, opt.is_lemma, &fwd, &st.derived);
  SortAndMerge(&fwd);
  if (opt.reverse_weight > 0) {
    const size_t before = fwd.size();
    AddReverse(&fwd, opt.reverse_weight);
    st.reversed = fwd.size() - before;
    SortAndMerge(&fwd);
  }
  std::vector<Reverse> rev = ForwardDistribution(fwd, inv->sources(), opt.first_source_bit);
  std::vector<Reverse> hops = TwoHop(rev, *inv, opt.two_hop_weight, opt.two_hop_max);
  st.two_hop = hops.size();
  rev.insert(rev.end(), hops.begin(), hops.end());
  SortByKey(&rev);

  // Filter, then keep the best max_candidates per (key, pos).
  std::vector<uint8_t> original_ok(inv->phrase_count(), 2);  // 2 = unknown
  std::vector<Reverse> kept;
  kept.reserve(rev.size());
  Ranker rank(*inv, opt);
  for (size_t i = 0; i < rev.size();) {
    size_t end = i;
    while (end < rev.size() && rev[end].key == rev[i].key && rev[end].pos == rev[i].pos) ++end;
    size_t first = kept.size();
    for (size_t k = i; k < end; ++k) {
      uint8_t& ok = original_ok[rev[k].original];
      if (ok == 2) ok = AllWordsPass(inv->phrase(rev[k].original), opt.original_filter);
      if (ok) {
        kept.push_back(rev[k]);
      } else {
        ++st.filtered;
      }
    }
    rank.Sort(kept.begin() + first, kept.end());
    if (kept.size() - first > opt.max_candidates) {
      st.capped += kept.size() - first - opt.max_candidates;
      kept.resize(first + opt.max_candidates);
    }
    i = end;
  }

  kept = Expand(kept, inv, morph, opt.original_filter, &st.inflected);
  DedupeAndCap(&kept, opt.max_candidates, &rank, &st.capped);

  // Phrases: keys, their whole-token prefixes, and originals.
  std::vector<uint32_t> new_id(inv->phrase_count(), ReverseIndex::kNoPhrase);
  std::vector<std::string> texts;
  auto assign = [&](uint32_t id) {
    if (new_id[id] == ReverseIndex::kNoPhrase) {
      new_id[id] = static_cast<uint32_t>(texts.size());
      texts.emplace_back(inv->phrase(id));
    }
  };
  for (const Reverse& r : kept) {
    assign(r.key);
    assign(r.original);
  }
  std::vector<std::string> prefixes;
  for (const Reverse& r : kept) {
    std::string_view key = inv->phrase(r.key);
    for (size_t sp = key.find(' '); sp != std::string_view::npos; sp = key.find(' ', sp + 1)) {
      prefixes.emplace_back(key.substr(0, sp));
    }
  }
  for (const std::string& p : prefixes) {
    uint32_t id = inv->Intern(p);
    if (id >= new_id.size()) new_id.resize(id + 1, ReverseIndex::kNoPhrase);
    assign(id);
  }

  ReverseIndexHeader h;
  std::memset(&h, 0, sizeof(h));
  std::memcpy(h.magic, kReverseIndexMagic, 8);
  h.version = kReverseIndexVersion;
  h.phrase_count = texts.size();
  h.entry_count = kept.size();
  if (h.phrase_count >= kSlotIdMask) {
    return Status::InvalidArgument("inventory too large for the reverse index format: " +
                                   std::to_string(h.phrase_count) + " phrases");
  }
  uint64_t slots = 16;
  while (slots * 7 < h.phrase_count * 10) slots *= 2;
  h.hash_slots = slots;
  std::vector<uint32_t> offsets(texts.size() + 1, 0), begin(texts.size() + 1, 0), hash(slots, 0);
  std::string strings;
  for (size_t i = 0; i < texts.size(); ++i) {
    offsets[i] = static_cast<uint32_t>(strings.size());
    strings += texts[i];
    const uint64_t ph = PhraseHash(texts[i]);
    uint64_t s = ph & (slots - 1);
    while (hash[s] != 0) s = (s + 1) & (slots - 1);
    hash[s] = (SlotTag(ph) << kSlotIdBits) | static_cast<uint32_t>(i + 1);
  }
  offsets[texts.size()] = static_cast<uint32_t>(strings.size());
  h.string_bytes = strings.size();
  if (strings.size() >= (uint64_t{1} << 32) || kept.size() >= (uint64_t{1} << 32)) {
    return Status::InvalidArgument("inventory too large for the reverse index format");
  }
  // Entries grouped by new key id; within a key by probability (as kept).
  std::vector<IndexEntry> entries(kept.size());
  std::vector<uint32_t> order(kept.size());
  for (uint32_t i = 0; i < kept.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return new_id[kept[a].key] < new_id[kept[b].key];
  });
  for (size_t i = 0; i < order.size(); ++i) {
    const Reverse& r = kept[order[i]];
    IndexEntry& e = entries[i];
    std::memset(&e, 0, sizeof(e));
    e.original = new_id[r.original];
    e.log10_share = static_cast<float>(std::log10(r.prob));
    e.sources = r.sources;
    e.pos = r.pos;
    e.flags = r.flags;
    e.inflection = r.inflection;
    ++begin[new_id[r.key] + 1];
  }
  for (size_t i = 0; i < texts.size(); ++i) begin[i + 1] += begin[i];

  ReverseIndexLayout l = ReverseIndexLayout::For(h);
  image->clear();
  image->reserve(l.total);
  Append(image, &h, sizeof(h), 0);
  Append(image, offsets.data(), 4 * offsets.size(), l.string_offsets);
  Append(image, begin.data(), 4 * begin.size(), l.entry_begin);
  Append(image, hash.data(), 4 * hash.size(), l.hash);
  Append(image, entries.data(), sizeof(IndexEntry) * entries.size(), l.entries);
  Append(image, strings.data(), strings.size(), l.strings);
  uint64_t sum = XXH3_64bits(image->data() + sizeof(h), image->size() - sizeof(h));
  std::memcpy(image->data() + offsetof(ReverseIndexHeader, data_checksum), &sum, sizeof(sum));

  st.entries = kept.size();
  st.phrases = texts.size();
  for (size_t i = 0; i < texts.size(); ++i) st.keys += begin[i + 1] > begin[i];
  if (stats) *stats = st;
  return Status::Ok();
}

}  // namespace unspin
