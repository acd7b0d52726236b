// Phrases in lookup form: the tokenizer's normalised forms of a phrase's
// words joined by single spaces ("Sky  Boat" -> "sky boat"), and their split.
#ifndef UNSPIN_TEXT_PHRASE_H_
#define UNSPIN_TEXT_PHRASE_H_

#include <string>
#include <string_view>
#include <vector>

namespace unspin {

// The lookup form of a phrase: the tokenizer's normalised forms (lower case,
// quotes folded) of its non-space tokens, joined by single spaces. Empty when
// the phrase has no tokens.
std::string NormalizePhrase(std::string_view phrase);

// Splits a normalised phrase at its single spaces; the second form reuses
// the caller's vector (hot paths).
std::vector<std::string_view> SplitPhrase(std::string_view phrase);
void SplitPhrase(std::string_view phrase, std::vector<std::string_view>* out);

}  // namespace unspin

#endif  // UNSPIN_TEXT_PHRASE_H_
