#include "text/phrase.h"
#include "text/utf8.h"
#include "unspin/text.h"

namespace unspin {

namespace {

// Bytes of the dotted initials ("u.s.", "u.n.") `text` starts with, as a
// whole word: single ASCII letters each followed by a dot; 0 if none.
size_t DottedInitialsPrefix(std::string_view text) {
  size_t i = 0;
  while (i + 1 < text.size() &&
         ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')) &&
         text[i + 1] == '.') {
    i += 2;
  }
  const bool word_ends = i == text.size() || text[i] == ' ';
  return i >= 4 && word_ends ? i : 0;
}

}  // namespace

std::string ApplyCaseShape(std::string_view text, CaseShape shape) {
  if (shape != CaseShape::kTitle && shape != CaseShape::kUpper) return std::string(text);
  if (shape == CaseShape::kTitle) {
    // Initials are written in capitals: "United States" -> "U.S.", not "U.s.".
    if (const size_t n = DottedInitialsPrefix(text); n > 0) {
      std::string out(text);
      for (size_t i = 0; i < n; i += 2) {
        if (out[i] >= 'a' && out[i] <= 'z') out[i] = static_cast<char>(out[i] - 'a' + 'A');
      }
      return out;
    }
  }
  std::string out;
  out.reserve(text.size());
  bool first_letter_done = false;
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) {  // invalid byte: copy through
      out += text[i++];
      continue;
    }
    bool letter = Classify(cp) == CharClass::kLetter;
    if (letter && (shape == CaseShape::kUpper || !first_letter_done)) {
      AppendUtf8(ToUpper(cp), &out);
    } else {
      out.append(text.substr(i, n));
    }
    if (letter) first_letter_done = true;
    i += n;
  }
  return out;
}

CaseShape ReplacementShape(std::span<const Token* const> tokens) {
  const Token* first = nullptr;
  bool all_upper = true, multi_letter = false;
  for (const Token* t : tokens) {
    if (t->shape == CaseShape::kNone || t->kind == TokenKind::kSpace) continue;
    if (first == nullptr) first = t;
    multi_letter |= t->size > 1;
    all_upper &= t->shape == CaseShape::kUpper;
  }
  if (first == nullptr) return CaseShape::kNone;
  if (all_upper && multi_letter) return CaseShape::kUpper;
  if (first->shape != CaseShape::kUpper) return first->shape;
  return first->size > 1 ? CaseShape::kUpper : CaseShape::kTitle;
}

std::string ApplyReplacementCase(std::string_view text, std::span<const Token* const> tokens) {
  thread_local std::vector<const Token*> observed;
  observed.clear();
  size_t cased = 0, capitalised = 0;
  for (const Token* t : tokens) {
    if (t->kind == TokenKind::kSpace) continue;
    observed.push_back(t);
    cased += t->shape != CaseShape::kNone;
    capitalised += t->shape == CaseShape::kTitle;
  }
  thread_local std::vector<std::string_view> words;
  SplitPhrase(text, &words);
  const bool word_by_word = words.size() > 1 && words.size() == observed.size();
  const bool all_capitalised = cased >= 2 && capitalised == cased;
  if (!word_by_word && !all_capitalised) return ApplyCaseShape(text, ReplacementShape(tokens));
  std::string out;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k > 0) out += ' ';
    const CaseShape shape = word_by_word
                                ? ReplacementShape(std::span<const Token* const>(&observed[k], 1))
                                : CaseShape::kTitle;
    out += ApplyCaseShape(words[k], shape);
  }
  return out;
}

}  // namespace unspin
