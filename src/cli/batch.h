// The --jsonl batch mode shared by restore and detect: {"id","text"} lines in,
// one object per line out (the id first), in input order, documents spread
// over threads in batches, a progress line on stderr when it is a terminal.
#ifndef UNSPIN_CLI_BATCH_H_
#define UNSPIN_CLI_BATCH_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "base/parallel.h"

namespace unspin::cli {

// `work` must be thread-safe; it fills the output object's fields for a text.
// Returns an exit code; a malformed line stops the run with an error naming it.
int RunJsonlBatch(const std::string& input, unsigned threads, const char* what,
                  const std::function<void(const std::string& text, nlohmann::json* out)>& work);

// JSON text with invalid UTF-8 replaced (inputs may carry any bytes).
std::string DumpJson(const nlohmann::json& j);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_BATCH_H_
