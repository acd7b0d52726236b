#include "decode/sentence_decoder.h"

namespace unspin {

void DecodeSentence(const Decoder& decoder, const Sentence& s, DecodedSentence* out) {
  std::vector<const Token*>& words = out->words;
  words.clear();
  out->edits.clear();
  std::vector<std::string_view> norms;
  std::vector<bool> editable;
  size_t cased = 0, upper = 0;
  for (const Token& t : s.tokens) {
    if (t.kind != TokenKind::kWord || t.shape == CaseShape::kNone) continue;
    ++cased;
    upper += t.shape == CaseShape::kUpper;
  }
  // Upper-case words are acronyms (U.S., IMF, GM) unless the sentence is
  // set in capitals (a headline).
  const bool capitals = cased > 0 && upper * 10 >= cased * 6;
  for (const Token& t : s.tokens) {
    if (t.kind == TokenKind::kSpace) continue;
    words.push_back(&t);
    norms.push_back(t.norm);
    // Words, and numbers written with letters ("1000's"); never pure numbers,
    // URLs, punctuation, mixed-case names or undecodable bytes.
    bool lettered_number = t.kind == TokenKind::kNumber &&
                           t.norm.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
    editable.push_back((t.kind == TokenKind::kWord || lettered_number) && !t.invalid_utf8 &&
                       t.shape != CaseShape::kMixed && (t.shape != CaseShape::kUpper || capitals));
  }
  decoder.Decode(norms, editable, &out->edits);
}

// The case to give a replacement: that of the replaced words.
CaseShape SpanShape(const std::vector<const Token*>& words, size_t begin, size_t end) {
  bool all_upper = true, multi = false;
  for (size_t k = begin; k < end; ++k) {
    all_upper &= words[k]->shape == CaseShape::kUpper;
    multi |= words[k]->size > 1;
  }
  if (all_upper && multi) return CaseShape::kUpper;
  CaseShape first = words[begin]->shape;
  return first == CaseShape::kUpper ? CaseShape::kTitle : first;
}

}  // namespace unspin
