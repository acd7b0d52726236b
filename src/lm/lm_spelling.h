// How a language model spells a text token. Most tokens are one LM word; a
// dotted abbreviation the model lacks ("u.s.") is spelled as its letters run
// together when the model knows that word ("us": the CMU models mostly write
// abbreviations so), else letter by letter ("u." "s."), and a number the model lacks
// in words ("52" -> "fifty two", "1987" -> "nineteen eighty seven", "5.5" ->
// "five point five"), so that the words around it keep their context.
#ifndef UNSPIN_LM_LM_SPELLING_H_
#define UNSPIN_LM_LM_SPELLING_H_

#include <cstddef>
#include <string_view>

#include "text/utf8.h"  // HasAlnum: whether the LM reads a token at all
#include "unspin/language_model.h"

namespace unspin {

// Most LM words one token is spelled with.
inline constexpr size_t kMaxSpelledWords = 4;

// Writes the LM ids of normalised `token` to out[0..n) and returns n (1 to
// kMaxSpelledWords): its own id when the model knows it, else, for a dotted
// abbreviation, the id of its letters run together or of its letters one by
// one when the model knows them, or
// of its words when it is a number of at most kMaxSpelledWords words the
// model knows, else the OOV id.
size_t SpellForLm(const LanguageModel& lm, std::string_view token, WordId* out);

// True when every space-separated word of `phrase` spells to known LM words.
bool LmKnowsPhrase(const LanguageModel& lm, std::string_view phrase);

// log10 P(phrase) under the LM from no context (the first word's unigram, the
// later words given the earlier ones), its words spelled as SpellForLm does.
float LmPhraseLog10(const LanguageModel& lm, std::string_view phrase);

}  // namespace unspin

#endif  // UNSPIN_LM_LM_SPELLING_H_
