// JSON Lines input: one object per line, blank lines skipped, errors naming
// file and line. Files may be gzip or zstd compressed; "-" is standard input.
#ifndef UNSPIN_BASE_JSONL_H_
#define UNSPIN_BASE_JSONL_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "unspin/status.h"

namespace unspin {

// Calls fn(object, where) for each line; `where` is "path:line" for errors.
// A line that is not a JSON object, or an error from fn, stops the reading.
Status ForEachJsonLine(
    const std::string& path,
    const std::function<Status(nlohmann::json& object, const std::string& where)>& fn);

}  // namespace unspin

#endif  // UNSPIN_BASE_JSONL_H_
