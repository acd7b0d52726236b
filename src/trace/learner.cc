#include "trace/learner.h"

#include <algorithm>

#include "base/jsonl.h"
#include "lexicon/lexicon_types.h"

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
        if (!j["matches"].empty() && j["matches"][0].contains("substitutions")) {
          for (const auto& s : j["matches"][0]["substitutions"]) {
            Add(s.at("source").get<std::string>(), s.at("spun").get<std::string>());
          }
        }
      } else if (j.contains("edits")) {  // spin output
        for (const auto& e : j["edits"]) {
          Add(e.at("from").get<std::string>(), e.at("to").get<std::string>());
        }
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

std::string SubstitutionLearner::ToTsv() const {
  std::vector<std::pair<std::pair<std::string, std::string>, size_t>> rows(counts_.begin(),
                                                                           counts_.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out = "# learned by unspin learn: original<TAB>spun<TAB>count\n";
  for (const auto& [pair, n] : rows) {
    out += pair.first + "\t" + pair.second + "\t" + std::to_string(n) + "\n";
  }
  return out;
}

}  // namespace unspin
