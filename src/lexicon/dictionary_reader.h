// Reader for spinner dictionaries in the three common layouts, detected per
// line: "a|b|c" groups (every member may replace every other; "{a|b}"
// spintax braces are stripped), "word:syn,syn,..." lists, and TSV
// "from<TAB>to[<TAB>weight[<TAB>occurrences]]" pairs. '#' starts a comment line. Files may be
// gzip or zstd compressed.
#ifndef UNSPIN_LEXICON_DICTIONARY_READER_H_
#define UNSPIN_LEXICON_DICTIONARY_READER_H_

#include <map>
#include <set>
#include <string>
#include <string_view>

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

// How often a watched spinner replaced each phrase, from the fourth column of
// a learned dictionary (`unspin learn` with the traced copies' texts:
// original<TAB>spun<TAB>count<TAB>occurrences, where occurrences counts the
// spun phrase in the copies whether it replaced something or not).
struct SubstitutionRates {
  struct Seen {
    std::set<std::string> originals;
    double substituted = 0;  // summed over its originals
    double occurrences = 0;
  };
  std::map<std::string, Seen, std::less<>> seen;  // by normalised spun phrase
  bool empty() const { return seen.empty(); }
  // One four-column line: `count` substitutions of `original` by `spun`,
  // which occurs `occurrences` times in the copies.
  void Add(std::string_view original, std::string_view spun, double count, double occurrences);
  // Adds another dictionary's rates (substitutions add up, occurrences do not).
  void Merge(SubstitutionRates&& other);
  // P(the phrase `spun` is the spinner's replacement) when `original` is one
  // of the originals listed for it (0 otherwise): substituted / (occurrences + 1).
  double Rate(std::string_view spun, std::string_view original) const;
};

// Adds the dictionary's relations (part of speech kAny, weight scaled by
// each line's own weight) under `source`, and, when `rates` is given, the
// substitution rates of its four-column TSV lines. Errors name file and line.
Status ReadSpinnerDictionary(const std::string& path, int source, Inventory* inventory,
                             DictionaryStats* stats = nullptr, SubstitutionRates* rates = nullptr);

// The first line of every dictionary `unspin learn` writes (trace/learner.cc).
inline constexpr std::string_view kLearnedDictionaryHeader = "# learned by unspin learn";

// Whether the file at `path` starts with kLearnedDictionaryHeader (false when
// it cannot be read: reading it later reports the error).
bool IsLearnedDictionary(const std::string& path);

// Splits a command-line dictionary argument "PATH" or "PATH@WEIGHT".
Status ParseWeightedPath(const std::string& arg, float default_weight, std::string* path,
                         float* weight);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_DICTIONARY_READER_H_
