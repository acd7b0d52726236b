// Sorting and searching the orders of an NgramTable in backwards-trie order:
// n-grams compare by their last word, then the one before it, and so on.
#ifndef UNSPIN_LM_NGRAM_SORTER_H_
#define UNSPIN_LM_NGRAM_SORTER_H_

#include <cstddef>
#include <span>

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

// Sorts ord in reversed-key order. A duplicate n-gram is an error, or with
// drop_duplicates its later copies are removed.
Status SortReversed(NgramOrder* ord, const NgramTable& table, bool drop_duplicates = false);

// Index of `key` (n words, oldest first) in sorted ord, or -1.
ptrdiff_t FindNgram(const NgramOrder& ord, const WordId* key);

// log10 P(key[n-1] | key[0..n-1)) under ARPA backoff over sorted orders.
float BackoffProb(const NgramTable& table, std::span<const WordId> key);

}  // namespace unspin

#endif  // UNSPIN_LM_NGRAM_SORTER_H_
