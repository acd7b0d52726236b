// unspin candidates WORD|PHRASE: the candidate originals a spinner could have
// replaced by the phrase, with channel and LM scores and their sources.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "lexicon/lexicon_types.h"
#include "unspin/model.h"
#include "unspin/text.h"

namespace unspin::cli {
namespace {

struct Flags {
  ModelFlags model;
  std::vector<std::string> words;
  bool json = false;
  size_t top = 20;
};

// The case shape to give candidates: that of the phrase as a replaced span.
CaseShape PhraseShape(const std::string& phrase) {
  std::vector<Token> tokens;
  Tokenize(phrase, 0, &tokens);
  std::vector<const Token*> span;
  for (const Token& t : tokens) span.push_back(&t);
  return ReplacementShape(span);
}

float PhraseLm(const LanguageModel& lm, const std::string& text) {
  LmState state = lm.NullState(), next;
  float total = 0;
  for (std::string_view w : SplitPhrase(text)) {
    total += lm.Score(state, lm.Index(w), &next).log10_prob;
    state = next;
  }
  return total;
}

std::string Match(const Candidate& c) {
  if (c.identity) return "identity";
  std::string hop = std::string(c.two_hop ? " 2-hop" : "") + (c.reversed ? " reversed" : "");
  if (c.pos == Pos::kAny) return "literal" + hop;
  return std::string(PosName(c.pos)) + " " + InflectionName(c.inflection) + hop;
}

int Run(const Flags& f) {
  std::unique_ptr<Model> model;
  Status s =
      LoadModel(f.model, &model, DictionaryReading::kRestore);  // channels as restore reads them
  if (!s.ok()) return ReportError(s);
  std::string phrase;
  for (const std::string& w : f.words) phrase += (phrase.empty() ? "" : " ") + w;
  if (NormalizePhrase(phrase).empty())
    return ReportError("no word given; try 'unspin candidates stated'");
  const Lexicon& lex = model->lexicon();
  std::vector<Candidate> cands = lex.LookupPhrase(phrase);
  if (cands.size() > f.top + 1) cands.resize(f.top + 1);
  CaseShape shape = PhraseShape(phrase);
  if (f.json) {
    nlohmann::json j;
    j["query"] = phrase;
    j["normalized"] = NormalizePhrase(phrase);
    j["candidates"] = nlohmann::json::array();
    for (const Candidate& c : cands) {
      nlohmann::json sources = nlohmann::json::array();
      for (size_t i = 0; i < lex.source_names().size(); ++i) {
        if (c.sources & (1u << i)) sources.push_back(lex.source_names()[i]);
      }
      j["candidates"].push_back({{"text", ApplyCaseShape(c.text, shape)},
                                 {"channel_log10", c.channel_log10},
                                 {"lm_log10", PhraseLm(model->lm(), c.text)},
                                 {"identity", c.identity},
                                 {"two_hop", c.two_hop},
                                 {"reversed", c.reversed},
                                 {"match", Match(c)},
                                 {"sources", sources}});
    }
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf("%-4s %-32s %8s %8s  %-20s %s\n", "#", "candidate", "channel", "lm", "match",
              "sources");
  int rank = 0;
  for (const Candidate& c : cands) {
    std::printf("%-4d %-32s %8.3f %8.3f  %-20s %s\n", rank++, ApplyCaseShape(c.text, shape).c_str(),
                c.channel_log10, PhraseLm(model->lm(), c.text), Match(c).c_str(),
                c.identity ? "-" : lex.SourceList(c.sources).c_str());
  }
  if (cands.size() == 1) std::printf("(no candidate original in the inventory)\n");
  return kExitOk;
}

}  // namespace

void AddCandidatesCommand(CLI::App* app, int* exit_code) {
  static Flags f;
  auto* cmd = app->add_subcommand(
      "candidates",
      "List the candidate originals of a word or phrase with channel (log10 P(spun|original)) "
      "and LM scores and their sources; row 0 is the phrase itself");
  cmd->add_option("WORDS", f.words, "the observed word or phrase")->required();
  AddModelFlags(cmd, &f.model);
  cmd->add_option("--top", f.top, "show at most N candidates (default 20)");
  cmd->add_flag("--json", f.json, "one JSON object");
  cmd->callback([exit_code] { *exit_code = Run(f); });
}

}  // namespace unspin::cli
