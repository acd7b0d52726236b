// Builds the compact binary image (see compact_format.h) from an NgramTable.
#ifndef UNSPIN_LM_COMPACT_BUILDER_H_
#define UNSPIN_LM_COMPACT_BUILDER_H_

#include <string>

#include "lm/ngram_table.h"
#include "unspin/status.h"

namespace unspin {

// Consumes *table (its arrays are sorted and extended in place). Missing
// prefixes and suffixes of n-grams are inserted as "blank" entries whose
// probability is the backoff estimate and whose backoff is 0, as KenLM does;
// this leaves every probability unchanged. Duplicate n-grams are an error.
Status BuildCompactImage(NgramTable* table, std::string* image);

// Statistics of the last build, for `lm convert` to report.
struct CompactBuildStats {
  uint64_t blanks_added = 0;
  bool exact_values = true;  // false when some codebook had to bin values
};
Status BuildCompactImage(NgramTable* table, std::string* image, CompactBuildStats* stats);

}  // namespace unspin

#endif  // UNSPIN_LM_COMPACT_BUILDER_H_
