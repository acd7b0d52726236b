#include "decode/decoder.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>

#include "lexicon/lexicon_types.h"
#include "lm/lm_spelling.h"
#include "lm/word_counts.h"
#include "text/number_words.h"

namespace unspin {

struct Decoder::Arc {
  size_t begin = 0, length = 1;
  // The normalised original: a view of the lexicon's storage, or of the
  // observed word for the identity (valid while Decode runs).
  std::string_view text;
  // The words the LM scores (punctuation skipped); originals have at most
  // Lexicon::kMaxSpanTokens words.
  std::array<WordId, Lexicon::kMaxSpanTokens + 2> lm_words{};
  uint8_t lm_count = 0;
  float channel = 0;  // log10 P(observed | original), before weighting
  bool identity = true;
};

struct Decoder::Lattice {
  size_t size = 0;
  std::vector<std::vector<Arc>> from;  // arcs by start position
  // The texts of originals no lexicon holds (numbers in digits): arcs view
  // them (a deque: its strings never move).
  std::deque<std::string> texts;
};

namespace {

// Candidates the LM spells alike ("u.s." and "us") are one original to the
// decoder: their channel probabilities add up, and the written form kept is
// the dotted abbreviation's. Only candidates with a dot are looked at (rare).
template <typename ArcT>
void MergeSameSpellingsOf(std::vector<ArcT>* arcs) {
  auto same = [](const ArcT& a, const ArcT& b) {
    return !a.identity && !b.identity && a.length == b.length && a.lm_count == b.lm_count &&
           std::equal(a.lm_words.begin(), a.lm_words.begin() + a.lm_count, b.lm_words.begin());
  };
  for (size_t d = 0; d < arcs->size(); ++d) {
    if ((*arcs)[d].identity || (*arcs)[d].text.find('.') == std::string_view::npos) continue;
    for (size_t k = 0; k < arcs->size();) {
      if (k == d || !same((*arcs)[k], (*arcs)[d])) {
        ++k;
        continue;
      }
      float& channel = (*arcs)[d].channel;
      const double hi = std::max(channel, (*arcs)[k].channel);
      const double lo = std::min(channel, (*arcs)[k].channel);
      channel = static_cast<float>(hi + std::log10(1 + std::pow(10.0, lo - hi)));
      arcs->erase(arcs->begin() + static_cast<std::ptrdiff_t>(k));
      if (k < d) --d;
    }
  }
}

// True when `original` is `observed` with some words dropped from its ends
// or middle, keeping order ("oil" in "crude oil").
bool OnlyDropsWords(std::span<const std::string_view> observed,
                    std::span<const std::string_view> original) {
  if (original.size() >= observed.size()) return false;
  size_t k = 0;
  for (std::string_view w : observed) {
    if (k < original.size() && w == original[k]) ++k;
  }
  return k == original.size();
}

struct Hyp {
  LmState state;
  double score;
  int back;         // index into the history of the previous position's hyp, -1 at start
  const void* arc;  // the arc that led here
  size_t from_pos;
};

// Leaves in *hyps the best hypothesis of each of the `beam` best distinct LM
// states, best first (ties: the earlier first); `scratch` is working space.
// One pass with a sorted list of at most `beam` entries: the best per state
// is kept whenever its state is among the best `beam` seen so far, and a
// state pushed out of that list cannot come back with a worse score.
void KeepBest(size_t beam, std::vector<Hyp>* hyps, std::vector<Hyp>* scratch) {
  // The list is kept as small slots (score, a key of the state, the
  // hypothesis' index): state comparisons start with the key, and the
  // insertion sort moves slots, not hypotheses.
  struct Slot {
    double score;
    uint64_t key;
    size_t hyp;
  };
  thread_local std::vector<Slot> slots;
  auto key_of = [](const LmState& st) {
    uint64_t key = st.length;
    for (int i = 0; i < st.length && i < 2; ++i) key = key * 0x9E3779B97F4A7C15ull + st.words[i];
    return key;
  };
  slots.clear();
  beam = std::max<size_t>(beam, 1);
  const std::vector<Hyp>& all = *hyps;
  for (size_t i = 0; i < all.size(); ++i) {
    const Hyp& h = all[i];
    // Not better than the worst kept: neither a new state nor an improvement.
    if (slots.size() == beam && h.score <= slots.back().score) continue;
    const uint64_t key = key_of(h.state);
    size_t at = slots.size();
    for (size_t k = 0; k < slots.size(); ++k) {
      if (slots[k].key == key && all[slots[k].hyp].state == h.state) {
        at = k;
        break;
      }
    }
    if (at < slots.size()) {
      if (h.score <= slots[at].score) continue;  // its state's better hypothesis is kept
      slots[at].score = h.score;
      slots[at].hyp = i;
    } else if (slots.size() < beam) {
      slots.push_back({h.score, key, i});
      at = slots.size() - 1;
    } else {
      at = slots.size() - 1;
      slots[at] = {h.score, key, i};
    }
    for (; at > 0 && slots[at].score > slots[at - 1].score; --at)
      std::swap(slots[at], slots[at - 1]);
  }
  std::vector<Hyp>& kept = *scratch;
  kept.clear();
  for (const Slot& sl : slots) kept.push_back(all[sl.hyp]);
  hyps->swap(kept);
}

// The LM words of the lexicon's candidate texts, memoised per thread by
// Candidate::text_key for one decoder and lexicon state at a time: the same
// originals come back sentence after sentence, and a lookup by key is an
// array read where spelling is a hash lookup per word.
struct SpellingMemo {
  uint64_t owner = 0, lexicon = 0;
  // By layer (text_key >> 32) and phrase id: 0 when not yet spelled, else
  // kFilled | count << 32 | (the LM word when count is 1, else the offset
  // of the words in long_words).
  std::vector<std::vector<uint64_t>> slots;
  std::vector<WordId> long_words;
  static constexpr uint64_t kFilled = uint64_t{1} << 63;
  // Past this many words of long spellings the memo starts afresh (bounded memory).
  static constexpr size_t kMaxLongWords = size_t{1} << 22;

  void Reset(uint64_t new_owner, uint64_t new_lexicon) {
    owner = new_owner;
    lexicon = new_lexicon;
    slots.clear();
    long_words.clear();
  }
  // The slot of `key` (nonzero), created empty if need be.
  uint64_t& Slot(uint64_t key) {
    const size_t layer = key >> 32;
    const uint32_t id = static_cast<uint32_t>(key);
    if (slots.size() <= layer) slots.resize(layer + 1);
    std::vector<uint64_t>& ids = slots[layer];
    if (ids.size() <= id) ids.resize(std::max<size_t>(size_t{id} + 1, ids.size() * 2));
    return ids[id];
  }
};

std::atomic<uint64_t> decoder_serials{0};

// Words at least this frequent (unigram log10) are function words to the
// context bonus (the 45 or so most frequent: the, of, it, was, ...): their
// occurring elsewhere says nothing.
constexpr float kContentWordLog10 = -2.5f;

// Whether the LM words of an original not among the `observed` ones all
// occur in `context`, at least one of them a content word.
template <typename Unigram>
bool NewWordsOccur(std::span<const WordId> original, std::span<const WordId> observed,
                   const WordCounts& context, Unigram unigram) {
  bool content = false;
  for (WordId w : original) {
    if (std::find(observed.begin(), observed.end(), w) != observed.end()) continue;
    if (context.Count(w) == 0) return false;
    content |= unigram(w) < kContentWordLog10;
  }
  return content;
}

}  // namespace

Decoder::Decoder(const LanguageModel& lm, const Lexicon& lexicon, const DecoderOptions& options)
    : lm_(lm), lexicon_(lexicon), options_(options), serial_(++decoder_serials) {}

void Decoder::BuildLattice(std::span<const std::string_view> words,
                           const std::vector<bool>& editable, const std::vector<bool>* wide,
                           const WordCounts* context, Lattice* lat) const {
  lat->size = words.size();
  lat->from.assign(words.size(), {});
  const float keep = static_cast<float>(std::log10(1 - lexicon_.params().replace_rate));
  // The LM words of a candidate's words (punctuation skipped).
  auto lm_words = [&](std::span<const std::string_view> original, Arc* arc) {
    for (std::string_view w : original) {
      if (!HasAlnum(w)) continue;
      WordId spelled[kMaxSpelledWords];
      size_t n = SpellForLm(lm_, w, spelled);
      for (size_t k = 0; k < n && arc->lm_count < arc->lm_words.size(); ++k) {
        arc->lm_words[arc->lm_count++] = spelled[k];
      }
    }
  };
  thread_local SpellingMemo memo;
  if (memo.owner != serial_ || memo.lexicon != lexicon_.stamp() ||
      memo.long_words.size() > SpellingMemo::kMaxLongWords) {
    memo.Reset(serial_, lexicon_.stamp());
  }
  // lm_words for a candidate of the lexicon, through the memo.
  auto candidate_lm_words = [&](const CandidateView& c, std::span<const std::string_view> original,
                                Arc* arc) {
    if (c.text_key == 0) {
      lm_words(original, arc);
      return;
    }
    uint64_t& slot = memo.Slot(c.text_key);
    if (slot == 0) {
      lm_words(original, arc);
      uint64_t where = arc->lm_words[0];
      if (arc->lm_count != 1) {
        where = memo.long_words.size();
        memo.long_words.insert(memo.long_words.end(), arc->lm_words.begin(),
                               arc->lm_words.begin() + arc->lm_count);
      }
      slot = SpellingMemo::kFilled | (uint64_t{arc->lm_count} << 32) | where;
      return;
    }
    arc->lm_count = static_cast<uint8_t>(slot >> 32);
    const uint32_t where = static_cast<uint32_t>(slot);
    if (arc->lm_count == 1) {
      arc->lm_words[0] = where;
    } else {
      std::copy_n(memo.long_words.begin() + where, arc->lm_count, arc->lm_words.begin());
    }
  };
  auto unigram = [&](WordId w) { return lm_.UnigramLog10(w); };
  std::vector<CandidateView> cands;
  std::vector<std::string_view> original_words;
  // Per observed word: LM id, unigram log10, and whether the LM knows it. The
  // LM cannot judge an unknown observed word: only literal dictionary
  // relations (curated, user or learned) may replace it.
  std::vector<std::array<WordId, kMaxSpelledWords>> ids(words.size());
  std::vector<uint8_t> id_count(words.size());
  std::vector<float> uni(words.size());
  std::vector<bool> unknown(words.size());
  // Whether the context bonus applies; if so, observed_ids holds the LM words
  // of the observed span the candidates being read replace (refilled per span
  // length below).
  const bool use_context = context != nullptr && options_.context_bonus != 0;
  std::vector<WordId> observed_ids;
  // A number spelled in several words is one quantity: no candidate may
  // replace part of it ("fifty two" must not become "50 two"). `numeric`:
  // the words that are cardinals, and "one" beside one ("one hundred").
  std::vector<bool> numeric(words.size());
  for (size_t i = 0; i < words.size(); ++i) numeric[i] = CardinalValue(words[i]).has_value();
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "one" &&
        ((i > 0 && numeric[i - 1]) || (i + 1 < words.size() && numeric[i + 1])))
      numeric[i] = true;
  }
  auto splits_number = [&](size_t begin, size_t end) {
    return (begin > 0 && numeric[begin - 1] && numeric[begin]) ||
           (end < words.size() && numeric[end - 1] && numeric[end]);
  };
  for (size_t i = 0; i < words.size(); ++i) {
    id_count[i] = static_cast<uint8_t>(SpellForLm(lm_, words[i], ids[i].data()));
    uni[i] = 0;
    for (size_t k = 0; k < id_count[i]; ++k) uni[i] += unigram(ids[i][k]);
    unknown[i] = editable[i] && HasAlnum(words[i]) && ids[i][0] == lm_.oov_id();
  }
  for (size_t i = 0; i < words.size(); ++i) {
    Arc id;
    id.begin = i;
    id.text = words[i];
    if (HasAlnum(words[i])) {
      for (size_t k = 0; k < id_count[i]; ++k) id.lm_words[id.lm_count++] = ids[i][k];
    }
    id.channel = editable[i] ? keep : 0;
    lat->from[i].push_back(std::move(id));
    if (!editable[i]) continue;
    size_t span = 1;
    while (i + span < words.size() && span < Lexicon::kMaxSpanTokens && editable[i + span]) ++span;
    // Spans over a word the LM does not know take literal relations only.
    Lexicon::Limits limits;
    const bool widened = wide != nullptr && i < wide->size() && (*wide)[i];
    const size_t cap = widened ? options_.wide_candidates : options_.max_candidates_per_span;
    limits.max_per_length = cap;
    for (size_t k = 1, seen = 0; k <= span; ++k) {
      seen |= unknown[i + k - 1];
      if (seen) limits.literal_only_lengths |= uint32_t{1} << (k - 1);
    }
    cands.clear();
    lexicon_.LookupViews(words.subspan(i, span), 0, limits, &cands);
    size_t per_len = 0, last_len = 0;
    bool splits = false;                  // the observed span of last_len words cuts a number
    std::vector<double> observed_values;  // of the observed span of last_len words
    lat->from[i].reserve(cands.size() + 1);
    bool dotted = false;  // a candidate with a dot: MergeSameSpellingsOf may apply
    for (const CandidateView& c : cands) {
      if (c.identity) continue;
      const auto observed = words.subspan(i, c.length);
      if (c.length != last_len) {  // candidates come by length
        last_len = c.length;
        per_len = 0;
        observed_values = CardinalValues(observed);
        splits = splits_number(i, i + c.length);
        if (use_context) {
          observed_ids.clear();
          for (size_t k = i; k < i + c.length; ++k)
            observed_ids.insert(observed_ids.end(), ids[k].begin(), ids[k].begin() + id_count[k]);
        }
      }
      // (Lookup left out the relations `limits` forbid; with several
      // dictionaries it returns up to `cap` per dictionary.)
      if (++per_len > cap || splits) continue;
      // Spinners keep quantities: "billion" does not come from "million".
      SplitPhrase(c.text, &original_words);
      if (CardinalValues(original_words) != observed_values) continue;
      const bool truncation = OnlyDropsWords(observed, original_words);
      Arc a;
      a.begin = i;
      a.length = c.length;
      candidate_lm_words(c, original_words, &a);
      a.text = c.text;
      dotted |= a.text.find('.') != std::string_view::npos;
      a.channel =
          c.channel_log10 - static_cast<float>(c.two_hop ? options_.two_hop_penalty : 0) -
          static_cast<float>(options_.multiword_penalty * static_cast<double>(c.length - 1));
      if (truncation) {
        a.channel -= static_cast<float>(options_.truncation_penalty);
      }
      a.identity = false;
      if (options_.rarity_weight != 0) {
        double observed = 0, original = 0;
        for (size_t k = i; k < i + c.length; ++k) observed += uni[k];
        for (size_t k = 0; k < a.lm_count; ++k) original += unigram(a.lm_words[k]);
        a.channel += static_cast<float>(options_.rarity_weight * (original - observed));
      }
      if (use_context) {
        if (NewWordsOccur(std::span(a.lm_words.data(), a.lm_count), observed_ids, *context,
                          unigram)) {
          a.channel += static_cast<float>(options_.context_bonus);
        }
      }
      lat->from[i].push_back(std::move(a));
    }
    if (dotted) MergeSameSpellingsOf(&lat->from[i]);
    if (options_.digits_prior > 0) {
      static_assert(kMaxNumberWords <= Lexicon::kMaxSpanTokens);
      if (const std::optional<SpelledNumber> n = SpelledNumberAt(words, i, &editable);
          n.has_value() && n->value >= 10) {
        Arc a;
        a.begin = i;
        a.length = n->length;
        a.identity = false;
        a.text = lat->texts.emplace_back(std::to_string(n->value));
        lm_words(std::span<const std::string_view>(&a.text, 1), &a);
        // Keeping the words costs `keep` each; the digits gain the prior.
        a.channel =
            keep * static_cast<float>(n->length) + static_cast<float>(options_.digits_prior);
        lat->from[i].push_back(std::move(a));
      }
    }
  }
}

double Decoder::ArcLm(const Arc& arc, const LmState& in, LmState* out) const {
  *out = in;
  double total = 0;
  for (size_t k = 0; k < arc.lm_count; ++k)
    total += WordLog10(lm_.Score(*out, arc.lm_words[k], out));
  return total;
}

double Decoder::KeptScore(const Lattice& lat, const std::vector<const Arc*>& path,
                          const PathTrace& trace, size_t j) const {
  const double lambda = options_.channel_weight;
  const size_t n = path.size();
  LmState s = trace.state_at[j], t;
  double total = trace.score_at[j];
  for (size_t k = path[j]->begin; k < path[j]->begin + path[j]->length; ++k) {
    const Arc& id = lat.from[k].front();
    total += ArcLm(id, s, &t) + lambda * id.channel;
    s = t;
  }
  // Past the span, once the LM state is the best path's again, the rest of
  // the two paths scores alike.
  for (size_t k = j + 1; k <= n; ++k) {
    if (s == trace.state_at[k]) return total + (trace.total - trace.score_at[k]);
    if (k == n) break;
    total += ArcLm(*path[k], s, &t) + lambda * path[k]->channel;
    s = t;
  }
  if (lm_.eos_id() != kNoWord) total += lm_.Score(s, lm_.eos_id(), &t).log10_prob;
  return total;
}

double Decoder::Search(const Lattice& lat, size_t frozen_begin, size_t frozen_end,
                       std::vector<const Arc*>* path) const {
  const double lambda = options_.channel_weight;
  // hyps[pos]: hypotheses ending at pos; all of them kept for backtracking.
  // The buffers live as long as the thread, so their capacity is reused
  // from sentence to sentence.
  thread_local std::vector<std::vector<Hyp>> hyps;
  thread_local std::vector<Hyp> kept;
  thread_local std::vector<const Arc*> arcs;
  thread_local std::vector<WordId> firsts;
  thread_local std::vector<LmScore> first_scores;
  thread_local std::vector<LmState> first_states;
  thread_local std::vector<double> arc_lm;
  // The arcs with LM words (in `arcs` order; arc_lm and first_states follow
  // it), and among them those with more than one, longest first.
  thread_local std::vector<const Arc*> worded;
  thread_local std::vector<uint32_t> longer;
  thread_local std::vector<LmState> longer_states;
  thread_local std::vector<WordId> longer_words;
  thread_local std::vector<LmScore> longer_scores;
  thread_local std::vector<LmState> ahead_states;
  thread_local std::vector<WordId> ahead_words;
  thread_local std::vector<LmScore> ahead_scores;
  thread_local std::vector<std::pair<double, size_t>> ranked;
  thread_local std::vector<size_t> ahead_which;
  // Continues arc_lm[f] and first_states[f] over words 1.. of each longer
  // arc, in order: word k of every arc that has one, together.
  auto continue_longer_arcs = [&] {
    size_t n = longer.size();
    for (size_t k = 1;; ++k) {
      while (n > 0 && worded[longer[n - 1]]->lm_count <= k) --n;
      if (n == 0) return;
      longer_states.resize(n);
      longer_words.resize(n);
      longer_scores.resize(n);
      for (size_t j = 0; j < n; ++j) {
        longer_states[j] = first_states[longer[j]];
        longer_words[j] = worded[longer[j]]->lm_words[k];
      }
      lm_.ScorePairs(longer_states, longer_words, longer_scores.data());
      for (size_t j = 0; j < n; ++j) {
        first_states[longer[j]] = longer_states[j];
        arc_lm[longer[j]] += WordLog10(longer_scores[j]);
      }
    }
  };
  // Of the hypotheses at pos, keeps the options_.beam best by score plus the
  // LM log10 of the next observed word after them (DecoderOptions::lookahead_pool).
  auto keep_best_ahead = [&](size_t pos, std::vector<Hyp>* here) {
    // The next observed LM word at or after pos (identity arcs come first),
    // or the sentence end.
    WordId next = lm_.eos_id();
    for (size_t q = pos; q < lat.size; ++q) {
      const Arc& id = lat.from[q].front();
      if (id.lm_count > 0) {
        next = id.lm_words[0];
        break;
      }
    }
    if (next == kNoWord) next = lm_.oov_id();
    // `here` is best first and a lookahead is at most 0: after the first
    // `beam`, only hypotheses scoring above the worst of their ranks can
    // displace one, so only those are looked ahead for (two batches).
    const size_t beam = options_.beam;
    ranked.clear();
    auto look_ahead = [&](const std::vector<size_t>& which) {
      ahead_states.resize(which.size());
      ahead_words.assign(which.size(), next);
      ahead_scores.resize(which.size());
      for (size_t k = 0; k < which.size(); ++k) ahead_states[k] = (*here)[which[k]].state;
      lm_.ScorePairs(ahead_states, ahead_words, ahead_scores.data());
      for (size_t k = 0; k < which.size(); ++k) {
        ranked.emplace_back(-((*here)[which[k]].score + WordLog10(ahead_scores[k])), which[k]);
      }
    };
    ahead_which.clear();
    for (size_t i = 0; i < beam; ++i) ahead_which.push_back(i);
    look_ahead(ahead_which);
    double worst = -std::max_element(ranked.begin(), ranked.end())->first;
    ahead_which.clear();
    for (size_t i = beam; i < here->size(); ++i) {
      if ((*here)[i].score > worst) ahead_which.push_back(i);
    }
    if (!ahead_which.empty()) look_ahead(ahead_which);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(beam),
                      ranked.end());
    kept.clear();
    for (size_t k = 0; k < beam; ++k) kept.push_back((*here)[ranked[k].second]);
    here->swap(kept);
  };
  if (hyps.size() < lat.size + 1) hyps.resize(lat.size + 1);
  for (size_t p = 0; p <= lat.size; ++p) hyps[p].clear();
  hyps[0].push_back({lm_.BeginSentenceState(), 0.0, -1, nullptr, 0});
  for (size_t pos = 0; pos < lat.size; ++pos) {
    std::vector<Hyp>& here = hyps[pos];
    if (here.empty()) continue;
    KeepBest(options_.beam * std::max<size_t>(options_.lookahead_pool, 1), &here, &kept);
    if (here.size() > options_.beam) keep_best_ahead(pos, &here);
    // The arcs that may leave pos, and the first LM word of each: all first
    // words after a hypothesis are scored together (their lookups overlap).
    arcs.clear();
    firsts.clear();
    worded.clear();
    for (const Arc& arc : lat.from[pos]) {
      if (!arc.identity && arc.begin < frozen_end && frozen_begin < arc.begin + arc.length)
        continue;
      arcs.push_back(&arc);
      if (arc.lm_count > 0) {
        firsts.push_back(arc.lm_words[0]);
        worded.push_back(&arc);
      }
    }
    longer.clear();
    for (uint32_t f = 0; f < worded.size(); ++f) {
      if (worded[f]->lm_count > 1) longer.push_back(f);
    }
    std::stable_sort(longer.begin(), longer.end(), [](uint32_t a, uint32_t b) {
      return worded[a]->lm_count > worded[b]->lm_count;
    });
    first_scores.resize(firsts.size());
    first_states.resize(firsts.size());
    arc_lm.resize(firsts.size());
    for (size_t hi = 0; hi < here.size(); ++hi) {
      const Hyp& h = here[hi];
      // As ArcLm for every arc, word by word across the arcs: all first
      // words together, then the second words of the longer originals, ...
      lm_.ScoreEach(h.state, firsts, first_scores.data(), first_states.data());
      for (size_t f = 0; f < firsts.size(); ++f) arc_lm[f] = WordLog10(first_scores[f]);
      continue_longer_arcs();
      size_t f = 0;
      for (const Arc* arc : arcs) {
        LmState next = h.state;
        double lm = 0;
        if (arc->lm_count > 0) {
          next = first_states[f];
          lm = arc_lm[f++];
        }
        double score = h.score + lm + lambda * arc->channel;
        hyps[pos + arc->length].push_back({next, score, static_cast<int>(hi), arc, pos});
      }
    }
  }
  // Close the sentence.
  std::vector<Hyp>& last = hyps[lat.size];
  int best = -1;
  double best_score = -std::numeric_limits<double>::infinity();
  for (size_t k = 0; k < last.size(); ++k) {
    LmState end;
    double s = last[k].score;
    if (lm_.eos_id() != kNoWord) s += lm_.Score(last[k].state, lm_.eos_id(), &end).log10_prob;
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(k);
    }
  }
  if (path) {
    path->clear();
    size_t pos = lat.size;
    int idx = best;
    while (idx >= 0 && pos > 0) {
      const Hyp& h = hyps[pos][static_cast<size_t>(idx)];
      path->push_back(static_cast<const Arc*>(h.arc));
      pos = h.from_pos;
      idx = h.back;
    }
    std::reverse(path->begin(), path->end());
  }
  return best_score;
}

void Decoder::Decode(std::span<const std::string_view> words, const std::vector<bool>& editable,
                     std::vector<DecodedEdit>* edits, std::vector<uint8_t>* reach,
                     const std::vector<bool>* wide, const WordCounts* context) const {
  if (reach != nullptr) reach->assign(words.size(), 0);
  if (words.empty()) return;
  Lattice lat;
  BuildLattice(words, editable, wide, context, &lat);
  if (reach != nullptr) {
    for (size_t i = 0; i < lat.size; ++i) {
      for (const Arc& a : lat.from[i]) {
        if (a.identity) continue;
        for (size_t k = i; k < i + a.length && k < lat.size; ++k) {
          (*reach)[k] = std::max<uint8_t>((*reach)[k], static_cast<uint8_t>(a.length));
        }
      }
    }
  }
  std::vector<const Arc*> path;
  const size_t none = std::numeric_limits<size_t>::max();
  double best = Search(lat, none, none, &path);
  PathTrace trace;
  trace.state_at.resize(path.size() + 1);
  trace.score_at.assign(path.size() + 1, 0.0);
  trace.state_at[0] = lm_.BeginSentenceState();
  std::vector<double> arc_lm(path.size());
  for (size_t j = 0; j < path.size(); ++j) {
    arc_lm[j] = ArcLm(*path[j], trace.state_at[j], &trace.state_at[j + 1]);
    trace.score_at[j + 1] =
        trace.score_at[j] + arc_lm[j] + options_.channel_weight * path[j]->channel;
  }
  trace.total = trace.score_at[path.size()];
  if (lm_.eos_id() != kNoWord) {
    LmState end;
    trace.total += lm_.Score(trace.state_at[path.size()], lm_.eos_id(), &end).log10_prob;
  }
  for (size_t j = 0; j < path.size(); ++j) {
    const Arc* arc = path[j];
    if (arc->identity) continue;
    const LmState& before = trace.state_at[j];
    DecodedEdit e;
    e.begin = arc->begin;
    e.end = arc->begin + arc->length;
    e.text = std::string(arc->text);
    e.lm_log10 = arc_lm[j];
    e.channel_log10 = arc->channel;
    e.margin = best - (options_.exact_margin ? Search(lat, e.begin, e.end, nullptr)
                                             : KeptScore(lat, path, trace, j));
    if (e.margin < options_.threshold) continue;
    if (options_.alternatives > 0) {
      // The observed words first, then the runner-ups over the same span by
      // channel score; LM scores are in the context of the best path.
      DecodedAlternative keep;
      LmState s = before, t;
      for (size_t k = e.begin; k < e.end; ++k) {
        const Arc& id = lat.from[k].front();
        keep.lm_log10 += ArcLm(id, s, &t);
        keep.channel_log10 += id.channel;
        if (k > e.begin) keep.text += ' ';
        keep.text += id.text;
        s = t;
      }
      e.alternatives.push_back(std::move(keep));
      for (const Arc& alt : lat.from[arc->begin]) {
        if (&alt == arc || alt.identity || alt.length != arc->length) continue;
        if (e.alternatives.size() > options_.alternatives) break;
        LmState scratch;
        e.alternatives.push_back(
            {std::string(alt.text), ArcLm(alt, before, &scratch), alt.channel});
      }
    }
    edits->push_back(std::move(e));
  }
}

}  // namespace unspin
