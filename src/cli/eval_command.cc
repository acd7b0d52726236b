// unspin eval coverage: how often the lexicon can reach the expected original.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "eval/coverage.h"
#include "unspin/model.h"

namespace unspin::cli {
namespace {

struct CoverageFlags {
  ModelFlags model;
  std::string input;
  bool json = false;
  size_t show_missed = 0;
};

int RunCoverage(const CoverageFlags& f) {
  std::unique_ptr<Model> model;
  Status s = LoadModel(f.model, &model);
  if (!s.ok()) return ReportError(s);
  std::vector<CoveragePair> pairs;
  s = ReadCoveragePairs(f.input, &pairs);
  if (!s.ok()) return ReportError(s);
  CoverageReport r = EvaluateCoverage(model->lexicon(), pairs);
  if (f.json) {
    nlohmann::json j = {{"pairs", r.pairs}, {"reachable", r.reachable}, {"coverage", r.share()}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("pairs\t%zu\nreachable\t%zu\ncoverage\t%.4f\n", r.pairs, r.reachable, r.share());
  }
  for (size_t i = 0; i < r.missed.size() && i < f.show_missed; ++i) {
    const CoveragePair& p = pairs[r.missed[i]];
    std::printf("missed\t%s\t%s\n", p.observed.c_str(), p.expected.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddEvalCommands(CLI::App* app, int* exit_code) {
  CLI::App* eval = app->add_subcommand("eval", "Measure quality: coverage");
  eval->require_subcommand(1);
  static CoverageFlags cf;
  auto* cov = eval->add_subcommand(
      "coverage",
      "Share of observed<TAB>expected pairs (e.g. tortured phrases) whose expected phrase the "
      "lexicon can reach as a sequence of candidates");
  cov->add_option("TSV", cf.input, "pairs file, observed<TAB>expected per line")->required();
  AddModelFlags(cov, &cf.model);
  cov->add_option("--show-missed", cf.show_missed, "print the first N unreachable pairs");
  cov->add_flag("--json", cf.json, "one JSON object");
  cov->callback([exit_code] { *exit_code = RunCoverage(cf); });
}

}  // namespace unspin::cli
