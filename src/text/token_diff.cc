#include "text/token_diff.h"

#include <algorithm>
#include <unordered_map>

namespace unspin {
namespace {

// difflib's find_longest_match without junk.
struct Match {
  size_t i, j, k;
};

Match LongestMatch(const std::vector<std::string>& a, const std::vector<std::string>& b,
                   const std::unordered_map<std::string, std::vector<size_t>>& b2j, size_t alo,
                   size_t ahi, size_t blo, size_t bhi) {
  size_t besti = alo, bestj = blo, bestsize = 0;
  std::unordered_map<size_t, size_t> j2len, newj2len;
  for (size_t i = alo; i < ahi; ++i) {
    newj2len.clear();
    auto it = b2j.find(a[i]);
    if (it != b2j.end()) {
      for (size_t j : it->second) {
        if (j < blo) continue;
        if (j >= bhi) break;
        auto prev = j > 0 ? j2len.find(j - 1) : j2len.end();
        size_t k = (prev == j2len.end() ? 0 : prev->second) + 1;
        newj2len[j] = k;
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
    }
    std::swap(j2len, newj2len);
  }
  while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
    --besti;
    --bestj;
    ++bestsize;
  }
  while (besti + bestsize < ahi && bestj + bestsize < bhi &&
         a[besti + bestsize] == b[bestj + bestsize]) {
    ++bestsize;
  }
  return {besti, bestj, bestsize};
}

}  // namespace

std::vector<std::tuple<size_t, size_t, size_t, size_t>> DiffOpcodes(
    const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::unordered_map<std::string, std::vector<size_t>> b2j;
  for (size_t j = 0; j < b.size(); ++j) b2j[b[j]].push_back(j);
  // get_matching_blocks: a LIFO queue of ranges, as difflib does.
  std::vector<Match> blocks;
  std::vector<std::tuple<size_t, size_t, size_t, size_t>> queue = {{0, a.size(), 0, b.size()}};
  while (!queue.empty()) {
    auto [alo, ahi, blo, bhi] = queue.back();
    queue.pop_back();
    Match m = LongestMatch(a, b, b2j, alo, ahi, blo, bhi);
    if (m.k == 0) continue;
    blocks.push_back(m);
    if (alo < m.i && blo < m.j) queue.emplace_back(alo, m.i, blo, m.j);
    if (m.i + m.k < ahi && m.j + m.k < bhi) queue.emplace_back(m.i + m.k, ahi, m.j + m.k, bhi);
  }
  std::sort(blocks.begin(), blocks.end(), [](const Match& x, const Match& y) {
    return std::tie(x.i, x.j, x.k) < std::tie(y.i, y.j, y.k);
  });
  std::vector<Match> merged;
  for (const Match& m : blocks) {
    if (!merged.empty() && merged.back().i + merged.back().k == m.i &&
        merged.back().j + merged.back().k == m.j) {
      merged.back().k += m.k;
    } else {
      merged.push_back(m);
    }
  }
  merged.push_back({a.size(), b.size(), 0});
  std::vector<std::tuple<size_t, size_t, size_t, size_t>> ops;
  size_t i = 0, j = 0;
  for (const Match& m : merged) {
    if (i < m.i || j < m.j) ops.emplace_back(i, m.i, j, m.j);
    i = m.i + m.k;
    j = m.j + m.k;
  }
  return ops;
}

std::set<TokenEdit> DiffEdits(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
  std::set<TokenEdit> edits;
  for (const auto& [i1, i2, j1, j2] : DiffOpcodes(a, b)) {
    edits.emplace(i1, i2,
                  std::vector<std::string>(b.begin() + static_cast<std::ptrdiff_t>(j1),
                                           b.begin() + static_cast<std::ptrdiff_t>(j2)));
  }
  return edits;
}

size_t EditDistance(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace unspin
