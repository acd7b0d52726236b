#include "detect/short_pieces.h"

#include <algorithm>
#include <memory>

#include "eval/metrics.h"

namespace unspin {

std::vector<std::pair<size_t, size_t>> CutIntoPieces(std::string_view text, size_t max_words,
                                                     uint64_t seed) {
  std::vector<std::pair<size_t, size_t>> pieces;
  if (max_words <= kMinPieceWords) return pieces;
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  auto next_target = [&]() {  // splitmix64 step, then a length in range
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return kMinPieceWords + static_cast<size_t>(z % (max_words - kMinPieceWords));
  };
  std::unique_ptr<SentenceReader> reader = SentenceReader::FromString(text);
  Sentence s;
  size_t target = next_target(), words = 0, begin = 0, end = 0;
  bool open = false;
  while (reader->Next(&s)) {
    size_t n = 0;
    const Token* last = nullptr;  // the sentence's last token that is not white space
    for (const Token& t : s.tokens) {
      n += t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
      if (t.kind != TokenKind::kSpace) last = &t;
    }
    if (n == 0) continue;
    if (!open) {
      begin = s.tokens.front().kind == TokenKind::kSpace && s.tokens.size() > 1
                  ? s.tokens[1].begin
                  : s.tokens.front().begin;
      open = true;
    }
    end = last->end();
    words += n;
    if (words >= target) {
      pieces.emplace_back(begin, end);
      open = false;
      words = 0;
      target = next_target();
    }
  }
  if (open && words >= kMinPieceWords) pieces.emplace_back(begin, end);
  return pieces;
}

PieceTexts CutTrainingPieces(const std::vector<std::string>& spun,
                             const std::vector<std::string>& originals,
                             const std::vector<std::string>& clean, size_t max_words) {
  PieceTexts out;
  for (size_t d = 0; d < spun.size(); ++d) {
    std::vector<std::pair<size_t, size_t>> changed;
    const bool labelled = d < originals.size() && !originals[d].empty();
    if (labelled) changed = ChangedTokenRanges(spun[d], originals[d]);
    for (const auto& [begin, end] : CutIntoPieces(spun[d], max_words, d)) {
      size_t inside = 0;
      for (const auto& [b, e] : changed) inside += b < end && begin < e;
      if (labelled && inside == 0) continue;
      out.spun.push_back(spun[d].substr(begin, end - begin));
      out.spun_parent.push_back(d);
      const std::string& piece = out.spun.back();
      const size_t words = 1 + static_cast<size_t>(std::count(piece.begin(), piece.end(), ' '));
      out.spun_density.push_back(labelled ? static_cast<double>(inside) / words : 0.0);
    }
  }
  for (size_t d = 0; d < clean.size(); ++d) {
    for (const auto& [begin, end] : CutIntoPieces(clean[d], max_words, spun.size() + d)) {
      out.clean.push_back(clean[d].substr(begin, end - begin));
    }
  }
  return out;
}

}  // namespace unspin
