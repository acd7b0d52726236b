// Occurrences of LM words in a stretch of text (a window of a document), by
// word id: a flat array over the vocabulary, cleared in time proportional to
// the distinct words added. Callers keep one per thread and reuse it.
#ifndef UNSPIN_LM_WORD_COUNTS_H_
#define UNSPIN_LM_WORD_COUNTS_H_

#include <cstdint>
#include <vector>

#include "unspin/language_model.h"

namespace unspin {

class WordCounts {
 public:
  // Makes room for ids below `vocab_size`; counts already held stay.
  void Reserve(size_t vocab_size) {
    if (count_.size() < vocab_size) count_.resize(vocab_size, 0);
  }
  // Counts one occurrence of `w`; ids outside the reserved range are ignored.
  void Add(WordId w) {
    if (w >= count_.size()) return;
    if (count_[w]++ == 0) touched_.push_back(w);
  }
  uint32_t Count(WordId w) const { return w < count_.size() ? count_[w] : 0; }
  // All counts back to zero.
  void Clear() {
    for (WordId w : touched_) count_[w] = 0;
    touched_.clear();
  }

 private:
  std::vector<uint32_t> count_;
  std::vector<WordId> touched_;
};

}  // namespace unspin

#endif  // UNSPIN_LM_WORD_COUNTS_H_
