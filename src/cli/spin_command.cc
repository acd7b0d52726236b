// unspin spin: rewrite text the way an article spinner does (evaluation data).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_util.h"
#include "base/line_reader.h"
#include "cli/batch.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "spin/spinner.h"

namespace unspin::cli {
namespace {

struct SpinFlags {
  std::string model;
  std::vector<std::string> dicts;
  std::string input = "-";
  SpinOptions options;
  bool json = false;
  bool jsonl = false;
};

nlohmann::json EditsJson(const SpinResult& r) {
  nlohmann::json edits = nlohmann::json::array();
  for (const SpinEdit& e : r.edits) {
    edits.push_back({{"start", e.original_begin},
                     {"end", e.original_end},
                     {"spun_start", e.spun_begin},
                     {"spun_end", e.spun_end},
                     {"from", e.from},
                     {"to", e.to}});
  }
  return edits;
}

int RunJsonl(const SpinDictionary& dict, const SpinFlags& f) {
  std::unique_ptr<LineReader> reader;
  Status s = LineReader::Open(f.input, &reader);
  if (!s.ok()) return ReportError(s);
  std::string_view line;
  SpinResult r;
  while (reader->Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json in = nlohmann::json::parse(line, nullptr, false);
    if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      return ReportError(reader->path() + ":" + std::to_string(reader->line_number()) +
                         ": expected a JSON object with a \"text\" string");
    }
    std::string text = in["text"].get<std::string>();
    nlohmann::json id = in.contains("id") ? in["id"] : nlohmann::json(reader->line_number());
    Spin(dict, text, f.options, id.dump(), &r);
    nlohmann::json out = {
        {"id", id}, {"spun", r.text}, {"original", text}, {"edits", EditsJson(r)}};
    std::printf("%s\n", DumpJson(out).c_str());
  }
  if (!reader->status().ok()) return ReportError(reader->status());
  return kExitOk;
}

int Run(const SpinFlags& f) {
  SpinDictionary dict;
  if (!f.dicts.empty()) {
    Status s = SpinDictionary::FromFiles(f.dicts, &dict);
    if (!s.ok()) return ReportError(s);
  } else {
    std::unique_ptr<Model> model;
    Status s = OpenModel(f.model, &model);
    if (!s.ok()) return ReportError(s);
    dict = SpinDictionary::FromLexicon(model->lexicon());
  }
  if (f.jsonl) return RunJsonl(dict, f);
  std::string text;
  Status s = ReadInputText(f.input, &text);
  if (!s.ok()) return ReportError(s);
  SpinResult r;
  Spin(dict, text, f.options, "", &r);
  if (f.json) {
    std::printf("%s\n", DumpJson({{"text", r.text}, {"edits", EditsJson(r)}}).c_str());
  } else {
    std::fwrite(r.text.data(), 1, r.text.size(), stdout);
  }
  return kExitOk;
}

}  // namespace

void AddSpinCommand(CLI::App* app, int* exit_code) {
  static SpinFlags f;
  auto* cmd = app->add_subcommand(
      "spin",
      "Rewrite text the way an article spinner does (longest phrase match, random "
      "alternative, case kept): evaluation data with the alignment of every replacement");
  cmd->add_option("FILE", f.input, "input text (default: stdin); read whole unless --jsonl");
  cmd->add_option("--dict", f.dicts,
                  "spinner dictionary (a|b|c, word:syn,syn or TSV), PATH[@WEIGHT]; repeatable "
                  "(default: the model pack's own inventory)")
      ->allow_extra_args(false);
  cmd->add_option("--model", f.model, "model pack whose inventory spins when no --dict is given");
  cmd->add_option("--rate", f.options.rate,
                  "probability that a matched phrase is replaced (default 0.4)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--seed", f.options.seed, "random seed; same seed, same output (default 1)");
  cmd->add_flag("--consistent", f.options.consistent,
                "every occurrence of a phrase in a document is spun the same way (kept, or one "
                "alternative), as spinners working from a fixed table do");
  cmd->add_flag("--json", f.json,
                "print {\"text\", \"edits\": [{start, end, spun_start, spun_end, from, to}]} "
                "with byte offsets in the input and the output");
  cmd->add_flag("--jsonl", f.jsonl,
                "read {\"id\",\"text\"} lines, write {\"id\",\"spun\",\"original\",\"edits\"} "
                "lines (the evaluation pairs format)");
  cmd->callback([exit_code] { *exit_code = Run(f); });
}

}  // namespace unspin::cli
