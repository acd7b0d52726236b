#include "decode/sentence_decoder.h"

#include <algorithm>

#include "lm/lm_spelling.h"
#include "text/number_words.h"

namespace unspin {
namespace {

// Upper-case words this long or longer are not taken for acronyms.
constexpr size_t kMinUpperWordBytes = 6;

// Whether most of the sentence's cased words are upper case (a headline).
bool SetInCapitals(const std::vector<const Token*>& words) {
  size_t cased = 0, upper = 0;
  for (const Token* t : words) {
    if (t->kind != TokenKind::kWord || t->shape == CaseShape::kNone) continue;
    ++cased;
    upper += t->shape == CaseShape::kUpper;
  }
  return cased > 0 && upper * 10 >= cased * 6;
}

// NamedNumberWords, given whether the sentence is set in capitals.
std::vector<bool> NamedNumberWords(const std::vector<const Token*>& words, bool capitals) {
  std::vector<bool> named(words.size());
  bool first_word = true;
  for (size_t i = 0; i < words.size(); ++i) {
    const Token& t = *words[i];
    named[i] = !first_word && !capitals &&
               (t.shape == CaseShape::kTitle || t.shape == CaseShape::kUpper) &&
               CardinalValue(t.norm).has_value();
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) first_word = false;
  }
  return named;
}

}  // namespace

void DecodeSentence(const Decoder& decoder, const Sentence& s, DecodedSentence* out,
                    const std::vector<uint64_t>* wide_starts,
                    const std::vector<std::pair<size_t, size_t>>* frozen,
                    const WordCounts* context) {
  std::vector<const Token*>& words = out->words;
  words.clear();
  out->edits.clear();
  std::vector<std::string_view> norms;
  std::vector<bool> editable;
  for (const Token& t : s.tokens) {
    if (t.kind != TokenKind::kSpace) words.push_back(&t);
  }
  const bool capitals = SetInCapitals(words);
  // Short upper-case words are acronyms (IMF, GM, OPEC) unless the sentence
  // is set in capitals (a headline). Longer ones are emphasis or a spinner
  // keeping the case of an acronym it expanded ("U.S." -> "UNITED STATES").
  auto acronym = [capitals](const Token& t) {
    return t.shape == CaseShape::kUpper && !capitals && t.norm.size() < kMinUpperWordBytes;
  };
  // With the digits candidate (DecoderOptions::digits_prior) a number word
  // that names (NamedNumberWords) is not editable: spinners write the numbers
  // they spell out in lower case. (The detector's decoder, which the
  // detector's parameters were fitted on, has no digits candidate and reads
  // such words as before.)
  std::vector<bool> named;
  if (decoder.options().digits_prior > 0) named = NamedNumberWords(words, capitals);
  for (size_t i = 0; i < words.size(); ++i) {
    const Token& t = *words[i];
    norms.push_back(t.norm);
    // Words, and numbers written with letters ("1000's"); never pure numbers,
    // URLs, punctuation, mixed-case names or undecodable bytes.
    bool lettered_number = t.kind == TokenKind::kNumber &&
                           t.norm.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
    editable.push_back((t.kind == TokenKind::kWord || lettered_number) && !t.invalid_utf8 &&
                       t.shape != CaseShape::kMixed && !acronym(t) && !t.is_dotted_abbreviation() &&
                       (named.empty() || !named[i]));
  }
  if (frozen != nullptr) {
    for (const auto& [begin, end] : *frozen) {
      for (size_t k = begin; k < end && k < editable.size(); ++k) editable[k] = false;
    }
  }
  std::vector<bool> wide;
  if (wide_starts != nullptr) {
    for (const Token* t : words) {
      wide.push_back(std::binary_search(wide_starts->begin(), wide_starts->end(), t->begin));
    }
  }
  decoder.Decode(norms, editable, &out->edits, &out->reach,
                 wide_starts != nullptr ? &wide : nullptr, context);
}

void SentenceWords(const Sentence& s, DecodedSentence* out) {
  out->words.clear();
  out->edits.clear();
  out->reach.clear();
  for (const Token& t : s.tokens) {
    if (t.kind != TokenKind::kSpace) out->words.push_back(&t);
  }
}

std::vector<bool> NamedNumberWords(const std::vector<const Token*>& words) {
  return NamedNumberWords(words, SetInCapitals(words));
}

void CountWords(const LanguageModel& lm, const std::vector<Sentence>& sentences,
                WordCounts* counts) {
  counts->Reserve(lm.vocab_size());
  WordId ids[kMaxSpelledWords];
  for (const Sentence& s : sentences) {
    for (const Token& t : s.tokens) {
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber) continue;
      const size_t n = SpellForLm(lm, t.norm, ids);
      for (size_t k = 0; k < n; ++k) {
        if (ids[k] != lm.oov_id()) counts->Add(ids[k]);  // unknown words are not one word
      }
    }
  }
}

std::string ReplacementCase(std::string_view text, const std::vector<const Token*>& words,
                            size_t begin, size_t end) {
  return ApplyReplacementCase(text,
                              std::span<const Token* const>(words.data() + begin, end - begin));
}

}  // namespace unspin
