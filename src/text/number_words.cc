#include "text/number_words.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "text/utf8.h"

namespace unspin {
namespace {

constexpr std::array<std::pair<std::string_view, double>, 34> kWords = {{
    {"two", 2},         {"three", 3},     {"four", 4},       {"five", 5},      {"six", 6},
    {"seven", 7},       {"eight", 8},     {"nine", 9},       {"ten", 10},      {"eleven", 11},
    {"twelve", 12},     {"thirteen", 13}, {"fourteen", 14},  {"fifteen", 15},  {"sixteen", 16},
    {"seventeen", 17},  {"eighteen", 18}, {"nineteen", 19},  {"twenty", 20},   {"thirty", 30},
    {"forty", 40},      {"fifty", 50},    {"sixty", 60},     {"seventy", 70},  {"eighty", 80},
    {"ninety", 90},     {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
    {"trillion", 1e12}, {"dozen", 12},    {"zero", 0},       {"nought", 0},
}};

// A cheap test that rules out almost every token: it starts with a digit, or
// at its length some word of kWords shares its first letter and some shares
// its last ("the" is the length of "ten" and "two", which end otherwise).
bool MaybeCardinal(std::string_view t) {
  // Per letter, the lengths of kWords that begin (ends: that end) with it,
  // as bits: length n sets bit n.
  struct Shapes {
    std::array<uint16_t, 26> begins{}, ends{};
  };
  static const Shapes kShapes = [] {
    Shapes a;
    for (const auto& [word, value] : kWords) {
      a.begins[static_cast<size_t>(word.front() - 'a')] |= static_cast<uint16_t>(1u << word.size());
      a.ends[static_cast<size_t>(word.back() - 'a')] |= static_cast<uint16_t>(1u << word.size());
    }
    return a;
  }();
  if (t.empty()) return false;
  const char c = t.front(), z = t.back();
  if (c >= '0' && c <= '9') return true;
  if (c < 'a' || c > 'z' || z < 'a' || z > 'z' || t.size() > 15) return false;
  const unsigned both =
      kShapes.begins[static_cast<size_t>(c - 'a')] & kShapes.ends[static_cast<size_t>(z - 'a')];
  return (both >> t.size()) & 1u;
}

bool AnyMaybeCardinal(std::span<const std::string_view> tokens) {
  for (std::string_view t : tokens) {
    if (MaybeCardinal(t)) return true;
  }
  return false;
}

constexpr std::string_view kUnits[] = {"zero",    "one",     "two",       "three",    "four",
                                       "five",    "six",     "seven",     "eight",    "nine",
                                       "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                       "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::string_view kTens[] = {"",      "",      "twenty",  "thirty", "forty",
                                      "fifty", "sixty", "seventy", "eighty", "ninety"};

// Collects up to `max` words; `full` once one more was offered.
struct WordSink {
  std::string_view* out;
  size_t max, n = 0;
  bool full = false;
  void Add(std::string_view w) {
    if (n < max) {
      out[n++] = w;
    } else {
      full = true;
    }
  }
  // The words of 0 <= v < 100.
  void Below100(unsigned v) {
    if (v < 20) {
      Add(kUnits[v]);
      return;
    }
    Add(kTens[v / 10]);
    if (v % 10) Add(kUnits[v % 10]);
  }
};

}  // namespace

size_t NumberInWords(std::string_view t, std::string_view* out, size_t max) {
  if (t.empty() || t.size() > 7) return 0;
  const size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot), frac;
  if (dot != std::string_view::npos) frac = t.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.size() != 1)) return 0;
  unsigned n = 0;
  bool comma = false;
  for (size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c == ',') {  // only as a thousands separator: "2,000"
      if (comma || i == 0 || i > 3 || whole.size() - i != 4) return 0;
      comma = true;
      continue;
    }
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  if (whole.size() > 1 && whole[0] == '0') return 0;  // "007", "05"
  if (!frac.empty() && (frac[0] < '0' || frac[0] > '9')) return 0;
  WordSink w{out, max};
  if (n < 100) {
    w.Below100(n);
  } else if (n < 1000) {
    w.Add(kUnits[n / 100]);
    w.Add("hundred");
    if (n % 100) w.Below100(n % 100);
  } else if (!comma && frac.empty() && n >= 1100 && n < 2000) {  // a year
    w.Below100(n / 100);
    if (n % 100 == 0) {
      w.Add("hundred");
    } else {
      if (n % 100 < 10) w.Add("oh");
      w.Below100(n % 100);
    }
  } else if (n % 1000 == 0 && n < 100000) {
    w.Below100(n / 1000);
    w.Add("thousand");
  } else if (!comma && frac.empty() && n > 2000 && n < 2010) {
    w.Add("two");
    w.Add("thousand");
    w.Add(kUnits[n - 2000]);
  } else {
    return 0;
  }
  if (!frac.empty()) {
    w.Add("point");
    w.Add(kUnits[frac[0] - '0']);
  }
  return w.full ? 0 : w.n;
}

std::optional<double> CardinalValue(std::string_view token) {
  if (token.empty()) return std::nullopt;
  if (token.front() < '0' || token.front() > '9') {
    if (!MaybeCardinal(token)) return std::nullopt;
    for (const auto& [word, value] : kWords) {
      if (token == word) return value;
    }
    return std::nullopt;
  }
  double value = 0;
  for (char c : token) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::vector<double> CardinalValues(std::span<const std::string_view> tokens) {
  std::vector<double> v;
  if (!AnyMaybeCardinal(tokens)) return v;  // most spans: no allocation
  for (std::string_view t : tokens) {
    if (auto x = CardinalValue(t)) v.push_back(*x);
  }
  std::sort(v.begin(), v.end());
  return v;
}

std::optional<uint64_t> CardinalOfWords(std::span<const std::string_view> words) {
  auto index_of = [](std::span<const std::string_view> table, std::string_view w) -> int {
    for (size_t k = 0; k < table.size(); ++k) {
      if (!table[k].empty() && table[k] == w) return static_cast<int>(k);
    }
    return -1;
  };
  constexpr std::pair<std::string_view, uint64_t> kScales[] = {
      {"thousand", 1000}, {"million", 1000000}, {"billion", 1000000000}};
  uint64_t total = 0;       // the groups closed by a scale word
  uint64_t group = 0;       // the group being read (below 1000)
  uint64_t last_scale = 0;  // the scale that closed the previous group (0: none yet)
  // What the group holds so far: below-100 part's state and its hundreds.
  bool has_ten = false, has_unit = false, has_hundred = false, after_hyphen = false;
  bool any = false, leading_a = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (w == "a" && i == 0) {  // "a hundred", "a thousand", "a million"
      leading_a = true;
      continue;
    }
    if (w == "-") {  // "forty - two": only between a ten and a unit
      if (!has_ten || has_unit || after_hyphen) return std::nullopt;
      after_hyphen = true;
      continue;
    }
    if (w == "and") {  // "one hundred and five"
      if (!has_hundred || has_ten || has_unit || i + 1 == words.size()) return std::nullopt;
      continue;
    }
    const int unit = index_of(kUnits, w);
    if (unit >= 1) {
      if (has_unit || (has_ten && unit >= 10) || leading_a) return std::nullopt;
      if (after_hyphen && unit >= 10) return std::nullopt;
      group += static_cast<uint64_t>(unit);
      has_unit = true;
      after_hyphen = false;
      any = true;
      continue;
    }
    if (after_hyphen) return std::nullopt;
    const int ten = index_of(kTens, w);
    if (ten >= 2) {
      if (has_ten || has_unit || leading_a) return std::nullopt;
      group += static_cast<uint64_t>(ten) * 10;
      has_ten = true;
      any = true;
      continue;
    }
    if (w == "hundred") {
      // "a hundred", "one hundred", "five hundred"; not "hundred" alone,
      // "twenty hundred" or "hundred hundred".
      if (has_hundred || has_ten || !(has_unit || leading_a)) return std::nullopt;
      if (leading_a) group = 1;
      if (group == 0) return std::nullopt;
      group *= 100;
      has_hundred = true;
      has_unit = false;
      leading_a = false;
      any = true;
      continue;
    }
    uint64_t scale = 0;
    for (const auto& [name, value] : kScales) {
      if (w == name) scale = value;
    }
    if (scale == 0) return std::nullopt;
    if (!(group > 0 || leading_a) || (last_scale != 0 && scale >= last_scale)) return std::nullopt;
    total += (leading_a ? 1 : group) * scale;
    last_scale = scale;
    group = 0;
    has_ten = has_unit = has_hundred = leading_a = false;
    any = true;
  }
  if (!any || leading_a || after_hyphen) return std::nullopt;
  return total + group;
}

std::optional<SpelledNumber> SpelledNumberAt(std::span<const std::string_view> words, size_t i,
                                             const std::vector<bool>* usable) {
  // A number word spelled with letters: digits ("forty-50") end a run.
  auto number_word = [](std::string_view w) {
    return w == "one" || w == "hundred" ||
           (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && CardinalValue(w).has_value());
  };
  // "a", "and" and "-" only inside a number; the hyphen of "forty-two" is
  // part of it, usable or not (punctuation).
  auto part = [&](size_t k) {
    if (k > i && words[k] == "-") return true;
    return (usable == nullptr || (*usable)[k]) &&
           (number_word(words[k]) || (k > i && words[k] == "and") || (k == i && words[k] == "a"));
  };
  if (i >= words.size() || !part(i)) return std::nullopt;
  bool first_word = true;
  for (size_t k = 0; k < i && first_word; ++k) first_word = !HasAlnum(words[k]);
  if (first_word) return std::nullopt;
  // Not from inside a run: "hundred" of "a hundred", "two" of "fifty two".
  if (number_word(words[i - 1]) || words[i - 1] == "-") return std::nullopt;
  if (words[i - 1] == "a" && number_word(words[i])) return std::nullopt;
  size_t end = i;
  while (end < words.size() && end - i < kMaxNumberWords && part(end)) ++end;
  // Never part of a number: the run must end where the number does.
  auto continues = [&](size_t e) {
    return e < words.size() && (number_word(words[e]) || (words[e] == "-" && e + 1 < words.size() &&
                                                          number_word(words[e + 1])));
  };
  for (size_t e = end; e > i; --e) {
    if (continues(e)) continue;
    if (const std::optional<uint64_t> v = CardinalOfWords(words.subspan(i, e - i))) {
      return SpelledNumber{i, e - i, *v};
    }
  }
  return std::nullopt;
}

}  // namespace unspin
