#include "text/disguise.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <utility>

#include "text/utf8.h"

namespace unspin {
namespace {

// Sorted by code point.
constexpr std::array<std::pair<char32_t, char32_t>, 62> kLookAlikes = {{
    {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'}, {0x0397, 'H'}, {0x0399, 'I'},
    {0x039A, 'K'}, {0x039C, 'M'}, {0x039D, 'N'}, {0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'},
    {0x03A5, 'Y'}, {0x03A7, 'X'}, {0x03BF, 'o'}, {0x03F2, 'c'}, {0x03F3, 'j'}, {0x03F9, 'C'},
    {0x0405, 'S'}, {0x0406, 'I'}, {0x0408, 'J'}, {0x0410, 'A'}, {0x0412, 'B'}, {0x0415, 'E'},
    {0x041A, 'K'}, {0x041C, 'M'}, {0x041D, 'H'}, {0x041E, 'O'}, {0x0420, 'P'}, {0x0421, 'C'},
    {0x0422, 'T'}, {0x0423, 'Y'}, {0x0425, 'X'}, {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'},
    {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'},
    {0x0458, 'j'}, {0x04AE, 'Y'}, {0x04BB, 'h'}, {0x04C0, 'I'}, {0x04CF, 'l'}, {0x0501, 'd'},
    {0x050C, 'G'}, {0x051A, 'Q'}, {0x051B, 'q'}, {0x051C, 'W'}, {0x051D, 'w'}, {0x0555, 'O'},
    {0x0561, 'w'}, {0x0563, 'q'}, {0x0566, 'q'}, {0x0570, 'h'}, {0x0575, 'j'}, {0x057D, 'u'},
    {0x0581, 'g'}, {0x0585, 'o'},
}};

static_assert(std::is_sorted(kLookAlikes.begin(), kLookAlikes.end()));

constexpr char32_t kSoftHyphen = 0x00AD;

bool IsLatinLetter(char32_t cp) {
  return cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
                   : (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||
                         (cp >= 0x1E00 && cp <= 0x1EFF);
}

// The ASCII letters a compatibility form of Latin letters stands for
// ("ａ" fullwidth, "𝐚" mathematical bold, "ﬁ" a ligature), else empty.
std::string CompatibilityLetters(char32_t cp) {
  utf8proc_int32_t out[4];
  int boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      static_cast<utf8proc_int32_t>(cp), out, 4,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE), &boundclass);
  std::string letters;
  if (n <= 0 || n > 4) return letters;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const char32_t c = static_cast<char32_t>(out[i]);
    if (c >= 0x80 || !IsLatinLetter(c)) return {};
    letters.push_back(static_cast<char>(c));
  }
  return letters;
}

struct WordScan {
  size_t latin = 0, look_alikes = 0, foreign = 0, hidden = 0;
  Disguise disguise() const {
    if (foreign > 0) return Disguise::kNone;
    if (look_alikes > 0) return latin > 0 ? Disguise::kMixed : Disguise::kLookAlikeOnly;
    return hidden > 0 ? Disguise::kMixed : Disguise::kNone;
  }
};

WordScan Scan(std::string_view bytes) {
  WordScan scan;
  for (size_t i = 0; i < bytes.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(bytes, i, &cp);
    if (n == 0) {  // invalid: neither Latin nor a disguise
      ++scan.foreign;
      ++i;
      continue;
    }
    i += n;
    if (IsHiddenChar(cp)) {
      scan.hidden += cp != kSoftHyphen;
    } else if (IsLatinLetter(cp)) {
      ++scan.latin;
    } else if (LatinLookAlike(cp) != 0) {
      ++scan.look_alikes;
    } else if (Classify(cp) == CharClass::kLetter) {
      if (CompatibilityLetters(cp).empty()) {
        ++scan.foreign;
      } else {
        ++scan.latin;
      }
    }
  }
  return scan;
}

}  // namespace

char32_t LatinLookAlike(char32_t cp) {
  if (cp < kLookAlikes.front().first || cp > kLookAlikes.back().first) return 0;
  auto it = std::lower_bound(kLookAlikes.begin(), kLookAlikes.end(), cp,
                             [](const auto& e, char32_t c) { return e.first < c; });
  return it != kLookAlikes.end() && it->first == cp ? it->second : 0;
}

bool IsHiddenChar(char32_t cp) { return cp >= 0x80 && Classify(cp) == CharClass::kHidden; }

Disguise NormalizeWord(std::string_view bytes, std::string* norm) {
  const WordScan scan = Scan(bytes);
  const bool fold = scan.foreign == 0;  // look-alikes read as Latin
  norm->clear();
  for (size_t i = 0; i < bytes.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(bytes, i, &cp);
    if (n == 0) {
      norm->push_back(bytes[i++]);
      continue;
    }
    i += n;
    if (cp < 0x80) {
      norm->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
      continue;
    }
    if (IsHiddenChar(cp)) continue;
    if (fold) {
      if (char32_t twin = LatinLookAlike(cp)) {
        norm->push_back(static_cast<char>(twin | 0x20));
        continue;
      }
    }
    if (Classify(cp) == CharClass::kLetter && !IsLatinLetter(cp)) {
      std::string letters = CompatibilityLetters(cp);
      if (!letters.empty()) {
        for (char& c : letters) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        *norm += letters;
        continue;
      }
    }
    AppendUtf8(ToLower(FoldQuote(cp)), norm);
  }
  return scan.disguise();
}

std::string Undisguise(std::string_view word) {
  if (Scan(word).disguise() == Disguise::kNone) return std::string(word);
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(word, i, &cp);
    if (n == 0) {
      out.push_back(word[i++]);
      continue;
    }
    if (IsHiddenChar(cp)) {
      // dropped
    } else if (char32_t twin = LatinLookAlike(cp)) {
      out.push_back(static_cast<char>(twin));
    } else {
      out.append(word, i, n);
    }
    i += n;
  }
  return out;
}

void DisguisedWords(std::span<const Token* const> words, std::vector<size_t>* out) {
  out->clear();
  bool look_alike_only = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const Token& t = *words[i];
    if (t.disguise == Disguise::kNone) continue;
    // An acronym of look-alikes ("СССР", "ТАСС") is the other script's own.
    if (t.disguise == Disguise::kLookAlikeOnly && t.shape == CaseShape::kUpper) continue;
    look_alike_only |= t.disguise == Disguise::kLookAlikeOnly;
    out->push_back(i);
  }
  if (!look_alike_only) return;
  size_t latin = 0, all = 0;
  for (const Token* t : words) {
    if (t->kind != TokenKind::kWord) continue;
    ++all;
    latin += std::all_of(t->norm.begin(), t->norm.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  }
  if (2 * latin >= all) return;
  std::erase_if(*out, [&](size_t i) { return words[i]->disguise == Disguise::kLookAlikeOnly; });
}

}  // namespace unspin
