#include "lm/lm_spelling.h"

#include <string>

#include "text/number_words.h"
#include "text/phrase.h"

namespace unspin {

size_t SpellForLm(const LanguageModel& lm, std::string_view token, WordId* out) {
  out[0] = lm.Index(token);
  if (out[0] != lm.oov_id()) return 1;
  if (!token.empty() && token[0] >= '0' && token[0] <= '9') {
    std::string_view words[kMaxSpelledWords];
    const size_t n = NumberInWords(token, words, kMaxSpelledWords);
    for (size_t k = 0; k < n; ++k) {
      out[k] = lm.Index(words[k]);
      if (out[k] == lm.oov_id()) {
        out[0] = out[k];
        return 1;
      }
    }
    return n > 0 ? n : 1;  // out[0] is the OOV id when n == 0
  }
  if (token.size() < 3 || token.find('.') == std::string_view::npos) return 1;
  // "u.s." -> "us" when the model knows the letters run together (the CMU
  // model mostly writes abbreviations so), else "u." "s."; every piece must
  // be one letter-run and known.
  if (token.back() == '.' && token.find("..") == std::string_view::npos && token[0] != '.') {
    std::string joined;
    for (char c : token) {
      if (c != '.') joined += c;
    }
    const WordId id = lm.Index(joined);
    if (id != lm.oov_id()) {
      out[0] = id;
      return 1;
    }
  }
  size_t n = 0, start = 0;
  std::string piece;
  while (start < token.size()) {
    size_t dot = token.find('.', start);
    if (dot == std::string_view::npos || dot == start || n == kMaxSpelledWords) {
      out[0] = lm.oov_id();
      return 1;
    }
    piece.assign(token.substr(start, dot + 1 - start));
    WordId id = lm.Index(piece);
    if (id == lm.oov_id()) {
      out[0] = id;
      return 1;
    }
    out[n++] = id;
    start = dot + 1;
  }
  return n;
}

bool LmKnowsPhrase(const LanguageModel& lm, std::string_view phrase) {
  WordId ids[kMaxSpelledWords];
  for (std::string_view w : SplitPhrase(phrase)) {
    if (SpellForLm(lm, w, ids) == 1 && ids[0] == lm.oov_id()) return false;
  }
  return true;
}

float LmPhraseLog10(const LanguageModel& lm, std::string_view phrase) {
  WordId ids[kMaxSpelledWords];
  LmState state = lm.NullState(), next;
  float total = 0;
  for (std::string_view w : SplitPhrase(phrase)) {
    const size_t n = SpellForLm(lm, w, ids);
    for (size_t i = 0; i < n; ++i) {
      total += lm.Score(state, ids[i], &next).log10_prob;
      state = next;
    }
  }
  return total;
}

}  // namespace unspin
