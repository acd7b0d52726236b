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

}  // namespace unspin
