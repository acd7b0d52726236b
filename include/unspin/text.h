// The text layer: UTF-8 tokens with byte offsets, kinds, case shapes and
// normalised lookup forms; sentence bounds; streaming over large input.
//
// Invariant: concatenating the bytes of the tokens of a text, in order,
// reproduces the text byte for byte, including invalid UTF-8, which is passed
// through as kOther tokens flagged invalid_utf8.
#ifndef UNSPIN_TEXT_H_
#define UNSPIN_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/status.h"

namespace unspin {

enum class TokenKind : uint8_t {
  kWord,    // letters, with internal apostrophes ("don't") and dotted acronyms ("U.S.")
  kNumber,  // starts with a digit: "42", "5.93", "155,221", "1990s", "1000's"
  kPunct,   // punctuation; a run of one repeated ASCII mark is one token ("...")
  kSpace,   // a run of white space, line breaks included
  kUrl,     // http(s)/ftp URLs, www. addresses and e-mail addresses
  kOther,   // symbols, emoji, control characters, invalid bytes
};

enum class CaseShape : uint8_t {
  kNone,   // no cased letters
  kLower,  // "word"
  kTitle,  // "Word", and a single capital ("I", "A")
  kUpper,  // "WORD"
  kMixed,  // "iPhone", "McDonald"
};

const char* TokenKindName(TokenKind k);
const char* CaseShapeName(CaseShape s);

// Gives lower-case `text` the case shape of an observed word: kTitle
// capitalises its first letter (all the letters of dotted initials it starts
// with: "u.s. trade" -> "U.S. trade"), kUpper every letter; other shapes leave
// it as it is. Used to carry the observed case over to a restored phrase.
std::string ApplyCaseShape(std::string_view text, CaseShape shape);

// How a word token is disguised from copy detectors (text/disguise.cc).
enum class Disguise : uint8_t {
  kNone,
  // Latin letters mixed with look-alike letters of other scripts ("Shоwers"
  // with a Cyrillic "о") or hidden characters between its letters (a zero-
  // width space; a soft hyphen is typography, not a disguise): never how a
  // word is written.
  kMixed,
  // Every letter a look-alike ("а" written in Cyrillic): a disguise in Latin
  // text, an ordinary word in Cyrillic or Greek text; callers judge by the
  // sentence (DisguisedWords in text/disguise.h).
  kLookAlikeOnly,
};

struct Token {
  uint64_t begin = 0;  // byte offset in the whole input
  uint32_t size = 0;   // bytes
  TokenKind kind = TokenKind::kOther;
  CaseShape shape = CaseShape::kNone;
  bool invalid_utf8 = false;            // the bytes are not valid UTF-8
  Disguise disguise = Disguise::kNone;  // kWord and kNumber tokens only
  // Lookup form: lower case, curly quotes and apostrophes folded to ASCII;
  // in a word of Latin letters and look-alikes (any Disguise but kNone) the
  // look-alikes read as the Latin letters they pass for, and hidden
  // characters (zero-width spaces, soft hyphens, ...) inside a word are
  // dropped; compatibility forms of Latin letters (fullwidth, mathematical
  // bold, ligatures such as "ﬁ") read as the letters. Empty for kSpace tokens.
  std::string norm;
  uint64_t end() const { return begin + size; }
  bool is_space() const { return kind == TokenKind::kSpace; }
  // A dotted abbreviation such as "U.S." or "U.N.": a word with a period in
  // it. Spinners expand these ("United States"), and language models often
  // spell them letter by letter ("u. s.").
  bool is_dotted_abbreviation() const {
    return kind == TokenKind::kWord && norm.size() > 1 && norm.find('.') != std::string::npos;
  }
};

// The case a replacement of these tokens takes (spaces and caseless tokens
// are skipped): upper case when every word is upper case and one has several
// letters, or when the first word is an upper-case word of several letters
// ("STATED that" -> "SAID"); title case after a one-letter capital ("A");
// otherwise the first word's shape.
CaseShape ReplacementShape(std::span<const Token* const> tokens);

// `text` (a normalised replacement, words joined by single spaces) in the
// case of the tokens it replaces (spaces skipped): word by word when it has
// as many words as there are tokens ("White Building" -> "White House",
// "the Inside Ministry" -> "the Interior Ministry"); with every word
// capitalised when the counts differ and two or more cased tokens are all
// capitalised ("Combined Nations Organisation" -> "United Nations");
// otherwise ApplyCaseShape with ReplacementShape ("A lot of" -> "Many").
std::string ApplyReplacementCase(std::string_view text, std::span<const Token* const> tokens);

// A word as written without its disguise: each look-alike letter replaced
// by the Latin letter it passes for, in its case, and hidden characters
// dropped; other bytes unchanged. A word without a disguise comes back as is.
std::string Undisguise(std::string_view word);

struct TokenizeStats {
  uint64_t invalid_bytes = 0;
  uint64_t first_invalid_offset = 0;  // meaningful when invalid_bytes > 0
};

// Appends the tokens of `text` to *out; offsets start at `base`. Tokens never
// exceed kMaxTokenBytes: longer runs are cut at a code point boundary.
// `stats` may be null.
inline constexpr uint32_t kMaxTokenBytes = 1u << 16;
void Tokenize(std::string_view text, uint64_t base, std::vector<Token>* out,
              TokenizeStats* stats = nullptr);

// The same tokens handed one at a time to `fn`, which may modify or move from
// the token (it is reset before the next one): no vector is built, and a
// caller that only reads keeps one string buffer for every token.
void ForEachToken(std::string_view text, uint64_t base, const std::function<void(Token&)>& fn,
                  TokenizeStats* stats = nullptr);

// A sentence as a half-open range of token indices. White space after a
// sentence belongs to it, so consecutive sentences tile the token sequence.
struct SentenceRange {
  size_t begin = 0;
  size_t end = 0;
};

struct SplitOptions {
  // A sentence is cut after this many non-space tokens even without an end
  // mark, so that later stages work in bounded time and memory.
  size_t max_tokens = 400;
  // Likewise a sentence is cut once it holds this many bytes.
  size_t max_bytes = 1 << 15;
  // When false, a terminator at the very end of the tokens, with nothing
  // after it, is not yet treated as final (streaming needs the next word).
  bool at_end_of_input = true;
};

// Splits tokens into sentences at . ! ? (and paragraph breaks), keeping
// abbreviations ("Mr.", "Aug. 9", "U.S."), initials and decimals intact.
std::vector<SentenceRange> SplitSentences(std::string_view text, uint64_t base,
                                          const std::vector<Token>& tokens,
                                          const SplitOptions& options = SplitOptions());

// One sentence of a stream, with its own bytes.
struct Sentence {
  uint64_t begin = 0;         // byte offset of text[0] in the whole input
  std::string text;           // the sentence's bytes, trailing white space included
  std::vector<Token> tokens;  // offsets are absolute (in the whole input)
};

class ByteSource;

// Reads a large input sentence by sentence in bounded memory (a buffer of a
// few hundred kilobytes whatever the input size).
class SentenceReader {
 public:
  // Reads `path` ("-" for standard input).
  static Status Open(const std::string& path, std::unique_ptr<SentenceReader>* out);
  // Reads from an in-memory string (kept by reference: it must outlive this).
  static std::unique_ptr<SentenceReader> FromString(std::string_view text);
  ~SentenceReader();

  // Fills *s with the next sentence; false at the end or on error (status()).
  bool Next(Sentence* s);
  const Status& status() const { return status_; }
  const TokenizeStats& stats() const { return stats_; }
  // Called after each chunk read from the input with the bytes read so far
  // (decompressed), on the thread that calls Next: for progress reports.
  void set_progress(std::function<void(uint64_t bytes_read)> progress) {
    progress_ = std::move(progress);
  }

 private:
  SentenceReader();
  bool Refill();

  std::unique_ptr<ByteSource> src_;
  std::string_view mem_;  // used when src_ is null
  bool eof_ = false;
  std::string buf_;        // bytes from buf_base_ on, not yet emitted
  uint64_t buf_base_ = 0;  // absolute offset of buf_[0]
  std::vector<Token> tokens_;
  std::vector<SentenceRange> ranges_;
  size_t next_range_ = 0;
  bool have_ranges_ = false;
  TokenizeStats stats_;
  uint64_t counted_upto_ = 0;  // invalid bytes counted below this offset
  Status status_;
  std::function<void(uint64_t)> progress_;
};

}  // namespace unspin

#endif  // UNSPIN_TEXT_H_
