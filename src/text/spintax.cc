#include "text/spintax.h"

namespace unspin {
namespace {

bool IsPunct(const Token& t, char c) {
  return t.size == 1 && t.norm.size() == 1 && t.norm[0] == c && t.kind != TokenKind::kWord &&
         t.kind != TokenKind::kNumber;
}

// Whether a word token has two or more letters (ASCII or not: any byte
// outside ASCII counts, as the tokenizer keeps letters of other scripts in
// words).
bool HasTwoLetters(const Token& t) {
  size_t letters = 0;
  for (unsigned char c : t.norm) {
    letters += (c >= 'a' && c <= 'z') || c >= 0x80;
    if (letters >= 2) return true;
  }
  return false;
}

}  // namespace

void FindSpintax(std::span<const Token* const> words, std::vector<SpintaxGroup>* out) {
  out->clear();
  SpintaxGroup group;
  for (size_t open = 0; open < words.size(); ++open) {
    if (!IsPunct(*words[open], '{')) continue;
    // "P{A|B}": a brace glued to a word or number is notation.
    if (open > 0 && words[open - 1]->end() == words[open]->begin &&
        (words[open - 1]->kind == TokenKind::kWord || words[open - 1]->kind == TokenKind::kNumber))
      continue;
    group.alternatives.clear();
    group.begin = open;
    SpintaxGroup::Alternative alt;
    alt.first = open + 1;
    bool long_word = false, ok = false;
    size_t alt_words = 0;       // the alternative's words and numbers so far
    bool after_hyphen = false;  // its last token is a hyphen
    size_t k = open + 1;
    for (; k < words.size(); ++k) {
      const Token& t = *words[k];
      const bool bar = IsPunct(t, '|'), close = IsPunct(t, '}');
      if (bar || close) {
        if (alt_words == 0 || after_hyphen || group.alternatives.size() == kMaxSpintaxAlternatives)
          break;
        alt.start = words[alt.first]->begin;
        alt.end = words[k - 1]->end();
        group.alternatives.push_back(alt);
        alt = SpintaxGroup::Alternative();
        alt.first = k + 1;
        alt_words = 0;
        if (close) {
          ok = group.alternatives.size() >= 2 && long_word;
          break;
        }
        continue;
      }
      // "non - public": a hyphen between two words of an alternative.
      if (IsPunct(t, '-') && alt_words > 0 && !after_hyphen) {
        after_hyphen = true;
        ++alt.tokens;
        continue;
      }
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) break;
      if (++alt_words > kMaxSpintaxAlternativeWords) break;
      ++alt.tokens;
      after_hyphen = false;
      long_word |= t.kind == TokenKind::kWord && HasTwoLetters(t);
    }
    if (!ok) continue;  // an inner "{" is tried in its turn
    group.end = k + 1;
    out->push_back(group);
    open = k;
  }
}

}  // namespace unspin
