// The lexicon: for an observed word or phrase, the candidate originals a
// spinner could have replaced by it, each with its channel log-probability
// log10 P(observed | original) and the sources that list it.
#ifndef UNSPIN_LEXICON_H_
#define UNSPIN_LEXICON_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/status.h"

namespace unspin {

// kAny marks surface relations (matched literally, never inflected).
enum class Pos : uint8_t { kAny = 0, kNoun = 1, kVerb = 2, kAdj = 3, kAdv = 4 };
constexpr int kPosCount = 5;

// Past tense and past participle share kPast: regular verbs do not tell them
// apart and the language model chooses between irregular ones.
enum class Inflection : uint8_t {
  kBase = 0,
  kPlural,       // nouns: cats, mice
  kPossessive,   // nouns: minister's
  kThirdPerson,  // verbs: states
  kPast,         // verbs: stated, said, taken
  kGerund,       // verbs: stating
  kComparative,  // adjectives: bigger, better
  kSuperlative,  // adjectives: biggest, best
};
constexpr int kInflectionCount = 8;

// A candidate original for an observed span. `Text` is std::string
// (Candidate, what Lookup gives) or std::string_view (CandidateView, what
// LookupViews gives without copying: the view lies in the lexicon's storage,
// valid while the lexicon lives, or for the identity in the caller's words).
template <typename Text>
struct BasicCandidate {
  Text text;                // the original, normalised (lower case), inflected like the span
  size_t length = 1;        // observed tokens it replaces
  float channel_log10 = 0;  // log10 P(observed span | original) under the spinner model
  uint32_t sources = 0;     // bit i: Lexicon::source_names()[i] lists it; 0 for identity
  bool identity = false;    // the observed words themselves
  bool two_hop = false;     // reached only through an intermediate word
  bool reversed = false;    // only a relation read backwards lists it (--reverse-weight)
  Pos pos = Pos::kAny;      // kAny: literal relation; else matched through morphology
  Inflection inflection = Inflection::kBase;
  // Nonzero: names `text` within this lexicon (equal keys, equal texts) until
  // its stamp() changes, so callers may memoise what they derive from the
  // text; 0 for the identity and for candidates not from the index.
  uint64_t text_key = 0;
};
using Candidate = BasicCandidate<std::string>;
using CandidateView = BasicCandidate<std::string_view>;

struct LexiconParams {
  // r: the share of words a spinner replaces. Identity costs log10(1 - r)
  // per token, a replacement log10(r) plus the choice among entries.
  double replace_rate = 0.3;
};

class Lexicon {
 public:
  static constexpr size_t kMaxSpanTokens = 6;
  ~Lexicon();

  // Appends the candidates for every span of 1..kMaxSpanTokens tokens that
  // starts at words[start] (normalised token forms). The identity candidate
  // for the single token comes first; the rest are deduplicated per
  // (length, text) keeping the best channel score, best first per length.
  void Lookup(std::span<const std::string_view> words, size_t start,
              std::vector<Candidate>* out) const;
  // What a caller will use of Lookup's answer (the decoder's): at most
  // max_per_length candidates per span length, best first; for a length k
  // whose bit k-1 is set in literal_only_lengths, only literal relations
  // (pos kAny). Lookup with limits returns a superset of the candidates that
  // pass them (all of them when one dictionary is loaded; up to
  // max_per_length per dictionary and length otherwise), cheaper than all.
  struct Limits {
    size_t max_per_length = SIZE_MAX;
    uint32_t literal_only_lengths = 0;
  };
  void Lookup(std::span<const std::string_view> words, size_t start, const Limits& limits,
              std::vector<Candidate>* out) const;
  // The same candidates as views (see BasicCandidate): no text is copied.
  void LookupViews(std::span<const std::string_view> words, size_t start, const Limits& limits,
                   std::vector<CandidateView>* out) const;

  // Candidates that replace the whole of `phrase` (raw text, normalised
  // here), best first; the identity first.
  std::vector<Candidate> LookupPhrase(std::string_view phrase) const;

  // Adds a spinner dictionary (any layout the readers accept) on top of the
  // pack's inventory for this process; `weight` multiplies its channel
  // probabilities (above 1: trusted more than the pack). Its relations are
  // also read backwards where it lacks them, at the pack's reverse weight
  // (flagged `reversed`), as the pack's own sources are. A learned
  // dictionary's fourth column (`unspin learn --texts`) gives the watched
  // spinner's substitution rates, which Restorer's gate reads.
  Status AddDictionary(const std::string& path, float weight);

  // Multiplies the channel probabilities of the pack's own inventory by
  // `weight` > 0 for this process (below 1: trusted less than the added
  // dictionaries, as when one was learned from the spinner being watched).
  void set_inventory_weight(float weight);

  // True when `normalized` is a phrase of the inventory (a key, an original
  // or a key's prefix): a word the lexicon can neither produce nor replace
  // returns false ("immutable" for trace).
  bool Knows(std::string_view normalized) const;

  // A number no other lexicon, nor this one before its last AddDictionary,
  // has had in this process: memos of the lexicon's answers key on it.
  uint64_t stamp() const;

  const std::vector<std::string>& source_names() const;
  // "mythes+wordnet"-style list of the sources in a mask.
  std::string SourceList(uint32_t mask) const;
  const LexiconParams& params() const;
  void set_params(const LexiconParams& p);
  size_t key_count() const;
  size_t entry_count() const;

  struct Impl;
  explicit Lexicon(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace unspin

#endif  // UNSPIN_LEXICON_H_
