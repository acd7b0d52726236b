// Estimating a backoff n-gram language model from text: interpolated
// modified Kneser-Ney smoothing (Chen & Goodman 1998, three discounts per
// order, as KenLM's lmplz), written as ARPA-style probabilities and backoffs.
//
// Contract: sentences are added as the words the decoder gives the LM (lower
// case lookup forms, punctuation dropped; see HasAlnum). Estimate() gives a
// model in which every context's distribution sums to 1 over the vocabulary
// (<unk> included, <s> never predicted). Orders 1 to 3.
#ifndef UNSPIN_LM_KNESER_NEY_H_
#define UNSPIN_LM_KNESER_NEY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

class KneserNeyCounter {
 public:
  static constexpr int kMaxOrder = 3;
  // Words beyond this many distinct ones are counted as <unk>.
  static constexpr uint32_t kMaxWords = (1u << 21) - 1;

  // REQUIRES: 1 <= order <= kMaxOrder. N-grams of the highest order (above
  // unigrams) seen fewer than `min_count` times are pruned: left out, their
  // contexts' backoff weights recomputed so that every distribution still
  // sums to one (1: keep all).
  explicit KneserNeyCounter(int order, uint64_t min_count = 1);

  // Counts one sentence (without <s> and </s>, which are added); empty
  // sentences are skipped.
  void AddSentence(std::span<const std::string_view> words);

  uint64_t sentences() const { return sentences_; }
  uint64_t tokens() const { return tokens_; }
  size_t vocabulary() const { return words_.size(); }

  // Writes the smoothed model; fails when nothing was counted. The counter
  // can be used no further.
  Status Estimate(NgramTable* out);

 private:
  struct Counted {
    uint64_t key;
    uint64_t count;
  };
  uint32_t Id(std::string_view word);
  void Compact();  // sorts and merges pending_ into counted_

  int order_;
  uint64_t min_count_;
  std::vector<std::string> words_;  // id -> word: <unk>, <s>, </s>, then words
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<uint64_t> pending_;  // packed n-grams of the highest order
  std::vector<Counted> counted_;   // sorted, distinct
  uint64_t sentences_ = 0, tokens_ = 0;
};

}  // namespace unspin

#endif  // UNSPIN_LM_KNESER_NEY_H_
