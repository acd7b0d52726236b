// unspin detect [train] and unspin check: is this text spun, and where?
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_util.h"
#include "base/parallel.h"
#include "cli/batch.h"
#include "cli/check_report.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/html_input.h"
#include "cli/progress.h"
#include "cli/report_json.h"
#include "detect/short_pieces.h"
#include "detect/very_short.h"
#include "detect/word_model_trainer.h"
#include "eval/harness.h"
#include "eval/metrics.h"
#include "unspin/detector.h"
#include "unspin/restorer.h"

namespace unspin::cli {
namespace {

struct DetectFlags {
  ModelFlags model;
  std::string input = "-";
  std::vector<std::string> fingerprints;
  std::string detector;
  DetectOptions options;
  bool json = false, jsonl = false, explain = false, html = false;
  bool html_report = false;       // check: the report as an HTML page
  bool decoder_evidence = false;  // the parameters' "decoded" set, read on a decoder's edits
  bool exit_code = false;         // exit kExitSpun when a text is judged spun
  unsigned threads = 0;
};

// The exit status of a run that judged texts: kExitSpun when --exit-code
// asks and any text was judged spun.
int VerdictExit(const DetectFlags& f, bool any_spun) {
  return f.exit_code && any_spun ? kExitSpun : kExitOk;
}

// --jsonl of detect and check (RunJsonlBatch): `work` fills a text's object
// and says whether the text was judged spun (for --exit-code); its flag says
// whether to read the text as a page (--html, or a folder's .html file).
int RunVerdictBatch(const DetectFlags& f, const char* what,
                    const std::function<bool(const std::string&, bool, nlohmann::json*)>& work) {
  std::atomic<bool> any_spun = false;
  const int status = RunJsonlBatch(f.input, f.threads, what, f.html,
                                   [&](const std::string& text, bool html, nlohmann::json* out) {
                                     if (work(text, html, out)) any_spun = true;
                                   });
  return status != kExitOk ? status : VerdictExit(f, any_spun);
}

void AddDetectFlags(CLI::App* cmd, DetectFlags* f) {
  cmd->add_option("FILE", f->input, "input text (default: stdin)");
  AddModelFlags(cmd, &f->model);
  cmd->add_option("--fingerprints", f->fingerprints,
                  "known tortured phrases, TSV tortured<TAB>expected: always flagged, inflected "
                  "forms too; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--detector", f->detector,
                  "detector parameters (JSON from 'unspin detect train') instead of the pack's");
  cmd->add_flag("--exit-code", f->exit_code,
                "exit 1 when the text is judged spun (detect --jsonl: when any is), 0 when clean; "
                "errors still exit 2");
  cmd->add_flag("--decoder-evidence", f->decoder_evidence,
                "judge with the parameters fitted on a decoder's edits (restore's gate's) instead "
                "of local evidence: about 1.5x slower, better on phrase spinners the detector was "
                "never fitted on (README, Detect)");
  cmd->add_option("--span-margin", f->options.span_margin,
                  "without a word model in the detector parameters: the decoder evidence (log10 "
                  "margin) a span needs (default 0.3)")
      ->check(FiniteNumber());
}

// Reads detector parameters (JSON from 'unspin detect train') from `path`.
Status ReadParamsFile(const std::string& path, DetectorParams* out) {
  std::string json;
  UNSPIN_RETURN_IF_ERROR(ReadFileToString(path, &json));
  Status s = DetectorParams::FromJson(json, out);
  return s.ok() ? s : s.WithContext(path);
}

// Opens the pack (with --dict) and makes its detector (with --fingerprints,
// --detector, --decoder-evidence).
Status MakeDetector(const DetectFlags& f, std::unique_ptr<Model>* model,
                    std::unique_ptr<Detector>* out) {
  UNSPIN_RETURN_IF_ERROR(LoadModel(f.model, model));
  DetectOptions options = f.options;
  options.keep_evidence = f.explain;  // only --explain prints it: memory stays bounded
  // With --decoder-evidence the pack's parameters for a decoder's edits.
  options.decoded_parameters = f.decoder_evidence;
  auto d = std::make_unique<Detector>(**model, options);
  UNSPIN_RETURN_IF_ERROR(AddFingerprintLists(f.fingerprints, d.get()));
  if (!f.detector.empty()) {
    DetectorParams p;
    UNSPIN_RETURN_IF_ERROR(ReadParamsFile(f.detector, &p));
    if (f.decoder_evidence) p.UseDecoded();
    d->set_params(p);
  }
  // Parameters read on local evidence that carry none for a decoder's edits
  // (others are read on a decoder's edits already).
  if (f.decoder_evidence && !d->params().words.empty() &&
      d->params().evidence == Evidence::kLocal) {
    return Status::InvalidArgument(
        "--decoder-evidence: these detector parameters carry none fitted on decoder evidence "
        "(refit with ./scripts/fit_detector.sh, or 'detect train --decoded')");
  }
  *out = std::move(d);
  return Status::Ok();
}

int RunDetect(const DetectFlags& f) {
  std::unique_ptr<Model> model;
  std::unique_ptr<Detector> detector;
  Status s = MakeDetector(f, &model, &detector);
  if (!s.ok()) return ReportError(s);
  if (f.jsonl) {
    return RunVerdictBatch(f, "detect",
                           [&](const std::string& text, bool html, nlohmann::json* out) {
                             DetectReport r;
                             DetectText(*detector, text, html, &r);
                             out->update(ReportJson(r, f.explain));
                             return r.spun;
                           });
  }
  DetectReport r;
  if (ReadsHtml(f.html, f.input)) {  // a page is read whole
    std::string page;
    s = ReadInputText(f.input, &page);
    if (!s.ok()) return ReportError(s);
    DetectText(*detector, page, true, &r);
    WarnInvalidUtf8(f.input, InvalidUtf8Of(page));
  } else {  // a file or standard input of any size, read in windows
    std::unique_ptr<SentenceReader> reader;
    s = CheckTextInput(f.input);
    if (s.ok()) s = SentenceReader::Open(f.input, &reader);
    if (!s.ok()) return ReportError(s);
    ProgressLine progress("detect");
    ShowReading(f.input, reader.get(), &progress);
    s = detector->DetectStream(reader.get(), &r);
    progress.Finish();
    if (!s.ok()) return ReportError(s);
    WarnInvalidUtf8(f.input, reader->stats());
  }
  if (f.json) {
    std::printf("%s\n", DumpJson(ReportJson(r, f.explain)).c_str());
  } else {
    std::printf("%s %.2f\n", r.spun ? "spun" : "clean", r.score);
  }
  return VerdictExit(f, r.spun);
}

// The report a person reads.
int RunCheck(const DetectFlags& f) {
  std::unique_ptr<Model> model;
  std::unique_ptr<Detector> detector;
  Status s = MakeDetector(f, &model, &detector);
  if (!s.ok()) return ReportError(s);
  std::unique_ptr<Model> restore_model;  // a learned --dict: restore's own view
  s = LoadRestoreModel(f.model, &restore_model);
  if (!s.ok()) return ReportError(s);
  Restorer restorer(restore_model ? *restore_model : *model, RestoreOptions());
  s = AddFingerprintLists(f.fingerprints, &restorer);
  if (!s.ok()) return ReportError(s);
  if (f.jsonl) {  // check --json per line
    return RunVerdictBatch(f, "check",
                           [&](const std::string& text, bool html, nlohmann::json* out) {
                             out->update(CheckInputJson(*detector, restorer, text, html, false));
                             return (*out)["detect"]["spun"].get<bool>();
                           });
  }
  std::string text;
  s = ReadInputText(f.input, &text);
  if (!s.ok()) return ReportError(s);
  WarnInvalidUtf8(f.input, InvalidUtf8Of(text));
  const bool html = ReadsHtml(f.html, f.input);
  if (f.json) {  // the HTTP API's /check: offsets in the input's (or the page's) bytes
    const nlohmann::json j = CheckInputJson(*detector, restorer, text, html, false);
    std::printf("%s\n", DumpJson(j).c_str());
    return VerdictExit(f, j["detect"]["spun"].get<bool>());
  }
  const CheckedText c = CheckReaderText(*detector, restorer, std::move(text), html);
  const std::string report =
      f.html_report ? CheckReportHtml(c.text, c.detect, c.restored)
                    : CheckReportText(c.text, c.detect, c.restored, ::isatty(STDOUT_FILENO) == 1);
  std::fwrite(report.data(), 1, report.size(), stdout);
  return VerdictExit(f, c.detect.spun);
}

struct TrainFlags {
  ModelFlags model;
  std::string spun, clean, out, into;
  double max_fpr = 0.01;
  // Texts under this many words get their own calibration, fitted on pieces
  // of the training documents (0: none).
  size_t short_words = 150;
  // Spun documents with more of their words replaced do not teach the
  // whole-document calibration (DocumentFitOptions::max_density).
  double doc_max_density = 0.12;
  WordModelOptions words;
  unsigned threads = 0;
  // With originals: the word model reads decoder evidence instead of local
  // (DetectorParams::evidence).
  bool decoder_evidence = false;
  // Parameters fitted on decoder evidence to carry as "decoded" (restore's
  // gate reads them; DetectorParams::decoded).
  std::string decoded;
};

// Texts of a JSONL file ("spun" or "text"), and each line's "original" when
// it has one (empty otherwise).
Status ReadDocTexts(const std::string& path, std::vector<std::string>* out,
                    std::vector<std::string>* originals) {
  std::vector<nlohmann::json> rows;
  UNSPIN_RETURN_IF_ERROR(ReadJsonl(path, {}, &rows));
  for (const auto& j : rows) {
    const char* field = j.contains("spun") ? "spun" : "text";
    if (!j.contains(field) || !j[field].is_string()) {
      return Status::InvalidArgument(path + ": each line needs a \"spun\" or \"text\" string");
    }
    out->push_back(j[field].get<std::string>());
    const bool has_original = j.contains("original") && j["original"].is_string();
    if (originals) originals->push_back(has_original ? j["original"].get<std::string>() : "");
  }
  return Status::Ok();
}

int RunTrain(const TrainFlags& f) {
  std::unique_ptr<Model> model;
  Status s = LoadModel(f.model, &model);
  if (!s.ok()) return ReportError(s);
  std::vector<std::string> spun, originals, clean;
  s = ReadDocTexts(f.spun, &spun, &originals);
  if (s.ok()) s = ReadDocTexts(f.clean, &clean, nullptr);
  if (!s.ok()) return ReportError(s);
  size_t with_original = 0;
  for (const std::string& o : originals) with_original += !o.empty();
  if (with_original != 0 && with_original != spun.size()) {
    return ReportError(Status::InvalidArgument(
        f.spun + ": " + std::to_string(spun.size() - with_original) +
        " lines lack an \"original\" (give it on every line to fit the word model, or on none)"));
  }
  // Pieces for the short-text calibration: runs of sentences of the training
  // documents; a spun piece only where the spinner changed a word in it.
  PieceTexts piece_texts;
  if (f.short_words > 0) piece_texts = CutTrainingPieces(spun, originals, clean, f.short_words);
  ShortPieces pieces;
  pieces.words = f.short_words;
  pieces.spun_parent = piece_texts.spun_parent;
  pieces.spun_density = piece_texts.spun_density;
  // Without originals to fit a word model, the decoder's edits are the
  // evidence (and the spans).
  const Evidence evidence =
      with_original > 0 && !f.decoder_evidence ? Evidence::kLocal : Evidence::kDecoder;
  std::shared_ptr<const DetectorParams> decoded;
  if (!f.decoded.empty()) {
    DetectorParams d;
    s = ReadParamsFile(f.decoded, &d);
    if (s.ok() && (d.evidence != Evidence::kDecoder || d.words.empty())) {
      s = Status::InvalidArgument(f.decoded +
                                  ": --decoded needs parameters fitted with --decoder-evidence");
    }
    if (!s.ok()) return ReportError(s);
    decoded = std::make_shared<DetectorParams>(std::move(d));
  }
  DetectOptions evidence_options;
  evidence_options.evidence = evidence;
  Detector detector(*model, evidence_options);
  detector.set_params(DetectorParams());  // evidence and base features, no calibration
  // Progress on a terminal: texts read so far, then the fitting stage.
  ProgressLine progress("detect train");
  const size_t total =
      spun.size() + clean.size() + piece_texts.spun.size() + piece_texts.clean.size();
  std::atomic<size_t> done{0};
  std::mutex print;
  auto reports = [&](const std::vector<std::string>& docs) {
    std::vector<DetectReport> out(docs.size());
    ParallelFor(docs.size(), f.threads, [&](size_t i) {
      detector.Detect(docs[i], &out[i]);
      const size_t n = ++done;
      if (progress.enabled()) {
        std::lock_guard<std::mutex> lock(print);
        progress.Show("evidence of " + std::to_string(n) + "/" + std::to_string(total) + " texts",
                      n == total);
      }
    });
    return out;
  };
  std::vector<DetectReport> rs = reports(spun), rc = reports(clean);
  pieces.spun = reports(piece_texts.spun);
  pieces.clean = reports(piece_texts.clean);
  const bool fit_short = !pieces.spun.empty() && !pieces.clean.empty();
  if (progress.enabled()) {
    progress.Finish();
    std::fprintf(stderr, "detect train: fitting%s\n",
                 with_original > 0 ? " the word model (each half, then all) and the document model"
                                   : " the document model");
  }
  DetectorParams p;
  if (with_original > 0) {
    std::vector<std::vector<float>> labels(spun.size());
    ParallelFor(spun.size(), f.threads, [&](size_t i) {
      labels[i] = LabelWords(rs[i].evidence, ChangedTokenRanges(spun[i], originals[i]));
    });
    WordModelOptions wo = f.words;
    wo.threads = static_cast<int>(ResolveThreads(f.threads));
    std::string summary;
    DocumentFitOptions document;
    document.max_false_positive_rate = f.max_fpr;
    document.max_density = f.doc_max_density;
    s = FitDetectorWithWords(&rs, labels, &rc, document, wo, &p, &summary,
                             fit_short ? &pieces : nullptr);
    if (!s.ok()) return ReportError(s);
    std::fprintf(stderr, "unspin: %s\n", summary.c_str());
  }
  // The fitted features (with the word model's, when it was fitted).
  const std::vector<DetectFeatures> fs = FeaturesOf(rs), fc = FeaturesOf(rc);
  if (with_original == 0) {
    std::fprintf(stderr,
                 "unspin: no \"original\" in %s: fitting the document calibration only (spans "
                 "come from the decoder's edits)\n",
                 f.spun.c_str());
    p = FitDetector(fs, fc, f.max_fpr);
    if (fit_short) {
      p.short_texts =
          FitDocumentModel(FeaturesOf(pieces.spun), FeaturesOf(pieces.clean), f.max_fpr);
      p.short_words = f.short_words;
    }
  }
  p.trained_on = std::to_string(spun.size()) + " spun (" + f.spun + "), " +
                 std::to_string(clean.size()) + " clean (" + f.clean + ")";
  p.evidence = evidence;
  p.decoded = decoded;
  size_t tp = 0, fp = 0;
  for (const auto& x : fs) tp += p.Probability(x) >= p.threshold;
  for (const auto& x : fc) fp += p.Probability(x) >= p.threshold;
  std::fprintf(stderr,
               "unspin: detector fitted: threshold %.4f; on the training data %zu/%zu spun "
               "documents caught, %zu/%zu clean flagged\n",
               p.threshold, tp, fs.size(), fp, fc.size());
  if (p.short_texts) {
    const DocumentModel& m = *p.short_texts;
    size_t short_tp = 0, short_fp = 0;
    for (const DetectReport& r : pieces.spun) short_tp += m.Probability(r.features) >= m.threshold;
    for (const DetectReport& r : pieces.clean) short_fp += m.Probability(r.features) >= m.threshold;
    std::fprintf(stderr,
                 "unspin: short texts (under %zu words): threshold %.4f; %zu/%zu spun pieces "
                 "caught, %zu/%zu clean flagged\n",
                 p.short_words, m.threshold, short_tp, pieces.spun.size(), short_fp,
                 pieces.clean.size());
  }
  // Very short texts: the bar runs cut from the clean documents must clear,
  // scored by the parameters just fitted (VeryShortBar).
  {
    const std::vector<WordRun> runs = CutWordRuns(clean, kVeryShortFitLengths, kVeryShortSeed);
    Detector fitted(*model, evidence_options);
    fitted.set_params(p);
    std::vector<double> scores(runs.size());
    ParallelFor(runs.size(), f.threads, [&](size_t i) {
      DetectReport r;
      fitted.Detect(runs[i].text, &r);
      scores[i] = r.score;
    });
    s = FitVeryShortBar(runs, scores, &p.very_short);
    if (s.ok()) {
      std::fprintf(stderr,
                   "unspin: very short texts: no verdict under %zu words, then a bar of "
                   "1 - 10^(%.2f + %.3f x words) (from %zu clean runs)\n",
                   p.very_short.min_words, p.very_short.bar_log10, p.very_short.bar_slope,
                   runs.size());
    } else {
      std::fprintf(stderr, "unspin: %s: the very-short bar keeps its defaults\n",
                   s.message().c_str());
    }
  }
  std::string json = p.ToJson();
  if (!f.out.empty()) {
    s = WriteFileAtomically(f.out, json + "\n");
    if (!s.ok()) return ReportError(s);
  }
  if (!f.into.empty()) {
    s = Model::SetDetector(model->path(), json, f.into);
    if (!s.ok()) return ReportError(s);
  }
  if (f.out.empty() && f.into.empty()) std::printf("%s\n", json.c_str());
  return kExitOk;
}

}  // namespace

void AddDetectCommands(CLI::App* app, int* exit_code) {
  static DetectFlags df;
  auto* detect = app->add_subcommand(
      "detect", "Is this text spun? Prints 'spun 0.97' or 'clean 0.03' (exit 0 either way)");
  AddDetectFlags(detect, &df);
  AddHtmlFlag(detect, &df.html, "the input (or each --jsonl text)",
              "offsets in the page's bytes; a FILE named *.html or *.htm is read so without it");
  detect->add_flag("--json", df.json,
                   "print {score, spun, threshold, spans: [{start, end, text, suggestion, "
                   "confidence, reason}], words}, byte offsets of the input");
  detect->add_flag("--jsonl", df.jsonl, std::string(kBatchInputHelp) + "reports out, in order");
  detect->add_flag(
      "--explain", df.explain,
      "with --json or --jsonl: each word's evidence (\"words_evidence\": start, end, "
      "p = P(replaced), the model's inputs) and the document's (\"document_evidence\")");
  detect->add_option("--threads", df.threads, "threads for --jsonl (default: all cores)");
  detect->callback([exit_code, detect] {
    if (detect->got_subcommand("train")) return;
    *exit_code = RunDetect(df);
  });

  static TrainFlags tf;
  auto* train = detect->add_subcommand(
      "train",
      "Fit the detector's calibration on spun and clean documents (JSONL), and the bar very "
      "short texts must clear (runs of 8-30 words cut from the clean documents)");
  train
      ->add_option("--spun", tf.spun,
                   "spun documents, JSONL with \"spun\" or \"text\"; with \"original\" on "
                   "every line the per-word model that marks spans is fitted too")
      ->required();
  train->add_option("--clean", tf.clean, "clean documents, JSONL with \"text\"")->required();
  AddModelFlags(train, &tf.model);
  train
      ->add_option("--max-fpr", tf.max_fpr,
                   "false-positive rate on the clean documents the threshold allows (default "
                   "0.01)")
      ->check(FiniteNumber());
  train
      ->add_option("--doc-max-density", tf.doc_max_density,
                   "with originals: only spun documents (and short pieces) with at most this share "
                   "of their words replaced fit the document calibrations (heavier copies are "
                   "easy; the light ones place the boundary); all when fewer than 20 qualify "
                   "(default 0.12; 1: all)")
      ->check(CLI::Range(0.0, 1.0));
  train
      ->add_option("--short-words", tf.short_words,
                   "texts under this many words get a calibration of their own, fitted on "
                   "pieces of the training documents (runs of sentences of 20 words up to "
                   "this); 0: one calibration for all (default 150)")
      ->check(CLI::Range(0, 100000));
  train->add_option("--out", tf.out, "write the parameters (JSON) here");
  train->add_option("--threads", tf.threads, "threads (default: all cores)");
  train->add_option("--trees", tf.words.rounds, "trees of the word model (default 600)")
      ->check(CLI::Range(1, 5000));
  train
      ->add_option("--depth", tf.words.max_depth,
                   "maximum depth of the word model's trees (default 7)")
      ->check(CLI::Range(1, WordModel::kMaxCompiledDepth));
  train
      ->add_option("--learning-rate", tf.words.learning_rate,
                   "shrinkage of each tree of the word model (default 0.1)")
      ->check(CLI::Range(0.01, 1.0));
  train
      ->add_option("--span-threshold", tf.words.span_threshold,
                   "P(replaced) at which the word model marks a word (default: the best word F1 "
                   "on held-out training words)")
      ->check(CLI::Range(0.01, 0.99));
  train->add_flag("--decoder-evidence", tf.decoder_evidence,
                  "fit the word model on a decoder's edits instead of local evidence (slower to "
                  "detect with; restore's gate reads such parameters, see --decoded)");
  train->add_option("--decoded", tf.decoded,
                    "parameters fitted with --decoder-evidence (JSON) to carry for restore's "
                    "gate, which decodes every sentence anyway");
  train->add_option("--into", tf.into,
                    "write a copy of the model pack with these parameters here (may be the pack "
                    "itself; atomic)");
  train->callback([exit_code] { *exit_code = RunTrain(tf); });

  static DetectFlags cf;
  auto* check = app->add_subcommand(
      "check",
      "The report a person reads: verdict and score, the text with suspicious spans marked, "
      "and the restored text");
  AddDetectFlags(check, &cf);
  AddHtmlFlag(check, &cf.html, "the input", "a FILE named *.html or *.htm is read so without it");
  check->add_flag("--json", cf.json,
                  "print {detect: detect --json's report, restore: {text, edits}, marks: [{start, "
                  "end, text, suggestion, restored, reason}]} as the HTTP API's /check does, "
                  "offsets in the input's bytes (a page's with --html)");
  check->add_flag("--html-report", cf.html_report,
                  "print the report as one self-contained HTML page for a browser (marks "
                  "highlighted, the restored wording after an arrow and on hover) instead of text");
  check->add_flag(
      "--jsonl", cf.jsonl,
      std::string(kBatchInputHelp) + "{\"id\", detect, restore, marks} lines out, in order");
  check->add_option("--threads", cf.threads, "threads for --jsonl (default: all cores)");
  check->callback([exit_code] { *exit_code = RunCheck(cf); });
}

}  // namespace unspin::cli
