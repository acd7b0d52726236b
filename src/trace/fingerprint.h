// Synonym-robust document fingerprints for trace (after DSpin): a spinner
// can only change words its dictionary knows, so the words the lexicon does
// NOT know — names, numbers, rare terms — survive spinning and carry the
// identity of the source. They are shingled in pairs and summarised by a
// MinHash signature; LSH bands over the signature find candidate sources.
#ifndef UNSPIN_TRACE_FINGERPRINT_H_
#define UNSPIN_TRACE_FINGERPRINT_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "unspin/lexicon.h"

namespace unspin {

constexpr size_t kSignatureSize = 32;  // MinHash values per document
constexpr size_t kBands = 16;          // LSH bands of kSignatureSize / kBands rows

using Signature = std::array<uint32_t, kSignatureSize>;

// The hashed shingles of a text's immutable tokens: each token and each pair
// of consecutive ones. Dotted abbreviations ("U.S.") are not immutable:
// spinners expand them.
void ImmutableShingles(const Lexicon& lexicon, std::string_view text, std::vector<uint64_t>* out);

// Both shingle sets of a text, sorted and without duplicates, from one pass:
// `immutable` as ImmutableShingles, `all_pairs` the hashed pairs of
// consecutive words and punctuation marks (normalised), spun or not.
void DocumentShingles(const Lexicon& lexicon, std::string_view text,
                      std::vector<uint64_t>* immutable, std::vector<uint64_t>* all_pairs);

// |a ∩ b| / |a ∪ b| and 2|a ∩ b| / (|a| + |b|) of sorted unique sets (0 when
// both are empty).
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);
double Dice(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);
// |part ∩ whole| / |part| (0 when part is empty): how much of `part` is in
// `whole`.
double Containment(const std::vector<uint64_t>& part, const std::vector<uint64_t>& whole);

// Byte ranges [begin, end) of `text` cut at sentence ends into passages of
// at least `words` words (the last takes what is left; a remainder under
// words / 2 joins the passage before it); none when the text has fewer than
// 2 * words words or `words` is 0.
std::vector<std::pair<uint64_t, uint64_t>> PassageRanges(std::string_view text, size_t words);

// ImmutableShingles of `text` (`whole`) and of each of its PassageRanges
// (`passages`, in order), from one tokenisation.
void ImmutableShinglesOfPassages(const Lexicon& lexicon, std::string_view text, size_t words,
                                 std::vector<uint64_t>* whole,
                                 std::vector<std::vector<uint64_t>>* passages);

// MinHash signature of a shingle set (all 0xffffffff when empty).
Signature MinHash(const std::vector<uint64_t>& shingles);

// The LSH key of band b.
uint32_t BandKey(const Signature& s, size_t band);

// Share of equal signature positions: an estimate of the Jaccard similarity.
double SignatureSimilarity(const Signature& a, const Signature& b);

}  // namespace unspin

#endif  // UNSPIN_TRACE_FINGERPRINT_H_
