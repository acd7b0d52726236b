#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "text/token_diff.h"
#include "text/utf8.h"

namespace unspin {
namespace {

// Python's \w: letters, digits (Unicode) and '_'.
bool IsWordChar(char32_t cp) {
  if (cp == '_') return true;
  CharClass c = Classify(cp);
  return c == CharClass::kLetter || c == CharClass::kDigit;
}

bool IsSpaceChar(char32_t cp) {
  return Classify(cp) == CharClass::kSpace || (cp >= 0x1c && cp <= 0x1f) || cp == 0x85;
}

struct Char {
  char32_t cp;  // quote-folded
  size_t begin, end;
};

std::vector<Char> Decode(std::string_view text) {
  std::vector<Char> out;
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) {
      cp = 0xfffd;
      n = 1;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == '`') cp = '\'';
    if (cp == 0x201c || cp == 0x201d) cp = '"';
    out.push_back({cp, i, i + n});
    i += n;
  }
  return out;
}

double Ratio(size_t num, size_t den, double if_zero) {
  return den ? static_cast<double>(num) / static_cast<double>(den) : if_zero;
}

std::vector<std::string> Texts(const std::vector<ScoreToken>& t) {
  std::vector<std::string> out;
  out.reserve(t.size());
  for (const ScoreToken& x : t) out.push_back(x.text);
  return out;
}

}  // namespace

std::vector<ScoreToken> ScoreTokens(std::string_view text) {
  std::vector<Char> chars = Decode(text);
  std::vector<ScoreToken> out;
  auto lower = [&](size_t from, size_t to) {
    std::string s;
    for (size_t k = from; k < to; ++k) AppendUtf8(ToLower(chars[k].cp), &s);
    return s;
  };
  size_t i = 0;
  while (i < chars.size()) {
    if (IsWordChar(chars[i].cp)) {
      size_t j = i;
      while (j < chars.size() && IsWordChar(chars[j].cp)) ++j;
      if (j + 1 < chars.size() && chars[j].cp == '\'' && IsWordChar(chars[j + 1].cp)) {
        j += 1;
        while (j < chars.size() && IsWordChar(chars[j].cp)) ++j;
      }
      out.push_back({lower(i, j), chars[i].begin, chars[j - 1].end});
      i = j;
    } else if (IsSpaceChar(chars[i].cp)) {
      ++i;
    } else {
      out.push_back({lower(i, i + 1), chars[i].begin, chars[i].end});
      ++i;
    }
  }
  return out;
}

void RestoreCounts::Add(const RestoreCounts& o) {
  gold_edits += o.gold_edits;
  system_edits += o.system_edits;
  tp += o.tp;
  dist_before += o.dist_before;
  dist_after += o.dist_after;
  ref_tokens += o.ref_tokens;
}
double RestoreCounts::precision() const { return Ratio(tp, system_edits, 1.0); }
double RestoreCounts::recall() const { return Ratio(tp, gold_edits, 1.0); }
double RestoreCounts::f05() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 1.25 * p * r / (0.25 * p + r) : 0.0;
}
double RestoreCounts::wer_before() const {
  return Ratio(dist_before, std::max<size_t>(1, ref_tokens), 0);
}
double RestoreCounts::wer_after() const {
  return Ratio(dist_after, std::max<size_t>(1, ref_tokens), 0);
}
double RestoreCounts::wer_reduction() const {
  return dist_before ? 1.0 - static_cast<double>(dist_after) / static_cast<double>(dist_before)
                     : 0.0;
}

RestoreCounts ScoreRestore(std::string_view spun, std::string_view original,
                           std::string_view restored) {
  std::vector<std::string> s = Texts(ScoreTokens(spun)), o = Texts(ScoreTokens(original)),
                           r = Texts(ScoreTokens(restored));
  std::set<TokenEdit> gold = DiffEdits(s, o), sys = DiffEdits(s, r);
  RestoreCounts c;
  c.gold_edits = gold.size();
  c.system_edits = sys.size();
  for (const TokenEdit& e : sys) c.tp += gold.count(e);
  c.dist_before = EditDistance(s, o);
  c.dist_after = EditDistance(r, o);
  c.ref_tokens = o.size();
  return c;
}

void DetectCounts::Add(const DetectCounts& o) {
  gold_tokens += o.gold_tokens;
  flagged_tokens += o.flagged_tokens;
  tp += o.tp;
}
double DetectCounts::precision() const { return Ratio(tp, flagged_tokens, 1.0); }
double DetectCounts::recall() const { return Ratio(tp, gold_tokens, 1.0); }
double DetectCounts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

namespace {
// score.py's gold token indices of `st` (the spun text's tokens).
std::set<size_t> GoldTokens(const std::vector<ScoreToken>& st, std::string_view original) {
  std::set<size_t> gold;
  for (const TokenEdit& e : DiffEdits(Texts(st), Texts(ScoreTokens(original)))) {
    size_t i1 = std::get<0>(e), i2 = std::get<1>(e);
    if (i2 > i1) {
      for (size_t k = i1; k < i2; ++k) gold.insert(k);
    } else {
      gold.insert(i1 > 0 ? i1 - 1 : 0);  // an insertion flags the token before it
    }
  }
  return gold;
}
}  // namespace

std::vector<std::pair<size_t, size_t>> ChangedTokenRanges(std::string_view spun,
                                                          std::string_view original) {
  std::vector<ScoreToken> st = ScoreTokens(spun);
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t k : GoldTokens(st, original)) {
    if (k < st.size()) out.emplace_back(st[k].begin, st[k].end);  // none in an empty text
  }
  return out;
}

DetectCounts ScoreDetect(std::string_view spun, std::string_view original,
                         const std::vector<std::pair<size_t, size_t>>& spans) {
  std::vector<ScoreToken> st = ScoreTokens(spun);
  std::set<size_t> gold = GoldTokens(st, original);
  std::set<size_t> flagged;
  for (size_t k = 0; k < st.size(); ++k) {
    for (const auto& [s, e] : spans) {
      if (st[k].begin < e && s < st[k].end) {
        flagged.insert(k);
        break;
      }
    }
  }
  DetectCounts c;
  c.gold_tokens = gold.size();
  c.flagged_tokens = flagged.size();
  for (size_t k : flagged) c.tp += gold.count(k);
  return c;
}

double RocAuc(const std::vector<double>& positives, const std::vector<double>& negatives) {
  if (positives.empty() || negatives.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<double, int>> all;
  for (double p : positives) all.emplace_back(p, 1);
  for (double n : negatives) all.emplace_back(n, 0);
  std::sort(all.begin(), all.end());
  // Mann-Whitney U with average ranks for ties.
  double rank_sum = 0;
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    double avg_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (all[k].second) rank_sum += avg_rank;
    }
    i = j;
  }
  double np = static_cast<double>(positives.size()), nn = static_cast<double>(negatives.size());
  return (rank_sum - np * (np + 1) / 2) / (np * nn);
}

}  // namespace unspin
