// Cardinal numbers written as words or digits. A spinner keeps quantities:
// "three" may become "3", but "billion" never honestly becomes "million", so
// a candidate original that changes a quantity is not a restoration.
#ifndef UNSPIN_TEXT_NUMBER_WORDS_H_
#define UNSPIN_TEXT_NUMBER_WORDS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace unspin {

// The value of one normalised token that is unambiguously a cardinal number:
// "two".."twenty", the tens, "hundred", "thousand", "million", "billion",
// "trillion", "dozen", or plain digits ("300", "10,500"). Words that are
// often something else ("one", "a", "half", "quarter", "second") have none.
std::optional<double> CardinalValue(std::string_view token);

// The cardinal values the tokens hold, sorted: two spans hold the same
// quantities (as a multiset, in any spelling: "three" ~ "3", "a dozen" ~
// "twelve", "billion" !~ "million") when these are equal. A caller comparing
// one span with many keeps that span's values.
std::vector<double> CardinalValues(std::span<const std::string_view> tokens);

// A number token in words, the way broadcast-news text writes it: "52" ->
// "fifty two", "300" -> "three hundred", "1987" -> "nineteen eighty seven",
// "2005" -> "two thousand five", "5.5" -> "five point five", "2,000" -> "two
// thousand". Writes the words to out[0..n) and returns n; 0 when the token is
// not such a number or needs more than `max` words.
size_t NumberInWords(std::string_view token, std::string_view* out, size_t max);

// The whole number that normalised `words` spell as English words, all of
// them: "eleven", "fifty two", "forty - two" (a hyphen token between a ten
// and a unit), "a hundred", "one hundred and five", "three thousand four
// hundred", "two million". nullopt for anything else ("two three", "hundred"
// alone, "fifty 2", "half", a ten after a unit, a scale repeated out of order).
std::optional<uint64_t> CardinalOfWords(std::span<const std::string_view> words);

// A whole number spelled in the words of a sentence (normalised tokens,
// punctuation included): its first word, length in words and value.
struct SpelledNumber {
  size_t begin = 0, length = 0;
  uint64_t value = 0;
};

// The number spelled by the longest run of words from `i` (at most
// kMaxNumberWords) that is one number (CardinalOfWords) and is not followed
// by more of one: "fifty" of "fifty and sixty", not of "fifty two". Only
// where `i` starts such a run ("a hundred", not its "hundred") and is not the
// sentence's first word (which any style spells out), and, when `usable` is
// given, every word of the run is usable.
inline constexpr size_t kMaxNumberWords = 6;
std::optional<SpelledNumber> SpelledNumberAt(std::span<const std::string_view> words, size_t i,
                                             const std::vector<bool>* usable = nullptr);

}  // namespace unspin

#endif  // UNSPIN_TEXT_NUMBER_WORDS_H_
