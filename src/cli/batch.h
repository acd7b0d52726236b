// The --jsonl batch mode shared by restore, detect, check and trace:
// {"id","text"} lines (or a folder of text files) in,
// one object per line out (the id first), in input order, documents spread
// over threads in batches, a progress line on stderr when it is a terminal.
#ifndef UNSPIN_CLI_BATCH_H_
#define UNSPIN_CLI_BATCH_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/parallel.h"

namespace unspin::cli {

// The start of every --jsonl flag's help: what RunJsonlBatch reads.
inline constexpr std::string_view kBatchInputHelp =
    "batch: {\"id\",\"text\"} lines (or a folder's .txt/.html files, each file's name its id) "
    "in, ";

// `input` is a JSONL file ("-": standard input), or a folder whose .txt,
// .html and .htm files are the texts (ReadCorpusFolder), each file's name its
// id. `work` must be thread-safe; it fills the output object's fields for a
// text; its `html` says whether the text is a page to read as its reader sees
// it: every text when `pages` (--html), else a folder's .html / .htm files.
// Returns an exit code; a malformed line or a file that is not text stops the
// run with an error naming it, after the output of the texts before it.
int RunJsonlBatch(
    const std::string& input, unsigned threads, const char* what, bool pages,
    const std::function<void(const std::string& text, bool html, nlohmann::json* out)>& work);

// JSON text with invalid UTF-8 replaced (inputs may carry any bytes).
std::string DumpJson(const nlohmann::json& j);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_BATCH_H_
