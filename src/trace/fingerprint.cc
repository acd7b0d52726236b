#include "trace/fingerprint.h"

#include <xxhash.h>

#include <algorithm>
#include <memory>

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

namespace {

// Lexicon::Knows for the words of a document stream, memoised per thread in
// a direct-mapped table keyed by the word's 64-bit hash (bits 2-63 compared:
// a collision between two distinct words is negligible); most words repeat.
// The memo belongs to one lexicon's contents (Lexicon::stamp).
bool KnownWord(const Lexicon& lexicon, const std::string& norm, uint64_t h) {
  constexpr size_t kSlots = size_t{1} << 15;
  struct Memo {
    uint64_t stamp = 0;
    std::vector<uint64_t> slots;  // (hash, bits 0-1 cleared) | 2 | known; 0 = empty
  };
  thread_local Memo memo;
  if (memo.stamp != lexicon.stamp()) {
    memo.stamp = lexicon.stamp();
    memo.slots.assign(kSlots, 0);
  }
  const uint64_t key = (h & ~uint64_t{3}) | 2;  // never 0
  uint64_t& slot = memo.slots[(h >> 40) & (kSlots - 1)];
  if ((slot & ~uint64_t{1}) == key) return slot & 1;
  bool known = lexicon.Knows(norm);
  slot = key | static_cast<uint64_t>(known);
  return known;
}

// Whether word or number token `t` (norm hashed to `h`) is immutable: not a
// word the lexicon knows (a spinner may have changed it) nor a dotted
// abbreviation (spinners expand "U.S.").
bool IsImmutable(const Lexicon& lexicon, const Token& t, uint64_t h) {
  return !KnownWord(lexicon, t.norm, h) && !t.is_dotted_abbreviation();
}

// The shingles of a run of immutable words: each word, and each pair of
// consecutive ones. Single tokens keep short or heavily spun texts findable
// when a spinner breaks most pairs (by replacing a word unknown to this
// lexicon).
void ShinglesOf(const std::vector<uint64_t>& words, std::vector<uint64_t>* out) {
  *out = words;
  for (size_t i = 0; i + 1 < words.size(); ++i) out->push_back(Mix(words[i] * 31 + words[i + 1]));
}

// One tokenisation, both sets (unsorted); `all_pairs` may be null.
void Shingle(const Lexicon& lexicon, std::string_view text, std::vector<uint64_t>* immutable,
             std::vector<uint64_t>* all_pairs) {
  immutable->clear();
  if (all_pairs) all_pairs->clear();
  std::vector<uint64_t> words;
  uint64_t prev = 0;
  ForEachToken(text, 0, [&](const Token& t) {
    if (t.is_space()) return;
    uint64_t h = XXH3_64bits(t.norm.data(), t.norm.size());
    if (all_pairs) all_pairs->push_back(Mix(prev * 31 + h) ^ 0x5bd1e995u);
    prev = h;
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) return;
    if (IsImmutable(lexicon, t, h)) words.push_back(h);
  });
  ShinglesOf(words, immutable);
}

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

size_t Common(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

}  // namespace

void ImmutableShingles(const Lexicon& lexicon, std::string_view text, std::vector<uint64_t>* out) {
  Shingle(lexicon, text, out, nullptr);
}

void DocumentShingles(const Lexicon& lexicon, std::string_view text,
                      std::vector<uint64_t>* immutable, std::vector<uint64_t>* all_pairs) {
  Shingle(lexicon, text, immutable, all_pairs);
  SortUnique(immutable);
  SortUnique(all_pairs);
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t common = Common(a, b), uni = a.size() + b.size() - common;
  return uni ? static_cast<double>(common) / static_cast<double>(uni) : 0;
}

double Dice(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t total = a.size() + b.size();
  return total ? 2.0 * static_cast<double>(Common(a, b)) / static_cast<double>(total) : 0;
}

double Containment(const std::vector<uint64_t>& part, const std::vector<uint64_t>& whole) {
  return part.empty() ? 0
                      : static_cast<double>(Common(part, whole)) / static_cast<double>(part.size());
}

namespace {

// The passages' ends as indexes into `ends` (sentence end, words so far):
// each passage ends at the first sentence end with at least `words` words
// since the last, unless fewer than words / 2 would be left; the last takes
// the rest. None when the text has fewer than 2 * words words or `words` is 0.
std::vector<size_t> PassageEnds(const std::vector<std::pair<uint64_t, size_t>>& ends,
                                size_t words) {
  std::vector<size_t> out;
  const size_t total = ends.empty() ? 0 : ends.back().second;
  if (words == 0 || total < 2 * words) return out;
  size_t counted = 0;
  for (size_t k = 0; k < ends.size(); ++k) {
    const bool last = k + 1 == ends.size();
    if (!last && (ends[k].second - counted < words || total - ends[k].second < words / 2)) continue;
    out.push_back(k);
    counted = ends[k].second;
  }
  return out;
}

// Reads `text` sentence by sentence, handing each token and its sentence's
// index to `on_token`; returns (sentence end, words so far) per sentence.
template <typename OnToken>
std::vector<std::pair<uint64_t, size_t>> SentenceEnds(std::string_view text, OnToken on_token) {
  std::vector<std::pair<uint64_t, size_t>> ends;
  size_t total = 0;
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  Sentence s;
  while (reader->Next(&s)) {
    for (const Token& t : s.tokens) {
      total += t.kind == TokenKind::kWord;
      on_token(t, ends.size());
    }
    ends.emplace_back(s.begin + s.text.size(), total);
  }
  return ends;
}

}  // namespace

std::vector<std::pair<uint64_t, uint64_t>> PassageRanges(std::string_view text, size_t words) {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  if (words == 0) return out;
  const auto ends = SentenceEnds(text, [](const Token&, size_t) {});
  uint64_t begin = 0;
  for (size_t k : PassageEnds(ends, words)) {
    out.emplace_back(begin, ends[k].first);
    begin = ends[k].first;
  }
  return out;
}

void ImmutableShinglesOfPassages(const Lexicon& lexicon, std::string_view text, size_t words,
                                 std::vector<uint64_t>* whole,
                                 std::vector<std::vector<uint64_t>>* passages) {
  passages->clear();
  // The immutable words (hashes) and the sentence each is in, one pass.
  std::vector<uint64_t> hashes;
  std::vector<size_t> sentence_of;
  const auto ends = SentenceEnds(text, [&](const Token& t, size_t sentence) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) return;
    const uint64_t h = XXH3_64bits(t.norm.data(), t.norm.size());
    if (IsImmutable(lexicon, t, h)) {
      hashes.push_back(h);
      sentence_of.push_back(sentence);
    }
  });
  ShinglesOf(hashes, whole);
  // Passages are consecutive runs of sentences: each takes the words up to
  // its last sentence.
  size_t w = 0;
  std::vector<uint64_t> part;
  for (size_t k : PassageEnds(ends, words)) {
    part.clear();
    for (; w < hashes.size() && sentence_of[w] <= k; ++w) part.push_back(hashes[w]);
    ShinglesOf(part, &passages->emplace_back());
  }
}

namespace {

// Seeds of the 32 hash functions h(x) = Mix(x ^ seed[h]) >> 32.
constexpr std::array<uint64_t, kSignatureSize> Seeds() {
  std::array<uint64_t, kSignatureSize> seeds{};
  for (size_t h = 0; h < kSignatureSize; ++h) seeds[h] = 0x51ed270b7a3c9f1dull * (h + 1);
  return seeds;
}
constexpr std::array<uint64_t, kSignatureSize> kSeeds = Seeds();

}  // namespace

// Compiled for AVX2 as well as the baseline, chosen at load time: the 32
// hashes of a shingle are independent lanes (same results either way).
__attribute__((target_clones("avx2", "default"))) Signature MinHash(
    const std::vector<uint64_t>& shingles) {
  Signature s;
  s.fill(0xffffffffu);
  for (uint64_t x : shingles) {
    for (size_t h = 0; h < kSignatureSize; ++h) {
      const uint32_t v = static_cast<uint32_t>(Mix(x ^ kSeeds[h]) >> 32);
      s[h] = v < s[h] ? v : s[h];
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
