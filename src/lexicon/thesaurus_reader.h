// Readers for the thesauri spinners draw from: mythes (OpenOffice) and the
// WordNet 3.0 database files. Each adds headword -> entry relations to an
// Inventory under one source.
#ifndef UNSPIN_LEXICON_THESAURUS_READER_H_
#define UNSPIN_LEXICON_THESAURUS_READER_H_

#include <string>

#include "lexicon/inventory.h"
#include "unspin/status.h"

namespace unspin {

// Relation weights inside a thesaurus: plain synonyms count fully, looser
// relations less; antonyms are never candidates.
struct ThesaurusWeights {
  float synonym = 1.0f;
  float similar = 0.5f;
  float related = 0.3f;
  float generic = 0.25f;
  // Terms listed together in one sense are synonyms of each other too: term
  // -> term relations get this factor times both terms' weights.
  float co_listed = 0.5f;
};

struct ThesaurusStats {
  uint64_t headwords = 0;
  uint64_t senses = 0;
  uint64_t relations = 0;
  uint64_t antonyms_skipped = 0;
};

// Reads a mythes .dat file (the .idx is not needed): "headword|n" followed by
// n lines "(pos)|term|term (generic term)|...". Headwords become lemmas of
// their senses' parts of speech. The first line names the encoding; UTF-8
// and ISO8859-1 (converted to UTF-8) are read.
Status ReadMythes(const std::string& dat_path, int source, Inventory* inventory,
                  ThesaurusStats* stats = nullptr,
                  const ThesaurusWeights& weights = ThesaurusWeights());

// Reads WordNet's data.{noun,verb,adj,adv} (synonyms within a synset,
// similar-to links between adjective synsets) and index.* (lemmas) from `dir`.
Status ReadWordNet(const std::string& dir, int source, Inventory* inventory,
                   ThesaurusStats* stats = nullptr,
                   const ThesaurusWeights& weights = ThesaurusWeights());

}  // namespace unspin

#endif  // UNSPIN_LEXICON_THESAURUS_READER_H_
