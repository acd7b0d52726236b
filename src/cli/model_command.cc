// unspin model build|info: build the model pack, describe one.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_util.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "unspin/detector.h"
#include "unspin/model.h"

namespace unspin::cli {
namespace {

constexpr const char* kDebianMythes = "/usr/share/mythes/th_en_US_v2.dat";
constexpr const char* kDebianWordNet = "/usr/share/wordnet";

// The project's data files ship beside the binary (source tree or install
// prefix): the curated table, the detector's calibration.
std::string DefaultDataPath(const std::string& name) {
  std::string dir = ExecutableDir();
  for (const std::string& p : {dir + "/../data/" + name, dir + "/../share/unspin/" + name,
                               "/usr/local/share/unspin/" + name}) {
    if (!dir.empty() && FileExists(p)) return p;
  }
  return "";
}

struct BuildFlags {
  ModelBuildOptions options;
  std::string out;
  bool no_phrases = false;
  bool no_detector = false;
  bool quiet = false;
  std::string detector_lm;  // "" : Debian's LM when a detector is given; "same": none
};

int RunBuild(BuildFlags f) {
  ModelBuildOptions& o = f.options;
  if (o.lm.empty()) o.lm = kDebianLm;
  if (o.thesauri.empty()) {
    if (FileExists(kDebianMythes)) o.thesauri.push_back(kDebianMythes);
    if (FileExists(std::string(kDebianWordNet) + "/data.noun"))
      o.thesauri.push_back(kDebianWordNet);
  }
  if (f.no_phrases) {
    o.phrases.clear();
  } else if (o.phrases.empty()) {
    o.phrases = DefaultDataPath("spinner_phrases.tsv");
  }
  if (f.no_detector) {
    o.detector.clear();
  } else if (o.detector.empty()) {
    o.detector = DefaultDataPath("detector.json");
  }
  // The shipped detector was fitted with Debian's LM: a pack on another LM
  // (a domain LM) keeps Debian's for the detector (Model::Build leaves it
  // out when it is the pack's own LM).
  if (f.detector_lm == "same" || o.detector.empty()) {
    o.detector_lm.clear();
  } else {
    o.detector_lm = f.detector_lm.empty() && FileExists(kDebianLm) ? kDebianLm : f.detector_lm;
    if (o.detector_lm.empty() && o.lm != kDebianLm) {
      std::fprintf(stderr,
                   "unspin: note: %s not found: the detector will read the pack's LM, not the "
                   "one it was fitted with (give it with --detector-lm)\n",
                   kDebianLm);
    }
  }
  std::string report;
  Status s = Model::Build(o, f.out, &report);
  if (!s.ok()) return ReportError(s);
  if (!f.quiet) std::fputs(report.c_str(), stderr);
  return kExitOk;
}

int RunInfo(const std::string& path, bool json) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Model> model;
  Status s = OpenModel(path, &model);
  if (!s.ok()) return ReportError(s);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json params = nlohmann::json::parse(model->params_json());
  const LmInfo& lm = model->lm().info();
  if (json) {
    params["detector_lm"] = model->has_detector_lm();
    params["path"] = model->path();
    params["bytes"] = model->file_bytes();
    params["load_ms"] = ms;
    std::printf("%s\n", params.dump(2).c_str());
    return kExitOk;
  }
  std::printf("path\t%s\nbytes\t%llu\nload_ms\t%.2f\n", model->path().c_str(),
              static_cast<unsigned long long>(model->file_bytes()), ms);
  std::printf("lm\t%s (order %d, %zu words", params["lm"]["path"].get<std::string>().c_str(),
              lm.order, model->lm().vocab_size());
  for (int k = 0; k < lm.order; ++k) {
    std::printf(", %llu %d-grams", static_cast<unsigned long long>(lm.counts[k]), k + 1);
  }
  std::printf(")\n");
  std::printf("replace_rate\t%g\n", params["replace_rate"].get<double>());
  std::printf("candidate_prior\t%g\n", params.value("candidate_prior", 0.0));
  std::printf("reverse_weight\t%g\n", params.value("reverse_weight", 0.0));
  std::printf("keys\t%zu\nentries\t%zu\nirregular_forms\t%llu\n", model->lexicon().key_count(),
              model->lexicon().entry_count(),
              static_cast<unsigned long long>(params["irregular_forms"].get<uint64_t>()));
  std::string detector = "none (detect gives uncalibrated scores)";
  if (!model->detector_json().empty()) {
    DetectorParams dp;
    Status ds = DetectorParams::FromJson(model->detector_json(), &dp);
    if (!ds.ok()) {
      detector = "unusable (" + ds.message() + "; refit with unspin detect train --into PACK)";
    } else if (dp.words.empty()) {
      detector = "calibrated (unspin detect train), no word model: spans from decoder edits";
    } else {
      detector = "calibrated (unspin detect train), word model of " +
                 std::to_string(dp.words.roots.size()) + " trees";
    }
    if (ds.ok() && dp.short_texts) {
      char line[96];
      std::snprintf(line, sizeof line, "; texts under %zu words calibrated apart (threshold %.4f)",
                    dp.short_words, dp.short_texts->threshold);
      detector += line;
    }
    if (!model->detector_decoded_json().empty() || (ds.ok() && dp.decoded != nullptr)) {
      detector += "; parameters for a decoder's edits (restore's gate, --decoder-evidence)";
    }
  }
  if (model->has_detector_lm()) {
    detector += "; reads its evidence with its own LM (" +
                std::to_string(model->detector_lm().vocab_size()) +
                " words; restore's gate: the pack's)";
  }
  std::printf("detector\t%s\n", detector.c_str());
  for (const auto& src : params["sources"]) {
    std::printf("source\t%s\t%s\tweight %g\t%llu relations\t%s\n",
                src["name"].get<std::string>().c_str(), src["kind"].get<std::string>().c_str(),
                src["weight"].get<double>(),
                static_cast<unsigned long long>(src["relations"].get<uint64_t>()),
                src["path"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace

void AddModelCommands(CLI::App* app, int* exit_code) {
  CLI::App* model = app->add_subcommand("model", "Model pack: build, info");
  model->require_subcommand(1);

  auto* build = model->add_subcommand(
      "build",
      "Build a model pack (LM + inventory + morphology) from Debian's packages or your files");
  static BuildFlags bf;
  build->add_option("--lm", bf.options.lm,
                    std::string("language model: ARPA (.gz/.zst), sphinx .lm.bin or compact "
                                "(default: ") +
                        kDebianLm + ")");
  build
      ->add_option("--thesaurus", bf.options.thesauri,
                   "mythes .dat file or WordNet folder, PATH[@WEIGHT]; repeatable (default: "
                   "Debian's mythes-en-us and wordnet-base)")
      ->allow_extra_args(false);
  build
      ->add_option("--dict", bf.options.dictionaries,
                   "spinner dictionary (a|b|c, word:syn,syn or TSV), PATH[@WEIGHT]; repeatable")
      ->allow_extra_args(false);
  build->add_option("--phrases", bf.options.phrases,
                    "curated substitution table, TSV original<TAB>spun<TAB>weight (default: the "
                    "project's data/spinner_phrases.tsv)");
  build->add_flag("--no-phrases", bf.no_phrases, "leave the curated table out");
  build->add_option("--detector", bf.options.detector,
                    "detector calibration, JSON from 'unspin detect train' (default: the "
                    "project's data/detector.json)");
  build->add_flag("--no-detector", bf.no_detector, "build without detector calibration");
  build->add_option("--detector-lm", bf.detector_lm,
                    std::string("the LM the detector was fitted with, kept in the pack for its "
                                "evidence when --lm is another (default: ") +
                        kDebianLm +
                        ", as for the project's detector; 'same': the pack's LM, for a detector "
                        "you fitted on it)");
  build
      ->add_option("--phrases-weight", bf.options.phrases_weight,
                   "prior weight of the curated table against a thesaurus (default 2)")
      ->check(FiniteNumber());
  build->add_option("--morphology", bf.options.morphology_dir,
                    "folder with WordNet's .exc irregular-form lists (default: the WordNet "
                    "thesaurus folder)");
  build
      ->add_option("--replace-rate", bf.options.params.replace_rate,
                   "assumed share of words a spinner replaces (default 0.3)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.001, 0.999));
  build
      ->add_option("--max-candidates", bf.options.max_candidates,
                   "candidates kept per observed phrase (default 96)")
      ->check(CLI::Range(1, 100000));
  build
      ->add_option("--candidate-prior", bf.options.candidate_prior,
                   "candidates are kept and ordered by log10 channel share + this x the LM's "
                   "log10 probability of the original (default 1: the posterior)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.0, 2.0));
  build
      ->add_option("--reverse-weight", bf.options.reverse_weight,
                   "factor on relations read backwards (a source lists B under A: B -> A too) "
                   "where the source lacks them; 0 disables them (default 0.3; README, Quality)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.0, 1.0));
  build
      ->add_option("--two-hop-weight", bf.options.two_hop_weight,
                   "factor on two-hop neighbours (original -> X -> spun); 0 disables them "
                   "(default 0.1)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.0, 1.0));
  build->add_option("--two-hop-max", bf.options.two_hop_max,
                    "two-hop neighbours kept per original (default 24)");
  build->add_flag("--quiet,-q", bf.quiet, "no build report on stderr");
  build->add_option("--out,-o", bf.out, "pack file to write (atomically)")->required();
  build->callback([exit_code] { *exit_code = RunBuild(bf); });

  auto* info = model->add_subcommand("info", "Describe a model pack and time its loading");
  static std::string info_path;
  static bool info_json = false;
  info->add_option("PACK", info_path,
                   "pack file (default: en-us.unspin via $UNSPIN_MODEL, next to the binary, or "
                   "/usr/local/share/unspin)");
  info->add_flag("--json", info_json, "print the pack's parameters and build record as JSON");
  info->callback([exit_code] { *exit_code = RunInfo(info_path, info_json); });
}

}  // namespace unspin::cli
