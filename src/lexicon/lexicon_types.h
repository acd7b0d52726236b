// Vocabulary shared by the lexicon: parts of speech, inflections, sources and
// the normal form of phrases.
#ifndef UNSPIN_LEXICON_LEXICON_TYPES_H_
#define UNSPIN_LEXICON_LEXICON_TYPES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/lexicon.h"

namespace unspin {

const char* PosName(Pos pos);
const char* InflectionName(Inflection infl);
// Parses "noun", "verb", "adj", "adv", "any" (and the mythes "(noun)" forms).
bool ParsePos(std::string_view name, Pos* pos);

// The lookup form of a phrase: the tokenizer's normalised forms (lower case,
// quotes folded) of its non-space tokens, joined by single spaces. Empty when
// the phrase has no tokens.
std::string NormalizePhrase(std::string_view phrase);

// Splits a normalised phrase at its single spaces; the second form reuses
// the caller's vector (hot paths).
std::vector<std::string_view> SplitPhrase(std::string_view phrase);
void SplitPhrase(std::string_view phrase, std::vector<std::string_view>* out);

}  // namespace unspin

#endif  // UNSPIN_LEXICON_LEXICON_TYPES_H_
