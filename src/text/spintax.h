// Spintax left in a text: "{quick|fast|rapid}", the template syntax article
// spinners expand ("{a|b|c}" becomes one of a, b, c). Published text that
// still holds it was machine-spun and not even finished: detect flags each
// group and restore writes one alternative in its place.
#ifndef UNSPIN_TEXT_SPINTAX_H_
#define UNSPIN_TEXT_SPINTAX_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "unspin/text.h"

namespace unspin {

// A group "{a|b|...}" in a sentence. `begin`/`end` index the sentence's
// non-space tokens (the words DecodeSentence numbers): the "{" and one past
// the "}". Each alternative is the bytes [start, end) of the input between
// its separators (inner white space kept, the edges trimmed).
struct SpintaxGroup {
  size_t begin = 0, end = 0;
  struct Alternative {
    uint64_t start = 0, end = 0;  // byte offsets in the whole input
    size_t first = 0;             // its non-space tokens: [first, first + tokens)
    size_t tokens = 0;
  };
  std::vector<Alternative> alternatives;
};

// The most alternatives, and the most words in one, a group may have: a
// longer run between braces is not word spintax.
inline constexpr size_t kMaxSpintaxAlternatives = 32;
inline constexpr size_t kMaxSpintaxAlternativeWords = 8;

// The innermost groups among a sentence's non-space tokens `words`, left to
// right: "{", then two or more
// alternatives separated by "|", then "}", each alternative one to
// kMaxSpintaxAlternativeWords words and numbers (a hyphen between two of
// them allowed: "non - public"), a word of two or more letters in one of
// them ("{forty|40}" is a group), the "{" not glued to a word before it.
// Anything else
// between the braces (punctuation, symbols, an empty alternative, a nested
// group) is not a group: notation such as "{x | x > 0}", "P{A|B}" or
// "{a,b}" is left alone. Of nested groups only an inner one closed by a "}"
// of its own is read ("{b|c}" of "{a|{b|c} d}"; "{a|{b|c}}" ends in one
// "}}" token and is left as it is).
void FindSpintax(std::span<const Token* const> words, std::vector<SpintaxGroup>* out);

}  // namespace unspin

#endif  // UNSPIN_TEXT_SPINTAX_H_
