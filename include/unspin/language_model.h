// LanguageModel: a backoff n-gram language model (orders 1 to 5) with ARPA
// semantics, queried by passing small POD states, KenLM style.
//
// One implementation serves every input format: the project's compact binary
// format is memory-mapped; an ARPA file (plain, .gz or .zst) or a sphinx
// binary trie is converted to the same structure in memory on load.
//
// Thread safety: a loaded model is immutable; any number of threads may query
// it at once.
#ifndef UNSPIN_LANGUAGE_MODEL_H_
#define UNSPIN_LANGUAGE_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "unspin/status.h"

namespace unspin {

using WordId = uint32_t;
inline constexpr int kMaxOrder = 5;
inline constexpr WordId kNoWord = 0xFFFFFFFFu;

// The log10 probability that Score reports for an out-of-vocabulary word when
// the model has no <unk> entry (KenLM uses the same value).
inline constexpr float kOovLog10 = -100.0f;

// The history an n-gram query conditions on: the most recent words first, and
// for each history length the backoff weight of that history n-gram. Only
// histories that exist in the model are kept (KenLM's state minimisation), so
// equal states predict identically.
struct LmState {
  uint8_t length = 0;
  WordId words[kMaxOrder - 1] = {};
  float backoff[kMaxOrder - 1] = {};
  // Where the model keeps each history n-gram (an implementation detail that
  // lets a query look every order up at once); determined by `words`.
  uint32_t context[kMaxOrder - 1] = {};

  bool operator==(const LmState& o) const {
    if (length != o.length) return false;
    for (int i = 0; i < length; ++i) {
      if (words[i] != o.words[i] || backoff[i] != o.backoff[i]) return false;
    }
    return true;
  }
  size_t Hash() const;
};

struct LmScore {
  float log10_prob = 0;      // log10 P(word | history)
  uint8_t ngram_length = 0;  // length of the longest n-gram matched; 0 for OOV
  bool oov = false;
};

struct LmInfo {
  std::string format;  // "compact", "arpa" or "sphinx"
  std::string path;
  int order = 0;
  uint64_t counts[kMaxOrder] = {};
  uint64_t bytes = 0;  // size of the model structure in memory or on disk
  bool has_unk = false;
};

class LanguageModel {
 public:
  ~LanguageModel();
  LanguageModel(const LanguageModel&) = delete;
  LanguageModel& operator=(const LanguageModel&) = delete;

  // Loads a model in any supported format, detected from the file's content:
  // ARPA (plain, .gz, .zst), the sphinx binary trie, the compact format, or a
  // model pack (its language model section).
  // On error *out is unchanged and the status names the file and the problem.
  static Status Load(const std::string& path, std::unique_ptr<LanguageModel>* out);

  // Attaches to a compact-format image held in memory that `owner` keeps
  // alive (a section of a model pack). `name` is used in errors.
  static Status FromImage(std::string_view image, std::shared_ptr<const void> owner,
                          const std::string& name, std::unique_ptr<LanguageModel>* out);

  // Converts any supported format to the compact binary format at `out_path`,
  // written atomically.
  static Status Convert(const std::string& in_path, const std::string& out_path);

  // Returns the word's id, or oov_id() when it is not in the vocabulary.
  // Lookup is exact and case-sensitive (the default model is lower case).
  WordId Index(std::string_view word) const;
  // REQUIRES: id < vocab_size().
  std::string_view Word(WordId id) const;
  size_t vocab_size() const;
  // The id every unknown word maps to: the model's <unk> if it has one, else
  // vocab_size() (not a real word).
  WordId oov_id() const;
  WordId bos_id() const;  // <s>, or kNoWord
  WordId eos_id() const;  // </s>, or kNoWord
  int order() const;
  const LmInfo& info() const;

  // State at the start of a sentence: the history is <s>.
  LmState BeginSentenceState() const;
  // Empty history: the next word gets its unigram probability alone.
  LmState NullState() const { return LmState(); }

  // log10 P(word | in) with exact ARPA backoff; *out receives the state after
  // the word. `out` may alias `in`. An OOV word yields the <unk> unigram
  // probability (kOovLog10 without <unk>), oov = true, and an empty history.
  LmScore Score(const LmState& in, WordId word, LmState* out) const;
  // log10 P(word) alone: Score(NullState(), word, ...).log10_prob without
  // the state.
  float UnigramLog10(WordId word) const;

  // Scores many candidate words after the same history: out[i] = log10
  // P(words[i] | in). REQUIRES: out has room for words.size() values.
  void ScoreCandidates(const LmState& in, std::span<const WordId> words, float* out) const;
  // The same with everything Score gives: scores[i] and, when states is not
  // null, states[i] as Score(in, words[i], &states[i]) would. The lookups of
  // many words overlap in memory, which makes this faster than a loop.
  // REQUIRES: room for words.size() entries; `in` is not one of `states`.
  void ScoreEach(const LmState& in, std::span<const WordId> words, LmScore* scores,
                 LmState* states) const;
  // One word after many histories: scores[i] and states[i] as
  // Score(states[i], word, &states[i]) would give, each state advanced in
  // place; the lookups overlap as in ScoreEach.
  void ScoreAfterEach(std::span<LmState> states, WordId word, LmScore* scores) const;
  // Each history its own word: scores[i] and states[i] as
  // Score(states[i], words[i], &states[i]) would give, lookups overlapped.
  // REQUIRES: words.size() == states.size().
  void ScorePairs(std::span<LmState> states, std::span<const WordId> words, LmScore* scores) const;

  // Walks the whole structure checking internal consistency (child ranges,
  // word ids). Load checks the header and checksums only; this is deeper.
  Status Verify() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit LanguageModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace unspin

#endif  // UNSPIN_LANGUAGE_MODEL_H_
