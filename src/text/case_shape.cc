#include "text/utf8.h"
#include "unspin/text.h"

namespace unspin {

std::string ApplyCaseShape(std::string_view text, CaseShape shape) {
  if (shape != CaseShape::kTitle && shape != CaseShape::kUpper) return std::string(text);
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

}  // namespace unspin
