// The evaluation harness: scores a system's outputs (restored text, detection
// reports, trace rankings; JSONL keyed by "id") against evaluation pairs
// {"id","spun","original"} and clean texts {"id","text"}.
#ifndef UNSPIN_EVAL_HARNESS_H_
#define UNSPIN_EVAL_HARNESS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "eval/metrics.h"
#include "unspin/lexicon.h"
#include "unspin/status.h"

namespace unspin {

struct EvalPair {
  std::string id, spun, original;
  std::string source;  // the true source's id for trace: "source" field, else id
};

// Reads JSONL objects; `required` fields must be strings. The "id" may be a
// string or a number (kept as its JSON text when a number).
Status ReadJsonl(const std::string& path, const std::vector<std::string>& required,
                 std::vector<nlohmann::json>* out);
Status ReadPairs(const std::string& path, std::vector<EvalPair>* out);
std::string IdOf(const nlohmann::json& j);

struct RestoreEval {
  size_t documents = 0, words = 0;
  RestoreCounts counts;
  size_t gold_reachable = 0;  // gold edits whose original the lexicon reaches
  double coverage() const;    // gold_reachable / gold edits
};

// Scores `restored` ({"id","text"} by id) against the pairs. A pair without
// an output is an error. With a lexicon, also measures coverage.
Status EvaluateRestore(const std::vector<EvalPair>& pairs,
                       const std::map<std::string, std::string>& restored, const Lexicon* lexicon,
                       RestoreEval* out);

// Edits a system made on clean text ({"id","text"} inputs and outputs).
struct CleanEval {
  size_t documents = 0, words = 0, edits = 0;
  double per_1000_words() const;
};
Status EvaluateClean(const std::map<std::string, std::string>& clean,
                     const std::map<std::string, std::string>& restored, CleanEval* out);

struct DetectEval {
  DetectCounts tokens;  // on the pairs' spun texts
  std::vector<double> spun_scores, clean_scores;
  size_t spun_flagged = 0, clean_flagged = 0;  // documents called spun
  double auc() const;
  double doc_precision() const, doc_recall() const, doc_f1() const;
  double false_positive_rate() const;
};

// `reports`: {"id","score","spun",“spans”:[{"start","end"}]} per pair id and
// per clean id (prefix "clean:" is not needed: clean ids are looked up in
// `clean_reports`).
Status EvaluateDetect(const std::vector<EvalPair>& pairs,
                      const std::map<std::string, nlohmann::json>& reports,
                      const std::map<std::string, nlohmann::json>& clean_reports, DetectEval* out);

struct TraceEval {
  size_t queries = 0, hit1 = 0, hit10 = 0;
  double reciprocal_rank_sum = 0;
  double recall_at_1() const, recall_at_10() const, mrr() const;
};

// `rankings`: per query id, {"matches":[{"id":...}, ...]} best first; the
// true source of a pair is its own id (or its "source" field when present).
Status EvaluateTrace(const std::vector<EvalPair>& pairs,
                     const std::map<std::string, nlohmann::json>& rankings, TraceEval* out);

}  // namespace unspin

#endif  // UNSPIN_EVAL_HARNESS_H_
