// unspin eval coverage: how often the lexicon can reach the expected original.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/batch.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "eval/coverage.h"
#include "eval/harness.h"
#include "trace/trace_index.h"
#include "unspin/detector.h"
#include "unspin/model.h"
#include "unspin/restorer.h"

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

// {"id","text"} JSONL (or another string field) as id -> text.
Status ReadTexts(const std::string& path, const std::string& field,
                 std::map<std::string, std::string>* out) {
  std::vector<nlohmann::json> rows;
  UNSPIN_RETURN_IF_ERROR(ReadJsonl(path, {field}, &rows));
  for (const auto& j : rows) (*out)[IdOf(j)] = j[field].get<std::string>();
  return Status::Ok();
}

Status ReadReports(const std::string& path, std::map<std::string, nlohmann::json>* out) {
  std::vector<nlohmann::json> rows;
  UNSPIN_RETURN_IF_ERROR(ReadJsonl(path, {}, &rows));
  for (auto& j : rows) {
    std::string id = IdOf(j);
    (*out)[id] = std::move(j);
  }
  return Status::Ok();
}

struct RestoreFlags {
  ModelFlags model;
  std::string pairs, restored, clean, clean_restored;
  bool no_coverage = false;
  bool json = false;
};

// Restores texts (id -> text) with the default restorer, on all cores.
std::map<std::string, std::string> RestoreAll(const Model& model,
                                              const std::map<std::string, std::string>& in) {
  Restorer restorer(model, RestoreOptions());
  std::vector<std::pair<std::string, std::string>> items(in.begin(), in.end());
  std::vector<std::string> out(items.size());
  ParallelFor(items.size(), 0, [&](size_t i) {
    RestoreResult r;
    restorer.Restore(items[i].second, &r);
    out[i] = std::move(r.text);
  });
  std::map<std::string, std::string> result;
  for (size_t i = 0; i < items.size(); ++i) result[items[i].first] = std::move(out[i]);
  return result;
}

int RunRestore(const RestoreFlags& f) {
  std::vector<EvalPair> pairs;
  std::map<std::string, std::string> restored;
  Status s = ReadPairs(f.pairs, &pairs);
  if (s.ok() && !f.restored.empty()) s = ReadTexts(f.restored, "text", &restored);
  if (!s.ok()) return ReportError(s);
  std::unique_ptr<Model> model;
  if (!f.no_coverage || f.restored.empty() || (!f.clean.empty() && f.clean_restored.empty())) {
    s = LoadModel(f.model, &model, DictionaryReading::kRestore);
    if (!s.ok()) return ReportError(s);
  }
  if (f.restored.empty()) {  // run unspin's own restorer
    std::map<std::string, std::string> spun;
    for (const EvalPair& p : pairs) spun[p.id] = p.spun;
    restored = RestoreAll(*model, spun);
  }
  RestoreEval e;
  s = EvaluateRestore(pairs, restored, f.no_coverage ? nullptr : &model->lexicon(), &e);
  if (!s.ok()) return ReportError(s);
  CleanEval ce;
  bool have_clean = !f.clean.empty();
  if (have_clean) {
    std::map<std::string, std::string> clean, clean_out;
    s = ReadTexts(f.clean, "text", &clean);
    if (s.ok() && !f.clean_restored.empty()) s = ReadTexts(f.clean_restored, "text", &clean_out);
    if (s.ok() && f.clean_restored.empty()) clean_out = RestoreAll(*model, clean);
    if (s.ok()) s = EvaluateClean(clean, clean_out, &ce);
    if (!s.ok()) return ReportError(s);
  }
  const RestoreCounts& c = e.counts;
  nlohmann::json j = {{"documents", e.documents},
                      {"words", e.words},
                      {"gold_edits", c.gold_edits},
                      {"system_edits", c.system_edits},
                      {"tp", c.tp},
                      {"precision", c.precision()},
                      {"recall", c.recall()},
                      {"f05", c.f05()},
                      {"wer_before", c.wer_before()},
                      {"wer_after", c.wer_after()},
                      {"wer_reduction", c.wer_reduction()}};
  if (!f.no_coverage) j["coverage"] = e.coverage();
  if (have_clean) {
    j["clean_documents"] = ce.documents;
    j["clean_edits_per_1000_words"] = ce.per_1000_words();
  }
  if (f.json) {
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf("documents      %zu (%zu words)\n", e.documents, e.words);
  std::printf("edits          gold %zu, system %zu, correct %zu\n", c.gold_edits, c.system_edits,
              c.tp);
  std::printf("precision      %.4f\nrecall         %.4f\nF0.5           %.4f\n", c.precision(),
              c.recall(), c.f05());
  std::printf("WER            %.4f -> %.4f (reduction %.1f%%)\n", c.wer_before(), c.wer_after(),
              100 * c.wer_reduction());
  if (!f.no_coverage) std::printf("coverage       %.4f of gold edits reachable\n", e.coverage());
  if (have_clean) {
    std::printf("clean text     %.2f edits per 1,000 words (%zu documents)\n", ce.per_1000_words(),
                ce.documents);
  }
  return kExitOk;
}

struct DetectFlags {
  ModelFlags model;
  std::string pairs, detected, clean, clean_detected;
  bool json = false;
};

// Detection reports (score, spun, spans) of texts by id, with the pack's detector.
std::map<std::string, nlohmann::json> DetectAll(const Model& model,
                                                const std::map<std::string, std::string>& in) {
  DetectOptions options;
  options.keep_evidence = false;  // spans and scores only
  Detector detector(model, options);
  std::vector<std::pair<std::string, std::string>> items(in.begin(), in.end());
  std::vector<nlohmann::json> out(items.size());
  ParallelFor(items.size(), 0, [&](size_t i) {
    DetectReport r;
    detector.Detect(items[i].second, &r);
    nlohmann::json spans = nlohmann::json::array();
    for (const DetectSpan& sp : r.spans) spans.push_back({{"start", sp.start}, {"end", sp.end}});
    out[i] = {{"score", r.score}, {"spun", r.spun}, {"spans", spans}};
  });
  std::map<std::string, nlohmann::json> result;
  for (size_t i = 0; i < items.size(); ++i) result[items[i].first] = std::move(out[i]);
  return result;
}

int RunDetect(const DetectFlags& f) {
  std::vector<EvalPair> pairs;
  std::map<std::string, nlohmann::json> reports, clean_reports;
  Status s = ReadPairs(f.pairs, &pairs);
  if (s.ok() && !f.detected.empty()) s = ReadReports(f.detected, &reports);
  if (s.ok() && !f.clean_detected.empty()) s = ReadReports(f.clean_detected, &clean_reports);
  std::unique_ptr<Model> model;
  if (s.ok() && (f.detected.empty() || (!f.clean.empty() && f.clean_detected.empty()))) {
    s = LoadModel(f.model, &model);
  }
  if (s.ok() && f.detected.empty()) {  // run unspin's own detector
    std::map<std::string, std::string> spun;
    for (const EvalPair& p : pairs) spun[p.id] = p.spun;
    reports = DetectAll(*model, spun);
  }
  if (s.ok() && !f.clean.empty() && f.clean_detected.empty()) {
    std::map<std::string, std::string> clean;
    s = ReadTexts(f.clean, "text", &clean);
    if (s.ok()) clean_reports = DetectAll(*model, clean);
  }
  DetectEval e;
  if (s.ok()) s = EvaluateDetect(pairs, reports, clean_reports, &e);
  if (!s.ok()) return ReportError(s);
  nlohmann::json j = {{"spun_documents", e.spun_scores.size()},
                      {"clean_documents", e.clean_scores.size()},
                      {"token_precision", e.tokens.precision()},
                      {"token_recall", e.tokens.recall()},
                      {"token_f1", e.tokens.f1()},
                      {"doc_precision", e.doc_precision()},
                      {"doc_recall", e.doc_recall()},
                      {"doc_f1", e.doc_f1()},
                      {"false_positive_rate", e.false_positive_rate()}};
  if (!e.clean_scores.empty()) j["auc"] = e.auc();
  if (f.json) {
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf("documents      %zu spun, %zu clean\n", e.spun_scores.size(), e.clean_scores.size());
  std::printf("tokens         precision %.4f, recall %.4f, F1 %.4f\n", e.tokens.precision(),
              e.tokens.recall(), e.tokens.f1());
  std::printf("documents      precision %.4f, recall %.4f, F1 %.4f\n", e.doc_precision(),
              e.doc_recall(), e.doc_f1());
  if (!e.clean_scores.empty()) {
    std::printf("ROC AUC        %.4f\nfalse positives %.4f of clean documents\n", e.auc(),
                e.false_positive_rate());
  }
  return kExitOk;
}

struct TraceFlags {
  std::string model, index;
  std::string pairs, traced;
  bool json = false;
};

int RunTrace(const TraceFlags& f) {
  std::vector<EvalPair> pairs;
  std::map<std::string, nlohmann::json> rankings;
  Status s = ReadPairs(f.pairs, &pairs);
  if (s.ok() && !f.traced.empty()) s = ReadReports(f.traced, &rankings);
  if (s.ok() && f.traced.empty()) {  // run unspin's own trace against --index
    std::unique_ptr<Model> model;
    std::unique_ptr<TraceIndex> ix;
    s = OpenModel(f.model, &model);
    if (s.ok()) s = TraceIndex::Open(f.index, &ix);
    if (s.ok()) s = ix->CheckLexicon(model->lexicon());
    if (s.ok()) {
      std::vector<nlohmann::json> out(pairs.size());
      ParallelFor(pairs.size(), 0, [&](size_t i) {
        std::vector<TraceMatch> m;
        TraceOptions o;
        o.top = 10;
        o.align = 0;
        ix->Trace(model->lexicon(), pairs[i].spun, o, &m);
        nlohmann::json matches = nlohmann::json::array();
        for (const TraceMatch& x : m) matches.push_back({{"id", x.id}});
        out[i] = {{"matches", matches}};
      });
      for (size_t i = 0; i < pairs.size(); ++i) rankings[pairs[i].id] = std::move(out[i]);
    }
  }
  TraceEval e;
  if (s.ok()) s = EvaluateTrace(pairs, rankings, &e);
  if (!s.ok()) return ReportError(s);
  if (f.json) {
    nlohmann::json j = {{"queries", e.queries},
                        {"recall_at_1", e.recall_at_1()},
                        {"recall_at_10", e.recall_at_10()},
                        {"mrr", e.mrr()}};
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf("queries        %zu\nrecall@1       %.4f\nrecall@10      %.4f\nMRR            %.4f\n",
              e.queries, e.recall_at_1(), e.recall_at_10(), e.mrr());
  return kExitOk;
}

}  // namespace

void AddEvalCommands(CLI::App* app, int* exit_code) {
  CLI::App* eval =
      app->add_subcommand("eval", "Measure quality: restore, detect, trace outputs; coverage");
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

  static RestoreFlags rf;
  auto* restore = eval->add_subcommand(
      "restore",
      "Score restored texts against evaluation pairs: edit precision, recall, F0.5 and WER "
      "before/after (the definitions of score.py), and the lexicon's coverage of the gold edits");
  restore->add_option("--pairs", rf.pairs, "pairs, JSONL {\"id\",\"spun\",\"original\"}")
      ->required();
  restore->add_option("--restored", rf.restored,
                      "a system's output for the pairs' spun texts, JSONL {\"id\",\"text\"} "
                      "(default: run unspin restore)");
  restore->add_option("--clean", rf.clean, "clean texts, JSONL {\"id\",\"text\"}");
  restore->add_option("--clean-restored", rf.clean_restored,
                      "a system's output for the clean texts (default: run unspin restore); edits "
                      "on clean text are errors");
  AddModelFlags(restore, &rf.model);
  restore->add_flag("--no-coverage", rf.no_coverage, "skip the coverage figure (no pack needed)");
  restore->add_flag("--json", rf.json, "one JSON object");
  restore->callback([exit_code] { *exit_code = RunRestore(rf); });

  static DetectFlags df;
  auto* detect = eval->add_subcommand(
      "detect",
      "Score detection reports: token precision/recall/F1 of flagged spans on spun texts, "
      "document ROC AUC, F1 and the false-positive rate on clean texts");
  detect->add_option("--pairs", df.pairs, "pairs, JSONL {\"id\",\"spun\",\"original\"}")
      ->required();
  detect->add_option("--detected", df.detected,
                     "a system's reports for the spun texts, JSONL {\"id\",\"score\",\"spun\","
                     "\"spans\"} (default: run unspin detect)");
  detect->add_option("--clean", df.clean, "clean texts, JSONL {\"id\",\"text\"}");
  detect->add_option(
      "--clean-detected", df.clean_detected,
      "a system's reports for clean texts (default with --clean: run unspin detect)");
  AddModelFlags(detect, &df.model);
  detect->add_flag("--json", df.json, "one JSON object");
  detect->callback([exit_code] { *exit_code = RunDetect(df); });

  static TraceFlags tf;
  auto* trace = eval->add_subcommand(
      "trace", "Score trace rankings: recall@1, recall@10 and MRR of each pair's true source");
  trace
      ->add_option("--pairs", tf.pairs,
                   "pairs, JSONL {\"id\",\"spun\",\"original\"[,\"source\"]}; the true source "
                   "is \"source\" or the pair's id")
      ->required();
  trace->add_option("--traced", tf.traced,
                    "a system's rankings, JSONL {\"id\",\"matches\":[{\"id\"}...]} (default: "
                    "run unspin trace against --index)");
  trace->add_option("--index", tf.index, "trace index for running unspin trace");
  trace->add_option("--model", tf.model, "model pack the index was built with");
  trace->add_flag("--json", tf.json, "one JSON object");
  trace->callback([exit_code] {
    if (tf.traced.empty() && tf.index.empty()) {
      *exit_code = ReportError("eval trace needs --traced or --index");
      return;
    }
    *exit_code = RunTrace(tf);
  });
}

}  // namespace unspin::cli
