// A spinner simulator: rewrites text the way article spinners do, to make
// evaluation data. Longest match over a phrase dictionary (blind to part of
// speech), a random entry among the alternatives, the case pattern of the
// replaced words kept; deterministic for a seed.
#ifndef UNSPIN_SPIN_SPINNER_H_
#define UNSPIN_SPIN_SPINNER_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "unspin/lexicon.h"
#include "unspin/status.h"

namespace unspin {

// original phrase (normalised) -> its alternatives with weights.
class SpinDictionary {
 public:
  // Reads spinner dictionaries in any layout the lexicon reads (PATH[@WEIGHT]).
  static Status FromFiles(const std::vector<std::string>& args, SpinDictionary* out);
  // The inventory of a lexicon, turned forward again: an original goes to each
  // observed key listing it, weighted by the channel share.
  static SpinDictionary FromLexicon(const Lexicon& lexicon);

  void Add(std::string_view original, std::string_view spun, float weight);

  struct Alternative {
    std::string text;
    float weight;
  };
  // nullptr when `phrase` has no entry.
  const std::vector<Alternative>* Find(std::string_view phrase) const;
  // True when some original starts with `phrase` followed by more tokens.
  bool IsPrefix(std::string_view phrase) const;
  size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::vector<Alternative>> entries_;
  std::unordered_set<std::string> prefixes_;
};

struct SpinOptions {
  double rate = 0.4;  // probability that a matched phrase is replaced
  uint64_t seed = 1;
  // Every occurrence of a phrase in a document is spun the same way (kept, or
  // replaced by one alternative), as spinners that rewrite word by word from
  // a fixed table do; false: each occurrence decides on its own.
  bool consistent = false;
};

// One replaced span: bytes [original_begin, original_end) of the input became
// bytes [spun_begin, spun_end) of the output.
struct SpinEdit {
  size_t original_begin, original_end, spun_begin, spun_end;
  std::string from, to;
};

struct SpinResult {
  std::string text;
  std::vector<SpinEdit> edits;
  size_t matched = 0;  // phrases that matched the dictionary
};

// Spins `text`. Bytes outside replaced spans are copied unchanged.
// `stream_key` makes the random choices depend on a document (its id) as
// well as the seed, so a document spins the same in any order.
void Spin(const SpinDictionary& dict, std::string_view text, const SpinOptions& options,
          std::string_view stream_key, SpinResult* out);

}  // namespace unspin

#endif  // UNSPIN_SPIN_SPINNER_H_
