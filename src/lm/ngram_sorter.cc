#include "lm/ngram_sorter.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

namespace unspin {

namespace {

// Compares two keys of n words in reversed order; <0, 0 or >0.
int CompareReversed(const WordId* a, const WordId* b, int n) {
  for (int k = n - 1; k >= 0; --k) {
    if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

}  // namespace

Status SortReversed(NgramOrder* ord, const NgramTable& table, bool drop_duplicates) {
  const int n = ord->n;
  std::vector<uint32_t> perm(ord->size());
  std::iota(perm.begin(), perm.end(), 0u);
  std::stable_sort(perm.begin(), perm.end(), [&](uint32_t x, uint32_t y) {
    return CompareReversed(ord->key(x), ord->key(y), n) < 0;
  });
  NgramOrder sorted;
  sorted.n = n;
  sorted.ids.reserve(ord->ids.size());
  sorted.prob.reserve(ord->size());
  sorted.backoff.reserve(ord->size());
  for (uint32_t at : perm) {
    if (!sorted.prob.empty() &&
        CompareReversed(sorted.key(sorted.size() - 1), ord->key(at), n) == 0) {
      if (drop_duplicates) continue;
      std::string words;
      for (int k = 0; k < n; ++k) words += (k ? " " : "") + table.words[ord->key(at)[k]];
      return Status::Corruption("duplicate " + std::to_string(n) + "-gram '" + words + "'");
    }
    sorted.ids.insert(sorted.ids.end(), ord->key(at), ord->key(at) + n);
    sorted.prob.push_back(ord->prob[at]);
    sorted.backoff.push_back(ord->backoff[at]);
  }
  *ord = std::move(sorted);
  return Status::Ok();
}

ptrdiff_t FindNgram(const NgramOrder& ord, const WordId* key) {
  size_t lo = 0, hi = ord.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = CompareReversed(ord.key(mid), key, ord.n);
    if (c == 0) return static_cast<ptrdiff_t>(mid);
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

float BackoffProb(const NgramTable& table, std::span<const WordId> key) {
  const int n = static_cast<int>(key.size());
  if (n == 1) return table.orders[0].prob[key[0]];
  if (n <= table.order()) {
    ptrdiff_t at = FindNgram(table.orders[n - 1], key.data());
    if (at >= 0) return table.orders[n - 1].prob[at];
  }
  float bo = 0;
  if (n - 1 == 1) {
    bo = table.orders[0].backoff[key[0]];
  } else if (n - 1 <= table.order()) {
    ptrdiff_t h = FindNgram(table.orders[n - 2], key.data());
    if (h >= 0) bo = table.orders[n - 2].backoff[h];
  }
  return bo + BackoffProb(table, key.subspan(1));
}

}  // namespace unspin
