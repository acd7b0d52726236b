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
  void Add(const std::string& original, const std::string& spun);
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
  std::string ToTsv() const;
  size_t size() const { return counts_.size(); }
  size_t documents() const { return documents_; }

 private:
  std::map<std::pair<std::string, std::string>, size_t> counts_;
  size_t documents_ = 0;
  std::set<std::string> matched_ids_;  // of trace results with a match (as JSON text)
  // The kept texts, normalised (NormalizePhrase: their words, one space apart).
  std::vector<std::string> texts_;
};

}  // namespace unspin

#endif  // UNSPIN_TRACE_LEARNER_H_
