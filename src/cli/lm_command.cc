// unspin lm convert|info|score|build: language model utilities.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/line_reader.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "lm/domain_lm.h"
#include "lm/sentence_scorer.h"
#include "unspin/language_model.h"

namespace unspin::cli {
namespace {

constexpr const char* kDefaultLmName = "en-us.ulm";
constexpr const char* kLmEnv = "UNSPIN_LM";

Status LoadLm(const std::string& flag, std::unique_ptr<LanguageModel>* lm) {
  std::string path;
  UNSPIN_RETURN_IF_ERROR(ResolveModelPath(flag, kDefaultLmName, kLmEnv, &path));
  return LanguageModel::Load(path, lm);
}

int RunConvert(const std::string& in, const std::string& out) {
  auto start = std::chrono::steady_clock::now();
  Status s = LanguageModel::Convert(in, out);
  if (!s.ok()) return ReportError(s);
  std::unique_ptr<LanguageModel> lm;
  s = LanguageModel::Load(out, &lm);
  if (!s.ok()) return ReportError(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "unspin: wrote %s (%llu bytes, order %d, %zu words) in %.1f s\n",
               out.c_str(), static_cast<unsigned long long>(lm->info().bytes), lm->order(),
               lm->vocab_size(), secs);
  return kExitOk;
}

int RunInfo(const std::string& path, bool verify) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<LanguageModel> lm;
  Status s = LanguageModel::Load(path, &lm);
  if (!s.ok()) return ReportError(s);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const LmInfo& info = lm->info();
  std::printf("path\t%s\nformat\t%s\norder\t%d\n", info.path.c_str(), info.format.c_str(),
              info.order);
  for (int k = 0; k < info.order; ++k) {
    std::printf("%d-grams\t%llu\n", k + 1, static_cast<unsigned long long>(info.counts[k]));
  }
  LmState scratch;
  float oov_log10 = lm->Score(lm->NullState(), lm->oov_id(), &scratch).log10_prob;
  std::printf("bytes\t%llu\nunk\t%s\noov_log10\t%.6f\nload_ms\t%.2f\n",
              static_cast<unsigned long long>(info.bytes), info.has_unk ? "yes" : "no", oov_log10,
              ms);
  if (verify) {
    s = lm->Verify();
    if (!s.ok()) return ReportError(s);
    std::printf("verify\tok\n");
  }
  return kExitOk;
}

void SplitWords(std::string_view line, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out->push_back(line.substr(start, i - start));
  }
}

int RunScore(const std::string& model, const std::string& input) {
  std::unique_ptr<LanguageModel> lm;
  Status s = LoadLm(model, &lm);
  if (!s.ok()) return ReportError(s);
  std::unique_ptr<LineReader> in;
  s = LineReader::Open(input, &in, 1 << 24);
  if (!s.ok()) return ReportError(s);
  std::vector<std::string_view> words;
  PerplexityMeter meter;
  std::string_view line;
  while (in->Next(&line)) {
    SplitWords(line, &words);
    SentenceScore sc = ScoreSentence(*lm, words);
    meter.Add(sc);
    std::printf("%zu\t%zu\t%.6f\n", sc.tokens, sc.oov, sc.log10);
  }
  if (!in->status().ok()) return ReportError(in->status());
  std::printf("# perplexity %.6f\n", meter.Perplexity());
  return kExitOk;
}

struct BuildFlags {
  std::vector<std::string> corpora;
  std::string out, base = kDebianLm;
  bool no_base = false;
  DomainLmOptions options;
};

int RunBuild(BuildFlags f) {
  if (f.corpora.empty()) f.corpora.push_back("-");
  // Fail before the long work when the model could not be written.
  const std::filesystem::path folder = std::filesystem::path(f.out).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    return ReportError(f.out + ": the folder " + folder.string() +
                       " does not exist; create it or write the model elsewhere");
  }
  if (f.no_base)
    f.options.base.clear();
  else
    f.options.base = f.base;
  ProgressLine progress("lm build");
  NgramTable table;
  DomainLmStats st;
  Status s = BuildDomainLm(f.corpora, f.options, &table, &st, [&](uint64_t docs, uint64_t bytes) {
    progress.ShowRate(docs, static_cast<double>(bytes) / 1e6, "MB");
  });
  progress.Finish();
  if (!s.ok()) return ReportError(s);
  std::vector<uint64_t> counts;
  for (const NgramOrder& o : table.orders) counts.push_back(o.size());
  s = WriteLanguageModel(&table, f.out);
  if (!s.ok()) return ReportError(s);
  std::string sizes;
  for (size_t k = 0; k < counts.size(); ++k) {
    sizes += (k ? " / " : "") + std::to_string(counts[k]);
  }
  std::fprintf(
      stderr,
      "unspin: %llu documents, %llu sentences, %llu words (%llu distinct); wrote %s "
      "(%s n-grams%s) in %.1f s\n",
      static_cast<unsigned long long>(st.documents), static_cast<unsigned long long>(st.sentences),
      static_cast<unsigned long long>(st.tokens), static_cast<unsigned long long>(st.domain_words),
      f.out.c_str(), sizes.c_str(),
      f.options.base.empty() ? "" : (", mixed with " + f.options.base).c_str(), progress.seconds());
  return kExitOk;
}

}  // namespace

void AddLmCommands(CLI::App* app, int* exit_code) {
  CLI::App* lm = app->add_subcommand("lm", "Language model utilities: convert, info, score, build");
  lm->require_subcommand(1);

  auto* convert = lm->add_subcommand(
      "convert", "Convert an ARPA (plain, .gz, .zst) or sphinx binary LM to the compact format");
  static std::string conv_in, conv_out;
  convert->add_option("IN", conv_in, "input model (ARPA, sphinx .lm.bin, or compact)")->required();
  convert->add_option("OUT", conv_out, "output file, written atomically")->required();
  convert->callback([exit_code] { *exit_code = RunConvert(conv_in, conv_out); });

  auto* info = lm->add_subcommand("info", "Describe a language model file and time its loading");
  static std::string info_path;
  static bool info_verify = false;
  info->add_option("MODEL", info_path, "model file in any supported format")->required();
  info->add_flag("--verify", info_verify, "also walk the whole structure checking consistency");
  info->callback([exit_code] { *exit_code = RunInfo(info_path, info_verify); });

  auto* score = lm->add_subcommand(
      "score",
      "Score one tokenised sentence per line: prints tokens<TAB>oov<TAB>log10 per line, then "
      "'# perplexity P'. OOV words add no term and clear the history.");
  static std::string score_model, score_input = "-";
  score->add_option("--model", score_model,
                    "LM in any format (default: en-us.ulm found via $UNSPIN_LM, next to the "
                    "binary, or /usr/local/share/unspin)");
  score->add_option("FILE", score_input, "input text, one sentence per line (default: stdin)");
  score->callback([exit_code] { *exit_code = RunScore(score_model, score_input); });

  auto* build = lm->add_subcommand(
      "build",
      "Estimate a trigram LM (modified Kneser-Ney) from your own text, read as restore reads it, "
      "mixed with the general model; give it to 'model build --lm' (README, Models)");
  static BuildFlags bf;
  build->add_option("CORPUS", bf.corpora,
                    "JSONL {\"id\",\"text\"}, a folder of .txt files, or stdin (default); "
                    "repeatable");
  build
      ->add_option("-o,--out", bf.out,
                   "model file, written atomically: ARPA when it ends in .arpa, else compact")
      ->required();
  build->add_option("--order", bf.options.order, "n-gram order, 1 to 3 (default 3)")
      ->check(CLI::Range(1, 3));
  build->add_option(
      "--base", bf.base,
      "general model to mix with, ARPA or sphinx (default: " + std::string(kDebianLm) + ")");
  build->add_flag("--no-base", bf.no_base, "the domain model alone (it knows only your text)");
  build
      ->add_option("--prune", bf.options.min_count,
                   "leave out n-grams of the highest order seen fewer than N times, for a smaller "
                   "model (default 1: keep all)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1000000}));
  build
      ->add_option("--domain-weight", bf.options.domain_weight,
                   "the domain model's share of the mixture (default 0.5)")
      ->check(CLI::Range(0.01, 0.99));
  build->callback([exit_code] { *exit_code = RunBuild(bf); });
}

}  // namespace unspin::cli
