#include "trace/learner.h"

#include <algorithm>
#include <unordered_map>

#include "base/jsonl.h"
#include "lexicon/dictionary_reader.h"
#include "lexicon/lexicon_types.h"
#include "text/phrase.h"
#include "unspin/html.h"

namespace unspin {

void SubstitutionLearner::Add(const std::string& original, const std::string& spun,
                              const std::string& before, const std::string& after) {
  std::string o = NormalizePhrase(original), s = NormalizePhrase(spun);
  if (o.empty() || s.empty() || o == s) return;
  ++counts_[{o, s}];
  neighbours_[{o, s}].emplace_back(NormalizePhrase(before), NormalizePhrase(after));
}

Status SubstitutionLearner::AddFile(const std::string& path) {
  return ForEachJsonLine(path, [&](nlohmann::json& j, const std::string& where) {
    try {
      if (j.contains("matches")) {  // trace output: the best match's substitutions
        if (!j["matches"].empty() && j.contains("id")) matched_ids_.insert(j["id"].dump());
        if (!j["matches"].empty() && j["matches"][0].contains("substitutions")) {
          for (const auto& s : j["matches"][0]["substitutions"]) {
            Add(s.at("source").get<std::string>(), s.at("spun").get<std::string>(),
                s.value("word_before", std::string()), s.value("word_after", std::string()));
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

namespace {

using Pair = std::pair<std::string, std::string>;
using Neighbours = std::vector<std::pair<std::string, std::string>>;

// How often each phrase of `occurrences` (its keys) occurs in `texts`
// (normalised: words one space apart), replaced or not.
void CountOccurrences(const std::vector<std::string>& texts,
                      std::unordered_map<std::string, size_t>* occurrences) {
  size_t longest = 0;
  for (const auto& [phrase, n] : *occurrences) {
    longest = std::max<size_t>(longest, 1 + std::count(phrase.begin(), phrase.end(), ' '));
  }
  std::vector<std::string_view> words;
  for (const std::string& text : texts) {
    SplitPhrase(text, &words);
    for (size_t i = 0; i < words.size(); ++i) {
      std::string phrase;
      for (size_t k = i; k < words.size() && k < i + longest; ++k) {
        if (k > i) phrase += ' ';
        phrase += words[k];
        if (auto it = occurrences->find(phrase); it != occurrences->end()) ++it->second;
      }
    }
  }
}

// The pair widened by `word` before (`left`) or after it.
Pair Widened(const Pair& pair, const std::string& word, bool left) {
  return left ? Pair{word + " " + pair.first, word + " " + pair.second}
              : Pair{pair.first + " " + word, pair.second + " " + word};
}

// SubstitutionLearner::ToTsv's widening of `pair`, whose instances have
// `neighbours`: moves instances from counts[pair] to widened pairs.
void Widen(const Pair& pair, const Neighbours& neighbours,
           const std::unordered_map<std::string, size_t>& occurrences,
           std::map<Pair, size_t>* counts) {
  auto occurring = [&](const std::string& phrase, size_t at_least) {
    auto it = occurrences.find(phrase);
    return static_cast<double>(std::max(at_least, it == occurrences.end() ? 0 : it->second));
  };
  const double rate =
      static_cast<double>(neighbours.size()) / (occurring(pair.second, neighbours.size()) + 1);
  std::vector<bool> moved(neighbours.size(), false);
  for (;;) {
    double best_rate = 0;
    const std::string* best_word = nullptr;
    bool best_left = false;
    size_t best_count = 0;
    for (const bool left : {true, false}) {
      std::unordered_map<std::string_view, size_t> tally;
      for (size_t i = 0; i < neighbours.size(); ++i) {
        const std::string& w = left ? neighbours[i].first : neighbours[i].second;
        if (!moved[i] && !w.empty()) ++tally[w];
      }
      for (size_t i = 0; i < neighbours.size(); ++i) {
        const std::string& w = left ? neighbours[i].first : neighbours[i].second;
        if (moved[i] || w.empty()) continue;
        const size_t c = tally[w];
        if (c < SubstitutionLearner::kWidenMinimum) continue;
        const double r = static_cast<double>(c) / (occurring(Widened(pair, w, left).second, c) + 1);
        if (r >= SubstitutionLearner::kWidenGain * rate && r > best_rate) {
          best_rate = r, best_word = &w, best_left = left, best_count = c;
        }
      }
    }
    if (best_word == nullptr) return;
    const std::string word = *best_word;  // the instances below are marked moved
    for (size_t i = 0; i < neighbours.size(); ++i) {
      if (!moved[i] && (best_left ? neighbours[i].first : neighbours[i].second) == word) {
        moved[i] = true;
      }
    }
    (*counts)[Widened(pair, word, best_left)] += best_count;
    if (((*counts)[pair] -= best_count) == 0) counts->erase(pair);
  }
}

}  // namespace

std::string SubstitutionLearner::ToTsv() const {
  std::map<Pair, size_t> counts = counts_;
  // Occurrences of every spun phrase in the kept texts, and of the pairs
  // widened by a neighbour word.
  std::unordered_map<std::string, size_t> occurrences;
  for (const auto& [pair, n] : counts_) occurrences.emplace(pair.second, 0);
  const bool with_texts = !texts_.empty();
  if (with_texts) {
    for (const auto& [pair, list] : neighbours_) {
      for (const auto& [before, after] : list) {
        if (!before.empty()) occurrences.emplace(Widened(pair, before, true).second, 0);
        if (!after.empty()) occurrences.emplace(Widened(pair, after, false).second, 0);
      }
    }
    CountOccurrences(texts_, &occurrences);
    for (const auto& [pair, list] : neighbours_) Widen(pair, list, occurrences, &counts);
  }
  std::vector<std::pair<Pair, size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
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
