#include "text/number_words.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

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

// A cheap test that rules out almost every token: a digit, or the length
// and first letter of one of kWords.
bool MaybeCardinal(std::string_view t) {
  // (first letter, length) pairs of kWords, as bits: length n sets bit n.
  static const std::array<uint16_t, 26> kShapes = [] {
    std::array<uint16_t, 26> a{};
    for (const auto& [word, value] : kWords) {
      a[static_cast<size_t>(word.front() - 'a')] |= static_cast<uint16_t>(1u << word.size());
    }
    return a;
  }();
  if (t.empty()) return false;
  const char c = t.front();
  if (c >= '0' && c <= '9') return true;
  if (c < 'a' || c > 'z' || t.size() > 15) return false;
  return (kShapes[static_cast<size_t>(c - 'a')] >> t.size()) & 1u;
}

bool AnyMaybeCardinal(std::span<const std::string_view> tokens) {
  for (std::string_view t : tokens) {
    if (MaybeCardinal(t)) return true;
  }
  return false;
}

std::vector<double> Values(std::span<const std::string_view> tokens) {
  std::vector<double> v;
  for (std::string_view t : tokens) {
    if (auto x = CardinalValue(t)) v.push_back(*x);
  }
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

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

bool SameQuantities(std::span<const std::string_view> a, std::span<const std::string_view> b) {
  if (!AnyMaybeCardinal(a) && !AnyMaybeCardinal(b)) return true;
  return Values(a) == Values(b);
}

}  // namespace unspin
