// unspin tokenize: shows how the text layer sees an input (a debugging aid).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/batch.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "unspin/text.h"

namespace unspin::cli {
namespace {

struct TokenizeFlags {
  std::string input = "-";
  bool jsonl = false;
  bool sentences = false;
};

void PrintSentenceLine(const Sentence& s) {
  std::string line;
  for (const Token& t : s.tokens) {
    if (t.is_space()) continue;
    if (!line.empty()) line += ' ';
    line += t.norm;
  }
  std::printf("%s\n", line.c_str());
}

void PrintTokens(const Sentence& s, bool jsonl, size_t index) {
  for (const Token& t : s.tokens) {
    if (jsonl) {
      nlohmann::json j = {{"sentence", index},
                          {"start", t.begin},
                          {"end", t.end()},
                          {"kind", TokenKindName(t.kind)},
                          {"shape", CaseShapeName(t.shape)},
                          {"norm", t.norm},
                          {"invalid_utf8", t.invalid_utf8}};
      std::printf("%s\n", DumpJson(j).c_str());
    } else if (!t.is_space()) {
      std::printf("%llu\t%llu\t%s\t%s\t%s\n", static_cast<unsigned long long>(t.begin),
                  static_cast<unsigned long long>(t.end()), TokenKindName(t.kind),
                  CaseShapeName(t.shape), t.norm.c_str());
    }
  }
  if (!jsonl) std::printf("\n");
}

int Run(const TokenizeFlags& f) {
  std::unique_ptr<SentenceReader> reader;
  Status s = SentenceReader::Open(f.input, &reader);
  if (!s.ok()) return ReportError(s);
  Sentence sentence;
  size_t index = 0;
  while (reader->Next(&sentence)) {
    if (f.sentences) {
      PrintSentenceLine(sentence);
    } else {
      PrintTokens(sentence, f.jsonl, index);
    }
    ++index;
  }
  if (!reader->status().ok()) return ReportError(reader->status());
  WarnInvalidUtf8(f.input, reader->stats());
  return kExitOk;
}

}  // namespace

void AddTokenizeCommand(CLI::App* app, int* exit_code) {
  static TokenizeFlags flags;
  auto* cmd = app->add_subcommand(
      "tokenize",
      "Show tokens (start, end, kind, case shape, lookup form) grouped by sentence, as unspin "
      "sees them");
  cmd->add_option("FILE", flags.input, "input text (default: stdin)");
  cmd->add_flag("--jsonl", flags.jsonl, "one JSON object per token");
  cmd->add_flag("--sentences", flags.sentences,
                "one sentence per line, lookup forms joined by spaces");
  cmd->callback([exit_code] { *exit_code = Run(flags); });
}

}  // namespace unspin::cli
