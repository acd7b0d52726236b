#include "cli/batch.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "base/corpus_reader.h"
#include "base/line_reader.h"
#include "base/parallel.h"
#include "cli/cli_util.h"
#include "cli/progress.h"

namespace unspin::cli {

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int RunJsonlBatch(
    const std::string& input, unsigned threads, const char* what, bool pages,
    const std::function<void(const std::string& text, bool html, nlohmann::json* out)>& work) {
  threads = ResolveThreads(threads);
  ProgressLine progress(what);
  const size_t batch_size = 64 * threads;
  struct Doc {
    nlohmann::json id;
    std::string text;
    bool html = false;
    nlohmann::json out;
  };
  std::vector<Doc> batch;
  size_t done = 0, words = 0;
  auto flush = [&]() {
    ParallelFor(batch.size(), threads,
                [&](size_t i) { work(batch[i].text, pages || batch[i].html, &batch[i].out); });
    for (Doc& d : batch) {
      nlohmann::json line = {{"id", d.id}};
      line.update(d.out);
      std::printf("%s\n", DumpJson(line).c_str());
      words += static_cast<size_t>(std::count(d.text.begin(), d.text.end(), ' ')) + 1;
    }
    done += batch.size();
    batch.clear();
    progress.ShowRate(done, static_cast<double>(words), "words");
  };
  // Ends the run: what is read is written first, the error after it.
  auto finish = [&](const Status& s) {
    flush();
    progress.ShowRate(done, static_cast<double>(words), "words", /*force=*/true);
    progress.Finish();
    return s.ok() ? kExitOk : ReportError(s);
  };
  if (IsCorpusFolder(input)) {  // a folder's files, the file name as id
    return finish(ReadCorpusFolder(input, [&](CorpusDocument&& d) {
      batch.push_back({d.id, std::move(d.text), d.html, nlohmann::json::object()});
      if (batch.size() >= batch_size) flush();
      return Status::Ok();
    }));
  }
  std::unique_ptr<LineReader> reader;
  Status s = LineReader::Open(input, &reader);
  if (!s.ok()) return ReportError(s);
  std::string_view line;
  while (reader->Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json in = nlohmann::json::parse(line, nullptr, false);
    if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      return finish(Status::InvalidArgument(reader->path() + ":" +
                                            std::to_string(reader->line_number()) +
                                            ": expected a JSON object with a \"text\" string"));
    }
    batch.push_back({in.contains("id") ? in["id"] : nlohmann::json(reader->line_number()),
                     in["text"].get<std::string>(), false, nlohmann::json::object()});
    if (batch.size() >= batch_size) flush();
  }
  return finish(reader->status());
}

}  // namespace unspin::cli
