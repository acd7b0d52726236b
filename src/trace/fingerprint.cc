#include "trace/fingerprint.h"

#include <xxhash.h>

#include "unspin/text.h"

namespace unspin {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

void ImmutableShingles(const Lexicon& lexicon, std::string_view text, std::vector<uint64_t>* out) {
  out->clear();
  std::vector<Token> tokens;
  Tokenize(text, 0, &tokens);
  std::vector<uint64_t> words;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) continue;
    if (lexicon.Knows(t.norm)) continue;  // a spinner may have changed it
    words.push_back(XXH3_64bits(t.norm.data(), t.norm.size()));
  }
  if (words.size() < 2) {
    *out = words;
    return;
  }
  for (size_t i = 0; i + 1 < words.size(); ++i) out->push_back(Mix(words[i] * 31 + words[i + 1]));
}

Signature MinHash(const std::vector<uint64_t>& shingles) {
  Signature s;
  s.fill(0xffffffffu);
  for (uint64_t x : shingles) {
    for (size_t h = 0; h < kSignatureSize; ++h) {
      uint32_t v = static_cast<uint32_t>(Mix(x ^ (0x51ed270b7a3c9f1dull * (h + 1))) >> 32);
      if (v < s[h]) s[h] = v;
    }
  }
  return s;
}

uint32_t BandKey(const Signature& s, size_t band) {
  constexpr size_t rows = kSignatureSize / kBands;
  uint32_t buf[rows + 1];
  for (size_t r = 0; r < rows; ++r) buf[r] = s[band * rows + r];
  buf[rows] = static_cast<uint32_t>(band);
  return static_cast<uint32_t>(XXH3_64bits(buf, sizeof(buf)));
}

double SignatureSimilarity(const Signature& a, const Signature& b) {
  size_t same = 0;
  for (size_t h = 0; h < kSignatureSize; ++h) same += a[h] == b[h] && a[h] != 0xffffffffu;
  return static_cast<double>(same) / kSignatureSize;
}

}  // namespace unspin
