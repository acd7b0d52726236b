// Inventory: the build-time store of "a spinner may replace ORIGINAL by SPUN"
// relations gathered from thesauri, spinner dictionaries and the curated
// table, each tagged with its source, part of speech and weight. The reverse
// index is compiled from it.
#ifndef UNSPIN_LEXICON_INVENTORY_H_
#define UNSPIN_LEXICON_INVENTORY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/lexicon_types.h"

namespace unspin {

struct SourceInfo {
  std::string name;    // "curated", "mythes", "wordnet", or a dictionary's file name
  float weight = 1.0;  // prior share of the spinner's choices drawn from this source
  uint64_t relations = 0;
};

class Inventory {
 public:
  static constexpr int kMaxSources = 32;
  static constexpr size_t kMaxPhraseTokens = 6;
  static constexpr uint32_t kNoPhrase = 0xffffffffu;

  struct Relation {
    uint32_t original;
    uint32_t spun;
    float weight;
    uint8_t source;
    Pos pos;
  };

  // Returns the new source's index, or -1 when kMaxSources are in use.
  int AddSource(std::string name, float weight);

  // Records that `original` may be spun as `spun` (raw text, normalised
  // here). Ignored (returns false) when either side is empty or longer than
  // kMaxPhraseTokens tokens, or both are the same phrase.
  bool Add(int source, std::string_view original, std::string_view spun, Pos pos, float weight);

  // Known lemmas per part of speech (thesaurus headwords, WordNet's index);
  // they validate morphological analyses. `lemma` is raw text.
  void AddLemma(std::string_view lemma, Pos pos);
  bool IsLemma(std::string_view normalized, Pos pos) const;

  // Interns a normalised phrase. REQUIRES: non-empty, normalised.
  uint32_t Intern(std::string_view normalized);
  // The id of raw text after normalisation (cached), or kNoPhrase.
  uint32_t InternRaw(std::string_view raw);

  std::string_view phrase(uint32_t id) const { return phrases_[id]; }
  size_t phrase_count() const { return phrases_.size(); }
  const std::vector<Relation>& relations() const { return relations_; }
  const std::vector<SourceInfo>& sources() const { return sources_; }

 private:
  std::vector<std::string> phrases_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::unordered_map<std::string, uint32_t> raw_ids_;
  std::vector<Relation> relations_;
  std::vector<SourceInfo> sources_;
  std::array<std::unordered_set<std::string>, kPosCount> lemmas_;
};

}  // namespace unspin

#endif  // UNSPIN_LEXICON_INVENTORY_H_
