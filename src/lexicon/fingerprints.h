// Known tortured phrases ("counterfeit consciousness" for "artificial
// intelligence"), e.g. the Problematic Paper Screener's fingerprint list:
// detect flags them always and restore puts back the expected phrase.
#ifndef UNSPIN_LEXICON_FINGERPRINTS_H_
#define UNSPIN_LEXICON_FINGERPRINTS_H_

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/morphology.h"
#include "unspin/status.h"
#include "unspin/text.h"

namespace unspin {

class FingerprintList {
 public:
  // Reads TSV lines "tortured<TAB>expected[<TAB>...]" (a first line naming
  // the columns, blank lines and '#' comments are skipped). Each tortured
  // phrase matches in its inflected forms too (plural and possessive of a
  // noun head, verb forms of a first word), each mapped to the expected
  // phrase inflected alike when `is_word` accepts the words that makes (else
  // as it is); of expected alternatives written "a / b" the first is kept.
  // Errors name the file and line.
  Status Load(const std::string& path, const Morphology& morphology, const WordFilter& is_word);

  bool empty() const { return forms_.empty(); }
  size_t size() const { return phrases_; }

  struct Match {
    size_t begin = 0, end = 0;  // word range [begin, end)
    const std::string* expected = nullptr;
  };
  // The longest match starting at each word, left to right, not
  // overlapping; `words` are normalised (lower case).
  void FindAll(std::span<const std::string_view> words, std::vector<Match>* out) const;
  // The same over a sentence's non-space tokens (the words DecodeSentence
  // numbers).
  void FindAll(const Sentence& s, std::vector<Match>* out) const;

 private:
  std::unordered_map<std::string, std::string> forms_;  // normalised form -> expected
  size_t max_tokens_ = 0;
  size_t phrases_ = 0;
};

}  // namespace unspin

#endif  // UNSPIN_LEXICON_FINGERPRINTS_H_
