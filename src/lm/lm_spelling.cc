#include "lm/lm_spelling.h"

#include <string>
#include <vector>

namespace unspin {

namespace {

constexpr std::string_view kUnits[] = {"zero",    "one",     "two",       "three",    "four",
                                       "five",    "six",     "seven",     "eight",    "nine",
                                       "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                       "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::string_view kTens[] = {"",      "",      "twenty",  "thirty", "forty",
                                      "fifty", "sixty", "seventy", "eighty", "ninety"};

// Words of 0 <= n < 100.
void Below100(unsigned n, std::vector<std::string_view>* w) {
  if (n < 20) {
    w->push_back(kUnits[n]);
    return;
  }
  w->push_back(kTens[n / 10]);
  if (n % 10) w->push_back(kUnits[n % 10]);
}

// How a broadcast-news LM writes a number token: "52" -> "fifty two",
// "300" -> "three hundred", "1987" -> "nineteen eighty seven", "5.5" ->
// "five point five", "2,000" -> "two thousand". Empty when the token is not
// such a number or needs more than kMaxSpelledWords words.
std::vector<std::string_view> SpellNumber(std::string_view t) {
  std::vector<std::string_view> w;
  if (t.empty() || t.size() > 7) return w;
  size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot), frac;
  if (dot != std::string_view::npos) frac = t.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.size() != 1)) return w;
  unsigned n = 0;
  bool comma = false;
  for (size_t i = 0; i < whole.size(); ++i) {
    char c = whole[i];
    if (c == ',') {  // only as a thousands separator: "2,000"
      if (comma || i == 0 || i > 3 || whole.size() - i != 4) return w;
      comma = true;
      continue;
    }
    if (c < '0' || c > '9') return w;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  if (whole.size() > 1 && whole[0] == '0') return w;  // "007", "05"
  if (!frac.empty() && (frac[0] < '0' || frac[0] > '9')) return w;
  if (n < 100) {
    Below100(n, &w);
  } else if (n < 1000) {
    w.push_back(kUnits[n / 100]);
    w.push_back("hundred");
    if (n % 100) Below100(n % 100, &w);
  } else if (!comma && frac.empty() && n >= 1100 && n < 2000) {  // a year
    Below100(n / 100, &w);
    if (n % 100 == 0) {
      w.push_back("hundred");
    } else {
      if (n % 100 < 10) w.push_back("oh");
      Below100(n % 100, &w);
    }
  } else if (n % 1000 == 0 && n < 100000) {
    Below100(n / 1000, &w);
    w.push_back("thousand");
  } else if (!comma && frac.empty() && n > 2000 && n < 2010) {
    w.push_back("two");
    w.push_back("thousand");
    w.push_back(kUnits[n - 2000]);
  } else {
    return {};
  }
  if (!frac.empty()) {
    w.push_back("point");
    w.push_back(kUnits[frac[0] - '0']);
  }
  if (w.size() > kMaxSpelledWords) return {};
  return w;
}

}  // namespace

size_t SpellForLm(const LanguageModel& lm, std::string_view token, WordId* out) {
  out[0] = lm.Index(token);
  if (out[0] != lm.oov_id()) return 1;
  if (!token.empty() && token[0] >= '0' && token[0] <= '9') {
    std::vector<std::string_view> words = SpellNumber(token);
    size_t n = 0;
    for (std::string_view w : words) {
      WordId id = lm.Index(w);
      if (id == lm.oov_id()) return 1;  // out[0] is the OOV id
      out[n++] = id;
    }
    if (n > 0) return n;
    out[0] = lm.oov_id();
    return 1;
  }
  if (token.size() < 3 || token.find('.') == std::string_view::npos) return 1;
  // "u.s." -> "u." "s."; every piece must be one letter-run and known.
  size_t n = 0, start = 0;
  std::string piece;
  while (start < token.size()) {
    size_t dot = token.find('.', start);
    if (dot == std::string_view::npos || dot == start || n == kMaxSpelledWords) {
      out[0] = lm.oov_id();
      return 1;
    }
    piece.assign(token.substr(start, dot + 1 - start));
    WordId id = lm.Index(piece);
    if (id == lm.oov_id()) {
      out[0] = id;
      return 1;
    }
    out[n++] = id;
    start = dot + 1;
  }
  return n;
}

bool LmKnowsPhrase(const LanguageModel& lm, std::string_view phrase) {
  WordId ids[kMaxSpelledWords];
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    std::string_view w = phrase.substr(start, end - start);
    if (!w.empty()) {
      size_t n = SpellForLm(lm, w, ids);
      if (n == 1 && ids[0] == lm.oov_id()) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace unspin
