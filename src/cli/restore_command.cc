// unspin restore: the most likely original wording of spun text.
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/file_util.h"
#include "cli/batch.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/html_input.h"
#include "cli/progress.h"
#include "cli/report_json.h"
#include "unspin/restorer.h"

namespace unspin::cli {
namespace {

struct RestoreFlags {
  ModelFlags model;
  std::string input = "-";
  RestoreOptions options;
  bool json = false, jsonl = false, explain = false, html = false;
  double replace_rate = 0;  // 0: the pack's
  unsigned threads = 0;     // 0: all cores
  std::vector<std::string> fingerprints;
};

void ExplainToStderr(const std::vector<RestoreEdit>& edits) {
  for (const RestoreEdit& e : edits) {
    std::fprintf(stderr, "[%llu,%llu) \"%s\" -> \"%s\"  margin %.2f  confidence %.3f",
                 static_cast<unsigned long long>(e.start), static_cast<unsigned long long>(e.end),
                 e.from.c_str(), e.to.c_str(), e.margin, e.confidence);
    if (e.support >= 0) std::fprintf(stderr, "  support %.3f", e.support);
    if (e.window_score >= 0) std::fprintf(stderr, "  window score %.3f", e.window_score);
    std::fprintf(stderr, "\n");
    for (const RestoreAlternative& a : e.alternatives) {
      std::fprintf(stderr, "    %-30s lm %8.3f  channel %8.3f\n", a.text.c_str(), a.lm_log10,
                   a.channel_log10);
    }
  }
}

int Run(RestoreFlags f) {
  std::unique_ptr<Model> model;
  Status s = LoadModel(f.model, &model, DictionaryReading::kRestore);
  if (!s.ok()) return ReportError(s);
  if (f.explain && f.options.alternatives == 0) f.options.alternatives = 5;
  if (f.replace_rate > 0) {
    LexiconParams p = model->lexicon().params();
    p.replace_rate = f.replace_rate;
    model->mutable_lexicon()->set_params(p);
  }
  Restorer restorer(*model, f.options);
  s = AddFingerprintLists(f.fingerprints, &restorer);
  if (!s.ok()) return ReportError(s);
  if (f.jsonl) {
    return RunJsonlBatch(f.input, f.threads, "restore", f.html,
                         [&](const std::string& text, bool html, nlohmann::json* out) {
                           RestoreResult r;
                           RestoreText(restorer, text, html, &r);
                           out->update(RestoreJson(r, f.explain));
                         });
  }
  const bool html = ReadsHtml(f.html, f.input);
  if (f.json || html) {  // a page is read whole
    std::string text;
    s = ReadInputText(f.input, &text);
    if (!s.ok()) return ReportError(s);
    RestoreResult r;
    RestoreText(restorer, text, html, &r);
    WarnInvalidUtf8(f.input, InvalidUtf8Of(text));
    if (f.json) {
      std::printf("%s\n", DumpJson(RestoreJson(r, f.explain)).c_str());
    } else {
      std::fwrite(r.text.data(), 1, r.text.size(), stdout);
      if (f.explain) ExplainToStderr(r.edits);
    }
    return kExitOk;
  }
  std::unique_ptr<SentenceReader> reader;
  s = CheckTextInput(f.input);
  if (s.ok()) s = SentenceReader::Open(f.input, &reader);
  if (!s.ok()) return ReportError(s);
  ProgressLine progress("restore");
  ShowReading(f.input, reader.get(), &progress);
  s = restorer.RestoreStream(reader.get(), [&](const RestoreResult& piece) {
    std::fwrite(piece.text.data(), 1, piece.text.size(), stdout);
    if (f.explain) ExplainToStderr(piece.edits);
  });
  std::fflush(stdout);
  progress.Finish();
  if (!s.ok()) return ReportError(s);
  WarnInvalidUtf8(f.input, reader->stats());
  return kExitOk;
}

}  // namespace

void AddRestoreCommand(CLI::App* app, int* exit_code) {
  static RestoreFlags f;
  auto* cmd = app->add_subcommand(
      "restore",
      "Restore the most likely original wording of spun text; bytes outside edited spans are "
      "unchanged");
  cmd->add_option("FILE", f.input, "input text (default: stdin)");
  AddModelFlags(cmd, &f.model);
  AddHtmlFlag(cmd, &f.html, "the input (or each --jsonl text)",
              "the page is written back with only the edited words changed, "
              "offsets in the page's bytes; a FILE named *.html or *.htm is read so without it");
  cmd->add_option("--fingerprints", f.fingerprints,
                  "known tortured phrases, TSV tortured<TAB>expected: always replaced by the "
                  "expected phrase, inflected forms too; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--threshold", f.options.threshold,
                  "minimum log10 margin of an edit over keeping the observed words; higher edits "
                  "less (default 1.0; the detector's gate moves it, see below)")
      ->check(FiniteNumber());
  const RestoreOptions defaults;
  auto fixed2 = [](double v) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.2f", v);
    return std::string(text);
  };
  cmd->add_option("--gate-offset", f.options.gate_offset,
                  "detector's gate: in a window of 8 words or more an edit needs a margin of T + "
                  "this - support weight x P(replaced) - score weight x P(spun) (default " +
                      fixed2(defaults.gate_offset) + ")")
      ->check(FiniteNumber());
  cmd->add_option("--support-weight", f.options.support_weight,
                  "detector's gate: margin taken off per unit of the word model's P(replaced) "
                  "of the edit's words (default " +
                      fixed2(defaults.support_weight) + ")")
      ->check(FiniteNumber());
  cmd->add_option("--score-weight", f.options.score_weight,
                  "detector's gate: margin taken off per unit of the detector's P(spun) for the "
                  "window (default " +
                      fixed2(defaults.score_weight) + ")")
      ->check(FiniteNumber());
  cmd->add_option("--neighbour-discount", f.options.neighbour_discount,
                  "detector's gate: margin taken off for an edit right beside a kept one, in "
                  "chains: spinners replace runs of words (default 5; 0: off)")
      ->check(FiniteNumber());
  cmd->add_option("--short-window-offset", f.options.short_window_offset,
                  "detector's gate: margin added in a window of 8-49 words (a sentence sent "
                  "on its own), whose P(spun) is less sure than a document's (default " +
                      fixed2(defaults.short_window_offset) + ")")
      ->check(FiniteNumber());
  cmd->add_option("--rate-scale", f.options.rate_scale,
                  "detector's gate: a learned dictionary's substitution rate backs an edit as "
                  "P(replaced) does, times this (default 1.5)")
      ->check(FiniteNumber());
  cmd->add_option("--support-discount", f.options.support_discount,
                  "in a window under 8 words, margin taken off for an edit over a word the "
                  "word model marks as likely replaced (default 0.5)")
      ->check(FiniteNumber());
  cmd->add_option("--support-probability", f.options.support_probability,
                  "in a window under 8 words, P(replaced) from the word model that backs an "
                  "edit (default 0.7)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("!--keep-disguises", f.options.undisguise,
                "leave words written with look-alike letters of another script or hidden "
                "characters as they are (by default they are written as the Latin words they "
                "pass for)");
  cmd->add_flag("!--no-detector-gate", f.options.use_detector,
                "gate edits by the density of strong edits instead of the pack's detector");
  cmd->add_option("--channel-weight", f.options.channel_weight,
                  "weight of the channel log-probability against the LM (default 1.0)")
      ->check(FiniteNumber());
  cmd->add_option("--gate-margin", f.options.gate_margin,
                  "density gate (packs without a word model, or --no-detector-gate): margin of "
                  "the edits it counts (default 1.0)")
      ->check(FiniteNumber());
  cmd->add_option("--gate-density", f.options.gate_density,
                  "density gate: edits per word below which a window of text looks clean "
                  "(default 0.05)")
      ->check(FiniteNumber());
  cmd->add_option("--phrase-gate-density", f.options.phrase_gate_density,
                  "density gate of a window under 8 words judged with a word model: edits per "
                  "word below which it looks clean (default 0.3)")
      ->check(FiniteNumber());
  cmd->add_option("--clean-threshold", f.options.clean_threshold,
                  "margin an edit needs in text the gate calls clean (default 6.0)")
      ->check(FiniteNumber());
  cmd->add_option("--replace-rate", f.replace_rate,
                  "assumed share of words a spinner replaced (default: the pack's, 0.3)")
      ->check(FiniteNumber())
      ->check(CLI::Range(0.001, 0.999));
  cmd->add_option("--candidates", f.options.candidates,
                  "candidates per span start and length (default 24)");
  cmd->add_option("--spun-candidates", f.options.spun_candidates,
                  "with the detector's gate, sentences with words it marks are decoded again "
                  "with this many candidates (default 96; at most --candidates: off)");
  cmd->add_option("--two-hop-penalty", f.options.two_hop_penalty,
                  "log10 penalty on two-hop candidates (default 0)")
      ->check(FiniteNumber());
  cmd->add_option(
         "--multiword-penalty", f.options.multiword_penalty,
         "log10 penalty per observed token beyond the first in a replaced span (default 0)")
      ->check(FiniteNumber());
  cmd->add_option("--truncation-penalty", f.options.truncation_penalty,
                  "log10 penalty on a replacement that only drops observed words, as \"crude "
                  "oil\" -> \"oil\" (default 1.0)")
      ->check(FiniteNumber());
  cmd->add_option("--rarity-weight", f.options.rarity_weight,
                  "spinners trade common words for rarer ones: a replacement gains this times the "
                  "unigram log10 of the original minus that of the observed words (default 0.15)")
      ->check(FiniteNumber());
  cmd->add_option("--context-bonus", f.options.context_bonus,
                  "a replacement whose new words all occur elsewhere in the text (one of them a "
                  "content word) gains this log10: spinners leave some occurrences of a word "
                  "(default 0.4)")
      ->check(FiniteNumber());
  cmd->add_option("--digits-prior", f.options.digits_prior,
                  "a whole number of 10 or more spelled in words past a sentence's first word "
                  "(\"forty two\") gains a candidate in digits (\"42\") with this log10 "
                  "prior: news writes such numbers in digits, spinners spell them out; 0 turns "
                  "it off (default " +
                      fixed2(defaults.digits_prior) + ")")
      ->check(FiniteNumber());
  cmd->add_option("--beam", f.options.beam, "LM states kept per position (default 2)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--lookahead-pool", f.options.lookahead_pool,
                  "pruning keeps the --beam best of this many times as many LM states, ranked by "
                  "score plus the next observed word's LM log10; 1: by score alone (default 8)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--json", f.json,
                "print {\"text\", \"edits\": [{start, end, from, to, confidence}]}, byte offsets "
                "of the input");
  cmd->add_flag("--jsonl", f.jsonl,
                std::string(kBatchInputHelp) + "{\"id\",\"text\",\"edits\"} lines out, in order");
  cmd->add_flag("--explain", f.explain,
                "each edit's margin and best alternatives with LM and channel scores (in the JSON, "
                "or on stderr)");
  cmd->add_option("--threads", f.threads, "threads for --jsonl (default: all cores)");
  cmd->callback([exit_code] { *exit_code = Run(f); });
}

}  // namespace unspin::cli
