// The JSON shapes of detect's and restore's answers, shared by the commands
// (--json, --jsonl) and the HTTP server: one definition of each contract.
#ifndef UNSPIN_CLI_REPORT_JSON_H_
#define UNSPIN_CLI_REPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "trace/trace_index.h"
#include "unspin/detector.h"
#include "unspin/restorer.h"

namespace unspin::cli {

// {"score", "spun", "threshold", "spans": [...], "words"[, "note"]}; with
// `explain`, each word's evidence and the document's features too.
nlohmann::json ReportJson(const DetectReport& r, bool explain);

// [{"start", "end", "from", "to", "confidence"}, ...]; with `explain`, each
// edit's margin, support and alternatives too.
nlohmann::json EditsJson(const std::vector<RestoreEdit>& edits, bool explain);

// {"text", "edits": EditsJson}: restore --json's answer.
nlohmann::json RestoreJson(const RestoreResult& r, bool explain);

// {"detect": ReportJson, "restore": RestoreJson, "marks": [{"start", "end",
// "text", "suggestion", "restored", "reason"}]}: check --json's and the HTTP
// API's /check answer. `text`: what both reports' offsets index (the input,
// or the page); the marks are check's (CheckMarks).
nlohmann::json CheckJson(std::string_view text, const DetectReport& detect,
                         const RestoreResult& restore, bool explain);

// [{"id", "score", "substitutions": [{"spun", "source", "spun_start",
// "spun_end", "source_start", "source_end"}]}, ...], best first.
nlohmann::json MatchesJson(const std::vector<TraceMatch>& matches);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_REPORT_JSON_H_
