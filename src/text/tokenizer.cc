// Tokenizer: one left-to-right pass; each token is classified by its first
// code point and extended by the rules of its kind (see unspin/text.h).
#include <algorithm>
#include <array>
#include <cstring>

#include "text/disguise.h"
#include "text/utf8.h"
#include "unspin/text.h"

namespace unspin {
namespace {

// Classes of the ASCII code points (the common case, without decoding).
const std::array<CharClass, 128>& AsciiClasses() {
  static const std::array<CharClass, 128> table = [] {
    std::array<CharClass, 128> t{};
    for (char32_t c = 0; c < 128; ++c) t[c] = Classify(c);
    return t;
  }();
  return table;
}

struct Scanner {
  std::string_view text;
  const std::array<CharClass, 128>& ascii = AsciiClasses();
  // Class of the code point at i, its length in `len` (1 for invalid bytes).
  CharClass At(size_t i, size_t* len, char32_t* cp = nullptr) const {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      *len = 1;
      if (cp) *cp = b;
      return ascii[b];
    }
    char32_t c;
    size_t n = DecodeUtf8(text, i, &c);
    if (n == 0) {
      *len = 1;
      return CharClass::kOther;
    }
    *len = n;
    if (cp) *cp = c;
    return Classify(c);
  }
  bool Valid(size_t i) const {
    if (static_cast<unsigned char>(text[i]) < 0x80) return true;
    char32_t c;
    return DecodeUtf8(text, i, &c) != 0;
  }
};

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsUrlChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && c != '"' && c != '<' && c != '>';
}

// Drops trailing characters that usually close the sentence, not the URL.
bool ClosesSentence(char c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case '\'':
    case '"':
      return true;
    default:
      return false;
  }
}

size_t TrimUrlEnd(std::string_view s, size_t begin, size_t end) {
  while (end > begin && ClosesSentence(s[end - 1])) --end;
  return end;
}

bool IsEmailLocalChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// Length of a URL or e-mail address starting at i, or 0.
size_t MatchUrl(std::string_view s, size_t i) {
  size_t end = i;
  if (StartsWithNoCase(s, i, "http://") || StartsWithNoCase(s, i, "https://") ||
      StartsWithNoCase(s, i, "ftp://") || StartsWithNoCase(s, i, "www.")) {
    while (end < s.size() && IsUrlChar(s[end])) ++end;
    end = TrimUrlEnd(s, i, end);
    return end - i > 4 ? end - i : 0;
  }
  // e-mail: local@domain.tld with ASCII characters only.
  while (end < s.size() && IsEmailLocalChar(s[end])) ++end;
  if (end == i || end >= s.size() || s[end] != '@') return 0;
  size_t at = end++;
  size_t dot = 0;
  while (end < s.size() && (IsAsciiAlnum(s[end]) || s[end] == '.' || s[end] == '-')) {
    if (s[end] == '.') dot = end;
    ++end;
  }
  end = TrimUrlEnd(s, at, end);
  if (dot == 0 || dot <= at + 1 || dot + 1 >= end) return 0;
  return end - i;
}

// A dotted acronym: single letters each followed by '.', at least two of
// them ("U.S.", "e.g.", "a.m."). Returns its length or 0.
size_t MatchAcronym(const Scanner& sc, size_t i) {
  size_t pos = i, letters = 0, len = 0;
  while (pos < sc.text.size()) {
    if (sc.At(pos, &len) != CharClass::kLetter) break;
    size_t after = pos + len;
    if (after >= sc.text.size() || sc.text[after] != '.') break;
    ++letters;
    pos = after + 1;
    size_t next_len = 0;
    if (pos < sc.text.size() && sc.At(pos, &next_len) == CharClass::kLetter) {
      size_t after_next = pos + next_len;
      // A letter followed by another letter is a word, not an initial.
      if (after_next < sc.text.size() && sc.At(after_next, &len) == CharClass::kLetter) break;
    }
  }
  return letters >= 2 ? pos - i : 0;
}

// Moves *pos past the run of hidden characters there, not beyond `limit`
// (a token's byte cap); true when a letter or digit follows it. Out of line:
// rare, and the word scanner stays small enough to inline.
[[gnu::noinline]] bool SkipHiddenRun(const Scanner& sc, size_t* pos, size_t limit) {
  size_t len = 0;
  while (*pos < sc.text.size() && sc.At(*pos, &len) == CharClass::kHidden) {
    if (*pos + len > limit) return false;
    *pos += len;
  }
  if (*pos >= sc.text.size()) return false;
  const CharClass after = sc.At(*pos, &len);
  return after == CharClass::kLetter || after == CharClass::kDigit;
}

// Word or number: alphanumerics with joining apostrophes ("don't",
// "1000's") and, between digits, the separators . , : ("5.93", "10:30").
size_t MatchAlnum(const Scanner& sc, size_t i) {
  size_t pos = i, len = 0;
  CharClass prev = CharClass::kOther;
  while (pos < sc.text.size() && pos - i < kMaxTokenBytes - 8) {
    CharClass c = sc.At(pos, &len);
    if (c == CharClass::kLetter || c == CharClass::kDigit) {
      prev = c;
      pos += len;
      continue;
    }
    if (c == CharClass::kHidden && prev != CharClass::kApostrophe) {
      // Hidden characters belong to the word they touch: before, inside or
      // after its letters ("\u200Bw\u200Bord\u200B" is one word).
      if (SkipHiddenRun(sc, &pos, i + kMaxTokenBytes - 8)) continue;
      break;
    }
    size_t next_len = 0;
    size_t after = pos + len;
    CharClass next = after < sc.text.size() ? sc.At(after, &next_len) : CharClass::kSpace;
    if (c == CharClass::kApostrophe && next == CharClass::kLetter) {
      pos = after;  // joins: the letter is consumed on the next turn
      prev = CharClass::kApostrophe;
      continue;
    }
    char ch = sc.text[pos];
    if (prev == CharClass::kDigit && next == CharClass::kDigit &&
        (ch == '.' || ch == ',' || ch == ':')) {
      pos = after;
      continue;
    }
    break;
  }
  return pos - i;
}

CaseShape ShapeOf(std::string_view s) {
  size_t upper = 0, lower = 0, letters = 0;
  bool first_upper = false;
  size_t i = 0;
  while (i < s.size()) {
    bool up, low;
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // inline: most text is ASCII
      up = static_cast<unsigned char>(b - 'A') < 26;
      low = static_cast<unsigned char>(b - 'a') < 26;
      ++i;
    } else {
      char32_t cp;
      size_t n = DecodeUtf8(s, i, &cp);
      if (n == 0) {
        ++i;
        continue;
      }
      i += n;
      up = IsUpper(cp);
      low = IsLower(cp);
    }
    if (!up && !low) continue;
    if (letters == 0) first_upper = up;
    ++letters;
    upper += up;
    lower += low;
  }
  if (letters == 0) return CaseShape::kNone;
  if (upper == 0) return CaseShape::kLower;
  if (first_upper && upper == 1) return CaseShape::kTitle;
  if (lower == 0) return CaseShape::kUpper;
  return CaseShape::kMixed;
}

// Returns whether `s` has non-ASCII bytes.
bool Normalize(std::string_view s, std::string* out) {
  out->clear();
  bool non_ascii = false;
  out->reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // an ASCII run, lower-cased in bulk
      size_t end = i + 1;
      while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80) ++end;
      const size_t at = out->size();
      out->resize(at + (end - i));
      for (size_t k = i; k < end; ++k) {
        const char a = s[k];
        (*out)[at + (k - i)] = (a >= 'A' && a <= 'Z') ? static_cast<char>(a + 32) : a;
      }
      i = end;
      continue;
    }
    non_ascii = true;
    char32_t cp;
    size_t n = DecodeUtf8(s, i, &cp);
    if (n == 0) {
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    AppendUtf8(ToLower(FoldQuote(cp)), out);
    i += n;
  }
  return non_ascii;
}

// Length of the token starting at i and its kind.
size_t NextToken(const Scanner& sc, size_t i, TokenKind* kind, bool* invalid) {
  const std::string_view s = sc.text;
  size_t len = 0;
  char32_t cp = 0;
  CharClass c = sc.At(i, &len, &cp);
  *invalid = !sc.Valid(i);
  if (*invalid) {
    *kind = TokenKind::kOther;
    size_t end = i + 1;  // group a run of invalid bytes
    while (end < s.size() && end - i < 64 && !sc.Valid(end)) ++end;
    return end - i;
  }
  if (c == CharClass::kSpace) {
    size_t end = i + len;
    while (end < s.size() && end - i < kMaxTokenBytes - 8 &&
           sc.At(end, &len) == CharClass::kSpace) {
      end += len;
    }
    *kind = TokenKind::kSpace;
    return end - i;
  }
  if (c == CharClass::kHidden) {
    // Before a word, part of it: the word's kind (no URL or acronym starts
    // with a hidden character).
    size_t end = i, next_len = 0;
    if (SkipHiddenRun(sc, &end, i + kMaxTokenBytes - 8)) c = sc.At(end, &next_len);
  }
  if (c == CharClass::kLetter || c == CharClass::kDigit) {
    if (size_t u = MatchUrl(s, i)) {
      *kind = TokenKind::kUrl;
      return std::min<size_t>(u, kMaxTokenBytes);
    }
    if (c == CharClass::kLetter) {
      if (size_t a = MatchAcronym(sc, i)) {
        *kind = TokenKind::kWord;
        return a;
      }
    }
    *kind = c == CharClass::kDigit ? TokenKind::kNumber : TokenKind::kWord;
    return MatchAlnum(sc, i);
  }
  if (c == CharClass::kPunct || c == CharClass::kApostrophe) {
    *kind = TokenKind::kPunct;
    size_t end = i + len;
    if (cp < 0x80) {
      while (end < s.size() && end - i < 256 && s[end] == s[i]) ++end;
    }
    return end - i;
  }
  *kind = TokenKind::kOther;
  return len;
}

}  // namespace

const char* TokenKindName(TokenKind k) {
  switch (k) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kPunct:
      return "punct";
    case TokenKind::kSpace:
      return "space";
    case TokenKind::kUrl:
      return "url";
    case TokenKind::kOther:
      return "other";
  }
  return "?";
}

const char* CaseShapeName(CaseShape s) {
  switch (s) {
    case CaseShape::kNone:
      return "none";
    case CaseShape::kLower:
      return "lower";
    case CaseShape::kTitle:
      return "title";
    case CaseShape::kUpper:
      return "upper";
    case CaseShape::kMixed:
      return "mixed";
  }
  return "?";
}

void ForEachToken(std::string_view text, uint64_t base, const std::function<void(Token&)>& fn,
                  TokenizeStats* stats) {
  Scanner sc{text};
  size_t i = 0;
  Token t;
  while (i < text.size()) {
    bool invalid = false;
    size_t len = NextToken(sc, i, &t.kind, &invalid);
    if (len == 0) len = 1;  // defensive: always make progress
    t.begin = base + i;
    t.size = static_cast<uint32_t>(len);
    t.invalid_utf8 = invalid;
    t.shape = CaseShape::kNone;
    t.disguise = Disguise::kNone;
    t.norm.clear();
    std::string_view bytes = text.substr(i, len);
    if (t.kind != TokenKind::kSpace) {
      t.shape = ShapeOf(bytes);
      if (Normalize(bytes, &t.norm) &&
          (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber)) {
        t.disguise = NormalizeWord(bytes, &t.norm);
      }
    }
    if (invalid && stats != nullptr) {
      if (stats->invalid_bytes == 0) stats->first_invalid_offset = t.begin;
      stats->invalid_bytes += len;
    }
    fn(t);
    i += len;
  }
}

void Tokenize(std::string_view text, uint64_t base, std::vector<Token>* out, TokenizeStats* stats) {
  ForEachToken(
      text, base, [out](Token& t) { out->push_back(std::move(t)); }, stats);
}

}  // namespace unspin
