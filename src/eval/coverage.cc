#include "eval/coverage.h"

#include <memory>

#include "base/line_reader.h"
#include "lexicon/lexicon_types.h"

namespace unspin {
namespace {

bool ReachableOne(const Lexicon& lexicon, const std::vector<std::string_view>& obs,
                  const std::vector<std::string_view>& exp) {
  // reach[i][j]: observed[0, i) can spell expected[0, j).
  std::vector<std::vector<char>> reach(obs.size() + 1, std::vector<char>(exp.size() + 1, 0));
  reach[0][0] = 1;
  std::vector<Candidate> cands;
  for (size_t i = 0; i < obs.size(); ++i) {
    bool any = false;
    for (size_t j = 0; j <= exp.size(); ++j) any |= reach[i][j];
    if (!any) continue;
    cands.clear();
    lexicon.Lookup(obs, i, &cands);
    for (const Candidate& c : cands) {
      std::vector<std::string_view> words = SplitPhrase(c.text);
      for (size_t j = 0; j + words.size() <= exp.size(); ++j) {
        if (!reach[i][j]) continue;
        bool match = true;
        for (size_t k = 0; k < words.size() && match; ++k) match = words[k] == exp[j + k];
        if (match) reach[i + c.length][j + words.size()] = 1;
      }
    }
  }
  return reach[obs.size()][exp.size()];
}

}  // namespace

bool IsReachable(const Lexicon& lexicon, std::string_view observed, std::string_view expected) {
  std::string obs_norm = NormalizePhrase(observed);
  std::vector<std::string_view> obs = SplitPhrase(obs_norm);
  if (obs.empty()) return false;
  size_t start = 0;
  while (start <= expected.size()) {
    size_t end = expected.find(" / ", start);
    if (end == std::string_view::npos) end = expected.size();
    std::string exp_norm = NormalizePhrase(expected.substr(start, end - start));
    std::vector<std::string_view> exp = SplitPhrase(exp_norm);
    if (!exp.empty() && ReachableOne(lexicon, obs, exp)) return true;
    start = end + 3;
  }
  return false;
}

CoverageReport EvaluateCoverage(const Lexicon& lexicon, const std::vector<CoveragePair>& pairs) {
  CoverageReport r;
  for (size_t i = 0; i < pairs.size(); ++i) {
    ++r.pairs;
    if (IsReachable(lexicon, pairs[i].observed, pairs[i].expected)) {
      ++r.reachable;
    } else {
      r.missed.push_back(i);
    }
  }
  return r;
}

Status ReadCoveragePairs(const std::string& path, std::vector<CoveragePair>* out) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  std::string_view line;
  while (r->Next(&line)) {
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return Status::InvalidArgument(path + ":" + std::to_string(r->line_number()) +
                                     ": expected 'observed<TAB>expected'");
    }
    std::string_view a = line.substr(0, tab), b = line.substr(tab + 1);
    if (b.find('\t') != std::string_view::npos) b = b.substr(0, b.find('\t'));
    if (r->line_number() == 1 && (a == "tortured" || a == "spun" || a == "observed") &&
        (b == "expected" || b == "original")) {
      continue;
    }
    out->push_back({std::string(a), std::string(b)});
  }
  UNSPIN_RETURN_IF_ERROR(r->status());
  if (out->empty()) return Status::InvalidArgument(path + ": no pairs");
  return Status::Ok();
}

}  // namespace unspin
