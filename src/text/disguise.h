// Disguised words: look-alike letters of other scripts and hidden characters
// that make a copied text read differently to a machine while it looks the
// same to a person (Token::disguise, Undisguise in unspin/text.h).
#ifndef UNSPIN_TEXT_DISGUISE_H_
#define UNSPIN_TEXT_DISGUISE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/text.h"

namespace unspin {

// The Latin letter (in the same case) that `cp`, a letter of another script,
// passes for ("а" U+0430 -> 'a', "Р" U+0420 -> 'P'); 0 when it passes for
// none. Only letters drawn alike in common fonts: Cyrillic, Greek and
// Armenian ones (pairs of Unicode's confusables list whose prototype is a
// single Latin letter), less those that differ visibly in lower case and the
// lower-case Greek letters science writes as symbols ("α", "κ" in "NF-κB",
// "ν", "ρ", "ι", "υ"); no Latin letter ("ı" is Turkish) and no IPA letter
// ("ɑ", "ɡ" in transcriptions).
char32_t LatinLookAlike(char32_t cp);

// Default-ignorable code points (zero-width spaces and joiners, soft
// hyphens, bidirectional controls, variation selectors, ...): invisible.
bool IsHiddenChar(char32_t cp);

// For a word or number token with non-ASCII bytes: its disguise, and its
// lookup form (Token::norm) in *norm.
Disguise NormalizeWord(std::string_view bytes, std::string* norm);

// Indices into `words` (a sentence's non-space tokens) of its disguised
// words: every kMixed one, and the kLookAlikeOnly ones when the sentence is
// Latin text (at least half of its words have an ASCII lookup form), except
// upper-case ones of two letters or more (Cyrillic and Greek acronyms such as
// "СССР" are written so in English text).
void DisguisedWords(std::span<const Token* const> words, std::vector<size_t>* out);

}  // namespace unspin

#endif  // UNSPIN_TEXT_DISGUISE_H_
