#include "lm/lm_mixer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <span>
#include <string_view>
#include <unordered_map>

#include "unspin/language_model.h"

namespace unspin {
namespace {

// One side of the mixture: a model and the map from mixed word ids to its own.
struct Side {
  const LanguageModel* lm = nullptr;
  std::vector<WordId> id_of;  // mixed id -> the side's id, or kNoWord

  // log10 P(words.back() | the words before it) with the side's backoff.
  float Log10(std::span<const WordId> words) const {
    const WordId first = id_of[words[0]];
    size_t k = 0;
    LmState state = lm->NullState();
    if (words.size() > 1 && first != kNoWord && first == lm->bos_id()) {
      state = lm->BeginSentenceState();
      k = 1;
    }
    for (; k + 1 < words.size(); ++k) {
      const WordId w = id_of[words[k]];
      lm->Score(state, w == kNoWord ? lm->oov_id() : w, &state);
    }
    const WordId last = id_of[words.back()];
    if (last == kNoWord) return kMixOovLog10;
    LmScore s = lm->Score(state, last, &state);
    if (s.oov && !lm->info().has_unk) return kMixOovLog10;
    return s.log10_prob;
  }
};

// The mixed model's n-grams of one order, sorted; `n` ids per entry.
struct MixedOrder {
  int n = 0;
  std::vector<WordId> ids;
  std::vector<float> prob, backoff;
  size_t size() const { return prob.size(); }
  std::span<const WordId> key(size_t i) const { return {ids.data() + i * n, size_t(n)}; }
  // Index of the n-gram `key`, or -1.
  int64_t Find(std::span<const WordId> k) const {
    size_t lo = 0, hi = size();
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      auto m = key(mid);
      if (std::lexicographical_compare(m.begin(), m.end(), k.begin(), k.end())) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < size() && std::equal(k.begin(), k.end(), key(lo).begin())) {
      return static_cast<int64_t>(lo);
    }
    return -1;
  }
};

// log10 P(words.back() | the rest) under the mixed orders built so far
// (orders[k] holds (k+1)-grams), backing off through their weights.
double MixedLog10(const std::vector<MixedOrder>& orders, std::span<const WordId> words) {
  double backoff = 0;
  for (size_t start = 0; start < words.size(); ++start) {
    std::span<const WordId> g = words.subspan(start);
    const MixedOrder& o = orders[g.size() - 1];
    int64_t at = o.Find(g);
    if (at >= 0) return backoff + o.prob[at];
    std::span<const WordId> context = g.first(g.size() - 1);
    int64_t c = orders[context.size() - 1].Find(context);
    if (c >= 0) backoff += orders[context.size() - 1].backoff[c];
  }
  return backoff + kMixOovLog10;  // a word no unigram lists (cannot happen)
}

}  // namespace

Status MixModels(const NgramTable& base, const LanguageModel& base_lm, const NgramTable& domain,
                 double domain_weight, NgramTable* out) {
  if (!(domain_weight > 0 && domain_weight < 1)) {
    return Status::InvalidArgument("the domain weight must lie strictly between 0 and 1");
  }
  // The union vocabulary: the base's words with their ids, then the domain's new ones.
  NgramTable mixed;
  mixed.words = base.words;
  std::unordered_map<std::string_view, WordId> base_id;
  for (size_t i = 0; i < base.words.size(); ++i) base_id.emplace(base.words[i], WordId(i));
  std::vector<WordId> domain_to_mixed(domain.words.size());
  for (size_t i = 0; i < domain.words.size(); ++i) {
    auto it = base_id.find(domain.words[i]);
    if (it != base_id.end()) {
      domain_to_mixed[i] = it->second;
    } else {
      domain_to_mixed[i] = static_cast<WordId>(mixed.words.size());
      mixed.words.push_back(domain.words[i]);
    }
  }
  std::unique_ptr<LanguageModel> domain_lm;
  UNSPIN_RETURN_IF_ERROR(ModelFromTable(domain, "the domain model", &domain_lm));
  Side sides[2];  // base, domain
  sides[0].lm = &base_lm;
  sides[1].lm = domain_lm.get();
  // A model's ids are its own (the compact form orders its vocabulary):
  // words are matched by spelling.
  for (Side& side : sides) {
    side.id_of.resize(mixed.words.size());
    for (size_t i = 0; i < mixed.words.size(); ++i) {
      const WordId id = side.lm->Index(mixed.words[i]);
      side.id_of[i] = id == side.lm->oov_id() && mixed.words[i] != "<unk>" ? kNoWord : id;
    }
  }
  WordId bos = kNoWord;
  for (size_t i = 0; i < mixed.words.size(); ++i) {
    if (mixed.words[i] == "<s>") bos = static_cast<WordId>(i);
  }

  // Each order: the union of both models' n-grams, with mixed probabilities.
  const int order = std::max(base.order(), domain.order());
  std::vector<MixedOrder> orders(order);
  for (int n = 1; n <= order; ++n) {
    MixedOrder& o = orders[n - 1];
    o.n = n;
    std::vector<WordId> all;
    if (n <= base.order()) all = base.orders[n - 1].ids;
    if (n <= domain.order()) {
      for (WordId w : domain.orders[n - 1].ids) all.push_back(domain_to_mixed[w]);
    }
    const size_t count = all.size() / n;
    std::vector<uint32_t> by_key(count);
    std::iota(by_key.begin(), by_key.end(), 0u);
    auto key = [&](uint32_t i) { return std::span<const WordId>(all.data() + size_t(i) * n, n); };
    std::sort(by_key.begin(), by_key.end(), [&](uint32_t a, uint32_t b) {
      auto ka = key(a), kb = key(b);
      return std::lexicographical_compare(ka.begin(), ka.end(), kb.begin(), kb.end());
    });
    for (size_t i = 0; i < count; ++i) {
      auto k = key(by_key[i]);
      if (i > 0 && std::equal(k.begin(), k.end(), key(by_key[i - 1]).begin())) continue;
      o.ids.insert(o.ids.end(), k.begin(), k.end());
      float p;
      if (n == 1 && k[0] == bos) {
        p = -99.0f;  // <s> is never predicted
      } else {
        const double pb = std::pow(10.0, sides[0].Log10(k));
        const double pd = std::pow(10.0, sides[1].Log10(k));
        p = static_cast<float>(std::log10(domain_weight * pd + (1 - domain_weight) * pb));
      }
      o.prob.push_back(p);
      o.backoff.push_back(0);
    }
  }
  // Backoff weights, lowest contexts first (a weight reads the order below,
  // whose own weights are then final): for a context h with listed words W,
  //   bo(h) = (1 - sum_W P(w | h)) / (1 - sum_W P(w | h without its oldest word)).
  constexpr double kFloor = 1e-9;  // of either mass, against rounding
  for (int n = 2; n <= order; ++n) {
    const MixedOrder& o = orders[n - 1];
    MixedOrder& contexts = orders[n - 2];
    for (size_t begin = 0; begin < o.size();) {
      std::span<const WordId> h = o.key(begin).first(n - 1);
      size_t end = begin;
      double listed = 0, lower = 0;
      for (; end < o.size() && std::equal(h.begin(), h.end(), o.key(end).begin()); ++end) {
        listed += std::pow(10.0, o.prob[end]);
        lower += std::pow(10.0, MixedLog10(orders, o.key(end).subspan(1)));
      }
      int64_t at = contexts.Find(h);
      if (at >= 0) {
        contexts.backoff[at] = static_cast<float>(std::log10(std::max(1 - listed, kFloor)) -
                                                  std::log10(std::max(1 - lower, kFloor)));
      }
      begin = end;
    }
  }
  mixed.orders.resize(order);
  for (int n = 1; n <= order; ++n) {
    NgramOrder& t = mixed.orders[n - 1];
    MixedOrder& o = orders[n - 1];
    t.n = n;
    t.ids = std::move(o.ids);
    t.prob = std::move(o.prob);
    t.backoff = std::move(o.backoff);
  }
  *out = std::move(mixed);
  return Status::Ok();
}

}  // namespace unspin
