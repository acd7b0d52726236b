// Learning a spinner's substitutions from aligned copies: trace output
// (`unspin trace --jsonl`: the best match's substitutions) or spinner
// alignments (`unspin spin --jsonl`: edits), counted into a dictionary that
// restore --dict and model build --dict read (TSV original<TAB>spun<TAB>count).
#ifndef UNSPIN_TRACE_LEARNER_H_
#define UNSPIN_TRACE_LEARNER_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "unspin/status.h"

namespace unspin {

class SubstitutionLearner {
 public:
  // Reads one JSONL file of trace results or spin alignments.
  Status AddFile(const std::string& path);
  void Add(const std::string& original, const std::string& spun);

  // "original<TAB>spun<TAB>count" lines, most frequent first.
  std::string ToTsv() const;
  size_t size() const { return counts_.size(); }
  size_t documents() const { return documents_; }

 private:
  std::map<std::pair<std::string, std::string>, size_t> counts_;
  size_t documents_ = 0;
};

}  // namespace unspin

#endif  // UNSPIN_TRACE_LEARNER_H_
