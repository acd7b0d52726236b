#include "lm/kneser_ney.h"

#include <algorithm>
#include <cmath>

namespace unspin {
namespace {

// An n-gram is packed into 64 bits, 21 bits a word, the oldest word highest:
// sorting packed keys of one order sorts by context, then by word.
constexpr int kBits = 21;
constexpr uint64_t kWordMask = (uint64_t{1} << kBits) - 1;
constexpr uint32_t kUnk = 0, kBos = 1, kEos = 2;

uint32_t WordAt(uint64_t key, int n, int i) {  // i = 0: the oldest word
  return static_cast<uint32_t>((key >> (kBits * (n - 1 - i))) & kWordMask);
}
uint64_t Prefix(uint64_t key) { return key >> kBits; }  // without the newest word
uint64_t Suffix(uint64_t key, int n) {                  // without the oldest word
  return key & ((uint64_t{1} << (kBits * (n - 1))) - 1);
}

// One order's n-grams, sorted by key: adjusted counts in, then the model.
struct Level {
  std::vector<uint64_t> keys;
  std::vector<uint64_t> counts;  // raw (top order, <s>-initial) or continuation counts
  std::vector<double> prob;      // P(word | context), linear
  std::vector<double> backoff;   // gamma of the n-gram as a context (1 when none)

  // Index of `key`, or -1.
  int64_t Find(uint64_t key) const {
    auto it = std::lower_bound(keys.begin(), keys.end(), key);
    return it != keys.end() && *it == key ? it - keys.begin() : -1;
  }
};

// Modified Kneser-Ney discounts D1, D2, D3+ from an order's count-of-counts
// (Chen & Goodman's estimates). Orders too small to estimate them (a count
// of counts is zero, or an estimate leaves (0, k)) take 0.5, 1, 1.5.
struct Discounts {
  double d[4] = {0, 0.5, 1.0, 1.5};
  double Of(uint64_t count) const { return d[std::min<uint64_t>(count, 3)]; }
};

Discounts DiscountsOf(const Level& level, int n) {
  uint64_t c[5] = {};
  for (size_t i = 0; i < level.keys.size(); ++i) {
    if (WordAt(level.keys[i], n, 0) == kBos && n == 1) continue;
    if (level.counts[i] >= 1 && level.counts[i] <= 4) ++c[level.counts[i]];
  }
  Discounts out;
  if (c[1] == 0 || c[2] == 0 || c[3] == 0 || c[4] == 0) return out;
  const double y = static_cast<double>(c[1]) / static_cast<double>(c[1] + 2 * c[2]);
  const double d1 = 1 - 2 * y * static_cast<double>(c[2]) / static_cast<double>(c[1]);
  const double d2 = 2 - 3 * y * static_cast<double>(c[3]) / static_cast<double>(c[2]);
  const double d3 = 3 - 4 * y * static_cast<double>(c[4]) / static_cast<double>(c[3]);
  if (d1 > 0 && d1 < 1 && d2 > 0 && d2 < 2 && d3 > 0 && d3 < 3) {
    out.d[1] = d1;
    out.d[2] = d2;
    out.d[3] = d3;
  }
  return out;
}

// The adjusted counts of order n from those of order n + 1: an n-gram that
// starts with <s> keeps its raw count (the sum over its extensions, which
// are raw too); any other counts the distinct words seen before it.
Level LowerLevel(const Level& upper, int upper_n) {
  std::vector<std::pair<uint64_t, uint64_t>> parts;
  parts.reserve(upper.keys.size() * 2);
  for (size_t i = 0; i < upper.keys.size(); ++i) {
    const uint64_t key = upper.keys[i];
    if (WordAt(key, upper_n, 0) == kBos) parts.emplace_back(Prefix(key), upper.counts[i]);
    parts.emplace_back(Suffix(key, upper_n), 1);
  }
  std::sort(parts.begin(), parts.end());
  Level out;
  for (const auto& [key, count] : parts) {
    if (!out.keys.empty() && out.keys.back() == key) {
      out.counts.back() += count;
    } else {
      out.keys.push_back(key);
      out.counts.push_back(count);
    }
  }
  return out;
}

}  // namespace

KneserNeyCounter::KneserNeyCounter(int order, uint64_t min_count)
    : order_(order), min_count_(min_count) {
  for (const char* w : {"<unk>", "<s>", "</s>"}) Id(w);
}

uint32_t KneserNeyCounter::Id(std::string_view word) {
  auto it = ids_.find(std::string(word));
  if (it != ids_.end()) return it->second;
  if (words_.size() >= kMaxWords) return kUnk;
  const uint32_t id = static_cast<uint32_t>(words_.size());
  words_.emplace_back(word);
  ids_.emplace(words_.back(), id);
  return id;
}

void KneserNeyCounter::AddSentence(std::span<const std::string_view> words) {
  if (words.empty()) return;
  ++sentences_;
  tokens_ += words.size();
  // The window of the last order_ ids, <s> first; n-grams of the highest
  // order that fit inside <s> w1 .. wk </s>.
  uint64_t window = kBos;
  int filled = 1;
  const uint64_t mask = order_ == 3 ? ~uint64_t{0} >> 1 : (uint64_t{1} << (kBits * order_)) - 1;
  auto push = [&](uint32_t id) {
    window = ((window << kBits) | id) & mask;
    if (++filled >= order_) pending_.push_back(window);
  };
  if (order_ == 1) filled = 0;  // <s> itself is not an n-gram of a unigram model
  for (std::string_view w : words) push(Id(w));
  push(kEos);
  if (pending_.size() >= (size_t{1} << 24)) Compact();
}

void KneserNeyCounter::Compact() {
  std::sort(pending_.begin(), pending_.end());
  std::vector<Counted> merged;
  merged.reserve(counted_.size() + pending_.size() / 2);
  size_t a = 0, b = 0;
  while (a < counted_.size() || b < pending_.size()) {
    uint64_t key;
    uint64_t count = 0;
    if (b == pending_.size() || (a < counted_.size() && counted_[a].key <= pending_[b])) {
      key = counted_[a].key;
      count = counted_[a++].count;
    } else {
      key = pending_[b];
    }
    while (b < pending_.size() && pending_[b] == key) {
      ++count;
      ++b;
    }
    merged.push_back({key, count});
  }
  counted_ = std::move(merged);
  pending_.clear();
  pending_.shrink_to_fit();
}

Status KneserNeyCounter::Estimate(NgramTable* out) {
  Compact();
  if (counted_.empty())
    return Status::InvalidArgument("no words to estimate a language model from");
  std::vector<Level> levels(order_ + 1);  // levels[n]: the n-grams
  for (const Counted& c : counted_) {
    levels[order_].keys.push_back(c.key);
    levels[order_].counts.push_back(c.count);
  }
  counted_.clear();
  counted_.shrink_to_fit();
  for (int n = order_ - 1; n >= 1; --n) levels[n] = LowerLevel(levels[n + 1], n + 1);

  // Unigrams: every word but <s>, interpolated with the uniform distribution.
  const size_t vocab = words_.size();
  std::vector<double> unigram(vocab, 0), unigram_backoff(vocab, 1);
  {
    const Level& l = levels[1];
    const Discounts d = DiscountsOf(l, 1);
    double total = 0, discounted = 0;
    for (size_t i = 0; i < l.keys.size(); ++i) {
      if (l.keys[i] == kBos) continue;
      total += static_cast<double>(l.counts[i]);
      discounted += d.Of(l.counts[i]);
    }
    const double uniform = discounted / total / static_cast<double>(vocab - 1);
    for (size_t w = 0; w < vocab; ++w) unigram[w] = w == kBos ? 0 : uniform;
    for (size_t i = 0; i < l.keys.size(); ++i) {
      if (l.keys[i] == kBos) continue;
      unigram[l.keys[i]] += (static_cast<double>(l.counts[i]) - d.Of(l.counts[i])) / total;
    }
  }
  // Higher orders, each interpolated with the one below.
  for (int n = 2; n <= order_; ++n) {
    Level& l = levels[n];
    Level& below = levels[n - 1];
    if (n - 1 >= 2) below.backoff.assign(below.keys.size(), 1);
    const Discounts d = DiscountsOf(l, n);
    l.prob.assign(l.keys.size(), 0);
    for (size_t begin = 0; begin < l.keys.size();) {
      const uint64_t context = Prefix(l.keys[begin]);
      size_t end = begin;
      double total = 0, discounted = 0;
      for (; end < l.keys.size() && Prefix(l.keys[end]) == context; ++end) {
        total += static_cast<double>(l.counts[end]);
        discounted += d.Of(l.counts[end]);
      }
      double gamma = discounted / total;
      // Pruned n-grams (highest order, seen fewer than min_count_ times) are
      // left to the backoff, whose weight then covers their mass:
      //   bo(h) = (1 - sum_kept P(w | h)) / (1 - sum_kept P_lower(w | h')).
      double kept_mass = 0, kept_lower = 0;
      bool pruned = false;
      for (size_t i = begin; i < end; ++i) {
        double lower;
        if (n == 2) {
          lower = unigram[WordAt(l.keys[i], 2, 1)];
        } else {
          int64_t at = below.Find(Suffix(l.keys[i], n));
          if (at < 0)
            return Status::Corruption(
                "Kneser-Ney: internal error: an n-gram's suffix was not counted");
          lower = below.prob[at];
        }
        l.prob[i] = (static_cast<double>(l.counts[i]) - d.Of(l.counts[i])) / total + gamma * lower;
        if (n == order_ && l.counts[i] < min_count_) {
          l.prob[i] = -1;  // dropped below
          pruned = true;
        } else {
          kept_mass += l.prob[i];
          kept_lower += lower;
        }
      }
      if (pruned) gamma = (1 - kept_mass) / std::max(1 - kept_lower, 1e-12);
      if (n == 2) {
        unigram_backoff[context] = gamma;
      } else {
        int64_t at = below.Find(context);
        if (at < 0)
          return Status::Corruption("Kneser-Ney: internal error: a context was not counted");
        below.backoff[at] = gamma;
      }
      begin = end;
    }
  }

  NgramTable table;
  table.words = std::move(words_);
  table.orders.resize(order_);
  NgramOrder& uni = table.orders[0];
  uni.n = 1;
  for (size_t w = 0; w < vocab; ++w) {
    uni.ids.push_back(static_cast<WordId>(w));
    uni.prob.push_back(w == kBos ? -99.0f : static_cast<float>(std::log10(unigram[w])));
    uni.backoff.push_back(static_cast<float>(std::log10(unigram_backoff[w])));
  }
  for (int n = 2; n <= order_; ++n) {
    const Level& l = levels[n];
    NgramOrder& o = table.orders[n - 1];
    o.n = n;
    for (size_t i = 0; i < l.keys.size(); ++i) {
      if (l.prob[i] < 0) continue;  // pruned
      for (int k = 0; k < n; ++k) o.ids.push_back(WordAt(l.keys[i], n, k));
      o.prob.push_back(static_cast<float>(std::log10(l.prob[i])));
      o.backoff.push_back(l.backoff.empty() ? 0.0f : static_cast<float>(std::log10(l.backoff[i])));
    }
  }
  *out = std::move(table);
  return Status::Ok();
}

}  // namespace unspin
