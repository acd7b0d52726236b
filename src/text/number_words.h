// Cardinal numbers written as words or digits. A spinner keeps quantities:
// "three" may become "3", but "billion" never honestly becomes "million", so
// a candidate original that changes a quantity is not a restoration.
#ifndef UNSPIN_TEXT_NUMBER_WORDS_H_
#define UNSPIN_TEXT_NUMBER_WORDS_H_

#include <optional>
#include <span>
#include <string_view>

namespace unspin {

// The value of one normalised token that is unambiguously a cardinal number:
// "two".."twenty", the tens, "hundred", "thousand", "million", "billion",
// "trillion", "dozen", or plain digits ("300", "10,500"). Words that are
// often something else ("one", "a", "half", "quarter", "second") have none.
std::optional<double> CardinalValue(std::string_view token);

// True when both token sequences hold the same cardinal values (as a
// multiset, in any spelling): "three" ~ "3", "a dozen" ~ "twelve",
// "billion" !~ "million".
bool SameQuantities(std::span<const std::string_view> a, std::span<const std::string_view> b);

}  // namespace unspin

#endif  // UNSPIN_TEXT_NUMBER_WORDS_H_
