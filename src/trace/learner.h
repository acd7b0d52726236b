// Learning a spinner's substitutions from aligned copies: trace output
// (`unspin trace --jsonl`: the best match's substitutions) or spinner
// alignments (`unspin spin --jsonl`: edits), counted into a dictionary that
// restore --dict and model build --dict read (TSV original<TAB>spun<TAB>count,
// with the copies' texts a fourth column, occurrences).
#ifndef UNSPIN_TRACE_LEARNER_H_
#define UNSPIN_TRACE_LEARNER_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unspin/status.h"

namespace unspin {

class SubstitutionLearner {
 public:
  // Reads one JSONL file of trace results or spin alignments. A spin
  // alignment's "spun" text is kept for occurrence counts (below).
  Status AddFile(const std::string& path);
  // One aligned pair; `before` and `after` are the unchanged words touching
  // it in the copy (trace's "word_before" and "word_after"), or empty.
  void Add(const std::string& original, const std::string& spun, const std::string& before = "",
           const std::string& after = "");
  // Reads the texts of the traced copies (JSONL {"id", "text"}, what was
  // given to 'unspin trace --jsonl'; web pages when `html`, as `trace
  // --html` read them); those of documents a trace result in an earlier
  // AddFile matched are kept for occurrence counts. Returns how many were
  // kept.
  Status AddTexts(const std::string& path, size_t* kept = nullptr, bool html = false);
  void AddText(std::string_view text);

  // "original<TAB>spun<TAB>count" lines, most frequent first; with texts, a
  // fourth column: how often the spun phrase occurs in them at all (replaced
  // or not, at least count), from which restore reads the spinner's rate.
  // With texts, a pair is also widened by a neighbour word where the
  // spinner's key evidently held it: trace aligns the fewest words ("on" ->
  // "at"), a phrase spinner's key may be "on the" -> "at the". The instances
  // whose neighbour on one side is w become the pair widened by w when at
  // least kWidenMinimum of them share it and the widened spun phrase is
  // replaced kWidenGain times as often as the pair's (count / (occurrences +
  // 1): "at the" 13 of 21, "at" 13 of 98), best first, until none qualifies.
  std::string ToTsv() const;
  static constexpr size_t kWidenMinimum = 2;
  static constexpr double kWidenGain = 1.5;
  size_t size() const { return counts_.size(); }
  size_t documents() const { return documents_; }

 private:
  using Pair = std::pair<std::string, std::string>;  // original, spun (normalised)
  std::map<Pair, size_t> counts_;
  // Each instance's neighbour words (before, after; normalised, maybe empty).
  std::map<Pair, std::vector<std::pair<std::string, std::string>>> neighbours_;
  size_t documents_ = 0;
  std::set<std::string> matched_ids_;  // of trace results with a match (as JSON text)
  // The kept texts, normalised (NormalizePhrase: their words, one space apart).
  std::vector<std::string> texts_;
};

}  // namespace unspin

#endif  // UNSPIN_TRACE_LEARNER_H_
