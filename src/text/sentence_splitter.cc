// Sentence splitting over tokens. A sentence ends at a terminator (. ! ? or
// a word ending in '.', such as "U.S."), plus any closing quotes or brackets,
// when white space follows and the next word looks like a sentence start.
// Abbreviations and initials suppress the split; paragraph breaks force it.
#include <algorithm>
#include <array>
#include <string_view>

#include "unspin/text.h"

namespace unspin {
namespace {

// Never end a sentence: titles before names, "St.", initials.
constexpr std::array<std::string_view, 24> kTitleAbbrevs = {
    "mr",   "mrs", "ms",  "dr",  "prof",   "sen", "rep", "gov",  "gen", "col", "lt",   "sgt",
    "capt", "st",  "rev", "hon", "messrs", "mt",  "ft",  "cmdr", "adm", "maj", "supt", "pres"};

// End a sentence only before a typical sentence opener.
constexpr std::array<std::string_view, 16> kOtherAbbrevs = {
    "inc",  "corp", "co",  "ltd",    "llc",  "plc", "jr", "sr",
    "bros", "vs",   "etc", "approx", "dept", "est", "cf", "univ"};

// Abbreviations only when a number follows ("Aug. 9", "No. 5"); otherwise
// the period ends the sentence ("said no. Shares ...").
constexpr std::array<std::string_view, 17> kNumberAbbrevs = {
    "no",  "nos", "vol", "pp",  "fig",  "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};

// Closed-class words that typically open a sentence.
constexpr std::array<std::string_view, 40> kSentenceOpeners = {
    "the",  "a",    "an",    "he",    "she",    "it",      "they",     "we",        "i",     "you",
    "this", "that", "these", "those", "but",    "and",     "in",       "on",        "at",    "for",
    "if",   "when", "while", "as",    "there",  "his",     "her",      "its",       "their", "our",
    "some", "many", "most",  "after", "before", "however", "analysts", "officials", "other", "one"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool IsTerminatorPunct(const Token& t) {
  return t.kind == TokenKind::kPunct && t.norm.find_first_of(".!?") != std::string::npos &&
         t.norm.find_first_not_of(".!?") == std::string::npos;
}

bool IsCloser(const Token& t) {
  return t.kind == TokenKind::kPunct && t.norm.size() <= 3 &&
         t.norm.find_first_not_of("\"')]}") == std::string::npos;
}

bool IsParagraphBreak(std::string_view text, uint64_t base, const Token& t) {
  if (!t.is_space()) return false;
  std::string_view s = text.substr(t.begin - base, t.size);
  return std::count(s.begin(), s.end(), '\n') >= 2;
}

enum class Before { kPlain, kTitle, kAbbrev };

// What precedes the terminator at index i (a "." token or an acronym);
// `next` is the first token after the white space that follows.
Before Classify(const std::vector<Token>& tok, size_t i, const Token& next) {
  const Token& t = tok[i];
  if (t.kind == TokenKind::kWord && t.norm.size() > 1 && t.norm.back() == '.')
    return Before::kAbbrev;
  if (t.norm != "." || i == 0) return Before::kPlain;
  const Token& w = tok[i - 1];
  if (w.kind != TokenKind::kWord) return Before::kPlain;
  if (Contains(kTitleAbbrevs, w.norm)) return Before::kTitle;
  if (w.shape == CaseShape::kTitle && w.size == 1) return Before::kTitle;  // initial "J."
  if (Contains(kOtherAbbrevs, w.norm)) return Before::kAbbrev;
  if (Contains(kNumberAbbrevs, w.norm) && next.kind == TokenKind::kNumber) return Before::kTitle;
  return Before::kPlain;
}

bool StartsUpperOrDigit(const Token& t) {
  if (t.kind == TokenKind::kNumber) return true;
  if (t.kind == TokenKind::kWord || t.kind == TokenKind::kUrl) {
    return t.shape == CaseShape::kTitle || t.shape == CaseShape::kUpper ||
           t.shape == CaseShape::kMixed;
  }
  // Opening quotes, brackets, dashes, symbols: a new sentence may start there.
  return t.kind == TokenKind::kPunct || t.kind == TokenKind::kOther;
}

}  // namespace

std::vector<SentenceRange> SplitSentences(std::string_view text, uint64_t base,
                                          const std::vector<Token>& tok,
                                          const SplitOptions& options) {
  std::vector<SentenceRange> out;
  size_t start = 0, words = 0;
  auto cut = [&](size_t end) {
    if (end > start) out.push_back({start, end});
    start = end;
    words = 0;
  };
  for (size_t i = 0; i < tok.size(); ++i) {
    const Token& t = tok[i];
    if (IsParagraphBreak(text, base, t)) {
      cut(i + 1);
      continue;
    }
    if (!t.is_space()) ++words;
    bool terminator = IsTerminatorPunct(t) ||
                      (t.kind == TokenKind::kWord && t.norm.size() > 1 && t.norm.back() == '.');
    if (!terminator) {
      // Bounded length: cut at white space, or anywhere if there is none.
      bool too_long = t.end() - tok[start].begin >= options.max_bytes;
      if ((words >= options.max_tokens && t.is_space()) || words >= 2 * options.max_tokens ||
          too_long) {
        cut(i + 1);
      }
      continue;
    }
    size_t j = i + 1;
    while (j < tok.size() && IsCloser(tok[j])) ++j;
    if (j < tok.size() && !tok[j].is_space()) continue;  // "3.5", "Yahoo!Inc"
    size_t space = j;                                    // the white space, if any
    size_t next = space + 1;
    if (space >= tok.size()) {
      if (options.at_end_of_input) cut(tok.size());
      continue;
    }
    if (next >= tok.size()) {
      if (options.at_end_of_input) cut(tok.size());
      continue;
    }
    const Token& n = tok[next];
    Before before = Classify(tok, i, n);
    bool split = false;
    if (IsParagraphBreak(text, base, tok[space])) {
      split = true;
    } else if (before == Before::kTitle) {
      split = false;
    } else if (before == Before::kAbbrev) {
      split = n.kind == TokenKind::kWord && n.shape == CaseShape::kTitle &&
              Contains(kSentenceOpeners, n.norm);
    } else {
      split = StartsUpperOrDigit(n) || t.norm.find_first_of("!?") != std::string::npos;
      if (n.kind == TokenKind::kWord && n.shape == CaseShape::kLower) split = false;
    }
    if (split) {
      cut(space + 1);
      i = space;
    }
  }
  cut(tok.size());
  return out;
}

}  // namespace unspin
