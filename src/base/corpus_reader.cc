#include "base/corpus_reader.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "base/document_line.h"
#include "base/file_util.h"
#include "base/line_reader.h"
#include "text/text_check.h"
#include "unspin/html.h"

namespace unspin {

Status ReadCorpusFolder(const std::string& path,
                        const std::function<Status(CorpusDocument&&)>& sink) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
    if (!e.is_regular_file()) continue;
    if (e.path().extension() == ".txt" || LooksLikeHtmlPath(e.path().filename().string()))
      files.push_back(e.path());
  }
  if (ec) return Status::IoError(path + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    CorpusDocument d;
    d.id = f.filename().string();
    d.html = LooksLikeHtmlPath(d.id);
    UNSPIN_RETURN_IF_ERROR(ReadFileToString(f.string(), &d.text));
    UNSPIN_RETURN_IF_ERROR(CheckReadableText(d.text, f.string()));
    UNSPIN_RETURN_IF_ERROR(sink(std::move(d)));
  }
  return Status::Ok();
}

bool IsCorpusFolder(const std::string& path) { return path != "-" && IsFolder(path); }

Status ReadCorpus(const std::string& path, const std::function<Status(CorpusDocument&&)>& sink) {
  if (IsCorpusFolder(path)) return ReadCorpusFolder(path, sink);
  std::unique_ptr<LineReader> reader;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &reader));
  DocumentLineParser fast;
  DocumentLine line_doc;
  std::string_view line;
  while (reader->Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    CorpusDocument d;
    if (fast.TryParse(line, &line_doc) && line_doc.has_id) {
      d.id = std::move(line_doc.id);
      d.text = std::move(line_doc.text);
    } else {  // the general parser, for unusual lines and the error messages
      const std::string where = reader->path() + ":" + std::to_string(reader->line_number());
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        return Status::InvalidArgument(where + ": not a JSON object");
      }
      if (!j.contains("text") || !j["text"].is_string() || !j.contains("id")) {
        return Status::InvalidArgument(where + ": expected a JSON object with \"id\" and \"text\"");
      }
      d.id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
      d.text = j["text"].get<std::string>();
    }
    UNSPIN_RETURN_IF_ERROR(sink(std::move(d)));
  }
  return reader->status();
}

}  // namespace unspin
