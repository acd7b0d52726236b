#include "trace/learner.h"

#include <algorithm>
#include <unordered_map>

#include "base/jsonl.h"
#include "lexicon/dictionary_reader.h"
#include "lexicon/lexicon_types.h"
#include "text/phrase.h"
#include "unspin/html.h"

namespace unspin {

void SubstitutionLearner::Add(const std::string& original, const std::string& spun) {
  std::string o = NormalizePhrase(original), s = NormalizePhrase(spun);
  if (o.empty() || s.empty() || o == s) return;
  ++counts_[{o, s}];
}

Status SubstitutionLearner::AddFile(const std::string& path) {
  return ForEachJsonLine(path, [&](nlohmann::json& j, const std::string& where) {
    try {
      if (j.contains("matches")) {  // trace output: the best match's substitutions
        if (!j["matches"].empty() && j.contains("id")) matched_ids_.insert(j["id"].dump());
        if (!j["matches"].empty() && j["matches"][0].contains("substitutions")) {
          for (const auto& s : j["matches"][0]["substitutions"]) {
            Add(s.at("source").get<std::string>(), s.at("spun").get<std::string>());
          }
        }
      } else if (j.contains("edits")) {  // spin output
        for (const auto& e : j["edits"]) {
          Add(e.at("from").get<std::string>(), e.at("to").get<std::string>());
        }
        if (j.contains("spun")) AddText(j["spun"].get<std::string>());
      } else {
        return Status::InvalidArgument(where +
                                       ": expected trace output (\"matches\") or spin "
                                       "output (\"edits\")");
      }
    } catch (const std::exception& e) {
      return Status::InvalidArgument(where + ": " + e.what());
    }
    ++documents_;
    return Status::Ok();
  });
}

void SubstitutionLearner::AddText(std::string_view text) {
  texts_.push_back(NormalizePhrase(text));
}

Status SubstitutionLearner::AddTexts(const std::string& path, size_t* kept, bool html) {
  size_t n = 0;
  Status s = ForEachJsonLine(path, [&](nlohmann::json& j, const std::string& where) {
    if (!j.contains("id") || !j.contains("text") || !j["text"].is_string()) {
      return Status::InvalidArgument(where + ": expected {\"id\", \"text\"}");
    }
    if (matched_ids_.contains(j["id"].dump())) {
      const std::string& text = j["text"].get_ref<const std::string&>();
      AddText(html ? ReadHtml(text).text : text);
      ++n;
    }
    return Status::Ok();
  });
  if (kept != nullptr) *kept = n;
  return s;
}

std::string SubstitutionLearner::ToTsv() const {
  std::vector<std::pair<std::pair<std::string, std::string>, size_t>> rows(counts_.begin(),
                                                                           counts_.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  // Occurrences of every spun phrase in the kept texts: each window of up to
  // the longest phrase's length, looked up.
  std::unordered_map<std::string, size_t> occurrences;
  size_t longest = 0;
  for (const auto& [pair, n] : counts_) {
    occurrences.emplace(pair.second, 0);
    longest =
        std::max<size_t>(longest, 1 + std::count(pair.second.begin(), pair.second.end(), ' '));
  }
  std::vector<std::string_view> words;
  for (const std::string& text : texts_) {
    SplitPhrase(text, &words);
    for (size_t i = 0; i < words.size(); ++i) {
      std::string phrase;
      for (size_t k = i; k < words.size() && k < i + longest; ++k) {
        if (k > i) phrase += ' ';
        phrase += words[k];
        if (auto it = occurrences.find(phrase); it != occurrences.end()) ++it->second;
      }
    }
  }
  const bool with_texts = !texts_.empty();
  std::string out = std::string(kLearnedDictionaryHeader) +
                    (with_texts ? ": original<TAB>spun<TAB>count<TAB>occurrences\n"
                                : ": original<TAB>spun<TAB>count\n");
  for (const auto& [pair, n] : rows) {
    out += pair.first + "\t" + pair.second + "\t" + std::to_string(n);
    // At least the substitutions themselves (a phrase the tokenizer splits
    // differently in running text may be missed).
    if (with_texts) out += "\t" + std::to_string(std::max(n, occurrences.at(pair.second)));
    out += "\n";
  }
  return out;
}

}  // namespace unspin
