#include "lexicon/fingerprints.h"

#include <algorithm>
#include <memory>

#include "base/line_reader.h"
#include "lexicon/lexicon_types.h"

namespace unspin {

Status FingerprintList::Load(const std::string& path, const Morphology& morphology,
                             const WordFilter& is_word) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  std::string_view line;
  size_t added = 0;
  std::vector<std::string> forms, expected_forms;
  while (r->Next(&line)) {
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(r->line_number()) +
                                     ": expected 'tortured<TAB>expected'");
    }
    const std::string tortured = NormalizePhrase(line.substr(0, tab));
    std::string_view rest = line.substr(tab + 1);
    rest = rest.substr(0, rest.find('\t'));
    rest = rest.substr(0, rest.find(" / "));  // the first of "a / b"
    const std::string expected(rest);
    if (r->line_number() == 1 && tortured == "tortured") continue;  // header
    if (tortured.empty() || expected.empty()) continue;
    forms_.emplace(tortured, expected);
    max_tokens_ = std::max(max_tokens_, SplitPhrase(tortured).size());
    // Inflected forms, each with the expected phrase inflected alike (or as
    // it is when that has no such form).
    auto add_inflected = [&](Pos pos, Inflection infl) {
      forms.clear();
      expected_forms.clear();
      morphology.InflectPhrase(tortured, pos, infl, nullptr, &forms);
      morphology.InflectPhrase(NormalizePhrase(expected), pos, infl, is_word, &expected_forms);
      for (const std::string& f : forms) {
        forms_.emplace(f, expected_forms.empty() ? expected : expected_forms.front());
        max_tokens_ = std::max(max_tokens_, SplitPhrase(f).size());
      }
    };
    for (Inflection infl : {Inflection::kPlural, Inflection::kPossessive}) {
      add_inflected(Pos::kNoun, infl);
    }
    for (Inflection infl : {Inflection::kThirdPerson, Inflection::kPast, Inflection::kGerund}) {
      add_inflected(Pos::kVerb, infl);
    }
    ++added;
  }
  UNSPIN_RETURN_IF_ERROR(r->status());
  if (added == 0) return Status::InvalidArgument(path + ": no fingerprints");
  phrases_ += added;
  return Status::Ok();
}

void FingerprintList::FindAll(std::span<const std::string_view> words,
                              std::vector<Match>* out) const {
  out->clear();
  if (forms_.empty()) return;
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    key.clear();
    Match best;
    for (size_t k = i; k < words.size() && k - i < max_tokens_; ++k) {
      if (!key.empty()) key += ' ';
      key += words[k];
      auto it = forms_.find(key);
      if (it != forms_.end()) best = {i, k + 1, &it->second};
    }
    if (best.expected == nullptr) continue;
    out->push_back(best);
    i = best.end - 1;
  }
}

void FingerprintList::FindAll(const Sentence& s, std::vector<Match>* out) const {
  std::vector<std::string_view> words;
  for (const Token& t : s.tokens) {
    if (t.kind != TokenKind::kSpace) words.push_back(t.norm);
  }
  FindAll(words, out);
}

}  // namespace unspin
