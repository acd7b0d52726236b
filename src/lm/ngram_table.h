// NgramTable: a backoff n-gram model held as plain arrays, the common form
// that every reader (ARPA, sphinx) produces and the compact builder consumes.
#ifndef UNSPIN_LM_NGRAM_TABLE_H_
#define UNSPIN_LM_NGRAM_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "unspin/language_model.h"
#include "unspin/status.h"

namespace unspin {

struct NgramOrder {
  int n = 0;                   // words per n-gram
  std::vector<WordId> ids;     // n ids per entry, oldest word first
  std::vector<float> prob;     // log10 P(last | rest)
  std::vector<float> backoff;  // log10 backoff weight; 0 where the file has none
  size_t size() const { return prob.size(); }
  const WordId* key(size_t i) const { return ids.data() + i * static_cast<size_t>(n); }
};

struct NgramTable {
  std::vector<std::string> words;  // vocabulary; a word's id is its index
  std::vector<NgramOrder> orders;  // orders[k] holds the (k+1)-grams; orders[0] is unigrams
  int order() const { return static_cast<int>(orders.size()); }
};

// Reads an ARPA (plain, .gz, .zst) or sphinx model's n-grams into *table.
// The compact format and model packs cannot be listed back: Unsupported.
Status ReadNgramTable(const std::string& path, NgramTable* table);

// A model answering queries over `table` (consumed); `name` is used in errors.
Status ModelFromTable(NgramTable table, const std::string& name,
                      std::unique_ptr<LanguageModel>* out);

}  // namespace unspin

#endif  // UNSPIN_LM_NGRAM_TABLE_H_
