// Token sequence differences: the edits of Python's difflib.SequenceMatcher
// (autojunk off), exactly, and word-level Levenshtein distance. Used by the
// metrics (to agree with score.py) and by trace's alignment.
#ifndef UNSPIN_TEXT_TOKEN_DIFF_H_
#define UNSPIN_TEXT_TOKEN_DIFF_H_

#include <cstddef>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace unspin {

// (i1, i2, replacement): replace a[i1, i2) by these tokens of b.
using TokenEdit = std::tuple<size_t, size_t, std::vector<std::string>>;

// difflib.SequenceMatcher(a, b, autojunk=False).get_opcodes(), non-equal ones.
std::set<TokenEdit> DiffEdits(const std::vector<std::string>& a, const std::vector<std::string>& b);

// The same opcodes with the b-side range: (i1, i2, j1, j2), in order.
std::vector<std::tuple<size_t, size_t, size_t, size_t>> DiffOpcodes(
    const std::vector<std::string>& a, const std::vector<std::string>& b);

// Word-level Levenshtein distance.
size_t EditDistance(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace unspin

#endif  // UNSPIN_TEXT_TOKEN_DIFF_H_
