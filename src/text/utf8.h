// UTF-8 decoding and character classes (Unicode-aware via utf8proc, with an
// ASCII fast path).
#ifndef UNSPIN_TEXT_UTF8_H_
#define UNSPIN_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace unspin {

// Decodes the code point at text[i]. Returns its length in bytes, or 0 when
// the bytes there are not valid UTF-8 (the caller then takes one byte).
size_t DecodeUtf8(std::string_view text, size_t i, char32_t* cp);

void AppendUtf8(char32_t cp, std::string* out);

// Whether a normalised token has a letter or a digit (or a non-ASCII byte):
// a word or number rather than punctuation. The LM reads only such tokens.
inline bool HasAlnum(std::string_view w) {
  for (unsigned char c : w) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
      return true;
  }
  return false;
}

// kHidden: default-ignorable code points (zero-width spaces and joiners, soft
// hyphens, bidirectional controls, variation selectors): invisible.
enum class CharClass : uint8_t { kSpace, kLetter, kDigit, kApostrophe, kPunct, kHidden, kOther };

CharClass Classify(char32_t cp);
bool IsUpper(char32_t cp);
bool IsLower(char32_t cp);
char32_t ToLower(char32_t cp);
char32_t ToUpper(char32_t cp);
// Curly quotes and apostrophes to their ASCII forms; other code points unchanged.
char32_t FoldQuote(char32_t cp);

}  // namespace unspin

#endif  // UNSPIN_TEXT_UTF8_H_
