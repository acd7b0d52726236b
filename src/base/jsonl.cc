#include "base/jsonl.h"

#include <memory>

#include "base/line_reader.h"

namespace unspin {

Status ForEachJsonLine(const std::string& path,
                       const std::function<Status(nlohmann::json&, const std::string&)>& fn) {
  std::unique_ptr<LineReader> r;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &r));
  std::string_view line;
  while (r->Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = r->path() + ":" + std::to_string(r->line_number());
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::InvalidArgument(where + ": not a JSON object");
    }
    UNSPIN_RETURN_IF_ERROR(fn(j, where));
  }
  return r->status();
}

}  // namespace unspin
