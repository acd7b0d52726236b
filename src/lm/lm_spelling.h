// How a language model spells a text token. Most tokens are one LM word; a
// dotted abbreviation the model lacks ("u.s.") is spelled letter by letter
// the way the CMU models write it ("u." "s.").
#ifndef UNSPIN_LM_LM_SPELLING_H_
#define UNSPIN_LM_LM_SPELLING_H_

#include <cstddef>
#include <string_view>

#include "unspin/language_model.h"

namespace unspin {

// Most LM words one token is spelled with.
inline constexpr size_t kMaxSpelledWords = 4;

// Writes the LM ids of normalised `token` to out[0..n) and returns n (1 to
// kMaxSpelledWords): its own id when the model knows it, else the ids of its
// letters when it is a dotted abbreviation whose letters the model knows,
// else the OOV id.
size_t SpellForLm(const LanguageModel& lm, std::string_view token, WordId* out);

// True when every space-separated word of `phrase` spells to known LM words.
bool LmKnowsPhrase(const LanguageModel& lm, std::string_view phrase);

}  // namespace unspin

#endif  // UNSPIN_LM_LM_SPELLING_H_
