// Reader for spinner dictionaries in the three common layouts, detected per
// line: "a|b|c" groups (every member may replace every other; "{a|b}"
// spintax braces are stripped), "word:syn,syn,..." lists, and TSV
// "from<TAB>to[<TAB>weight]" pairs. '#' starts a comment line. Files may be
// gzip or zstd compressed.
#ifndef UNSPIN_LEXICON_DICTIONARY_READER_H_
#define UNSPIN_LEXICON_DICTIONARY_READER_H_

#include <string>

#include "lexicon/inventory.h"
#include "unspin/status.h"

namespace unspin {

struct DictionaryStats {
  uint64_t lines = 0;
  uint64_t groups = 0;  // a|b|c lines
  uint64_t lists = 0;   // word:syn lines
  uint64_t pairs = 0;   // TSV lines
  uint64_t relations = 0;
  uint64_t skipped = 0;  // lines with no separator
};

// Adds the dictionary's relations (part of speech kAny, weight scaled by
// each line's own weight) under `source`. Errors name file and line.
Status ReadSpinnerDictionary(const std::string& path, int source, Inventory* inventory,
                             DictionaryStats* stats = nullptr);

// Splits a command-line dictionary argument "PATH" or "PATH@WEIGHT".
Status ParseWeightedPath(const std::string& arg, float default_weight, std::string* path,
                         float* weight);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_DICTIONARY_READER_H_
