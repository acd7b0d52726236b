#include "text/phrase.h"

#include "unspin/text.h"

namespace unspin {

std::string NormalizePhrase(std::string_view phrase) {
  std::vector<Token> tokens;
  Tokenize(phrase, 0, &tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kSpace) continue;
    if (!out.empty()) out += ' ';
    out += t.norm;
  }
  return out;
}

void SplitPhrase(std::string_view phrase, std::vector<std::string_view>* out) {
  out->clear();
  size_t start = 0;
  while (start <= phrase.size()) {
    size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    if (end > start) out->push_back(phrase.substr(start, end - start));
    start = end + 1;
  }
}

std::vector<std::string_view> SplitPhrase(std::string_view phrase) {
  std::vector<std::string_view> out;
  SplitPhrase(phrase, &out);
  return out;
}

}  // namespace unspin
