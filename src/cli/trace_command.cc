// unspin index build|add|info, unspin trace, unspin learn.
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
#include "trace/learner.h"
#include "trace/trace_index.h"

namespace unspin::cli {
namespace {

struct IndexFlags {
  std::string model, dir, corpus = "-";
  IndexBuildOptions options{.segment_docs = kDefaultSegmentDocs};
};

int RunIndex(const IndexFlags& f, bool create) {
  std::unique_ptr<Model> model;
  Status s = OpenModel(f.model, &model);
  if (!s.ok()) return ReportError(s);
  ProgressLine progress("index");
  IndexStats st;
  s = AddToIndex(
      model->lexicon(), f.dir, f.corpus, create, &st,
      [&](uint64_t docs, uint64_t bytes) {
        progress.ShowRate(docs, static_cast<double>(bytes) / 1e6, "MB");
      },
      f.options);
  progress.Finish();
  if (!s.ok()) return ReportError(s);
  const double secs = progress.seconds();
  std::fprintf(
      stderr,
      "unspin: indexed %llu documents (%.1f MB of text) in %.1f s into %s (segments in the "
      "index: %llu)\n",
      static_cast<unsigned long long>(st.documents), st.text_bytes / 1e6, secs, f.dir.c_str(),
      static_cast<unsigned long long>(st.segments));
  return kExitOk;
}

int RunIndexInfo(const std::string& dir) {
  std::unique_ptr<TraceIndex> ix;
  Status s = TraceIndex::Open(dir, &ix);
  if (!s.ok()) return ReportError(s);
  const IndexStats& st = ix->stats();
  std::printf(
      "documents\t%llu\nsegments\t%llu\ntext_bytes_compressed\t%llu\nindex_bytes\t%llu\n"
      "index_bytes_per_document\t%.1f\npassage_words\t%llu\n",
      static_cast<unsigned long long>(st.documents), static_cast<unsigned long long>(st.segments),
      static_cast<unsigned long long>(st.text_bytes),
      static_cast<unsigned long long>(st.index_bytes),
      st.documents ? static_cast<double>(st.index_bytes) / st.documents : 0.0,
      static_cast<unsigned long long>(st.passage_words));
  return kExitOk;
}

struct TraceFlags {
  std::string model, index, input = "-";
  TraceOptions options;
  bool json = false, jsonl = false, html = false;
  unsigned threads = 0;
};

int RunTrace(const TraceFlags& f) {
  std::unique_ptr<Model> model;
  Status s = OpenModel(f.model, &model);
  if (!s.ok()) return ReportError(s);
  std::unique_ptr<TraceIndex> ix;
  s = TraceIndex::Open(f.index, &ix);
  if (s.ok()) s = ix->CheckLexicon(model->lexicon());
  if (!s.ok()) return ReportError(s);
  if (f.jsonl) {
    return RunJsonlBatch(f.input, f.threads, "trace", f.html,
                         [&](const std::string& text, bool html, nlohmann::json* out) {
                           std::vector<TraceMatch> m;
                           TraceText(*ix, model->lexicon(), text, f.options, html, &m);
                           (*out)["matches"] = MatchesJson(m);
                         });
  }
  std::string text;
  s = ReadInputText(f.input, &text);
  if (!s.ok()) return ReportError(s);
  WarnInvalidUtf8(f.input, InvalidUtf8Of(text));
  std::vector<TraceMatch> matches;
  TraceText(*ix, model->lexicon(), text, f.options, ReadsHtml(f.html, f.input), &matches);
  if (f.json) {
    std::printf("%s\n", DumpJson({{"matches", MatchesJson(matches)}}).c_str());
    return kExitOk;
  }
  if (matches.empty())
    std::printf("no source found (nothing scored %.2f or more)\n", f.options.threshold);
  for (const TraceMatch& m : matches) {
    std::printf("%s\t%.3f\n", m.id.c_str(), m.score);
    for (const auto& [start, end] : m.passages) {
      std::printf("    passage at bytes %llu-%llu\n", static_cast<unsigned long long>(start),
                  static_cast<unsigned long long>(end));
    }
    for (const Substitution& sub : m.substitutions) {
      std::printf("    \"%s\" <- \"%s\"\n", sub.spun.c_str(), sub.source.c_str());
    }
  }
  return kExitOk;
}

int RunLearn(const std::string& out, const std::vector<std::string>& inputs,
             const std::vector<std::string>& texts, bool html) {
  SubstitutionLearner learner;
  for (const std::string& in : inputs) {
    Status s = learner.AddFile(in);
    if (!s.ok()) return ReportError(s);
  }
  if (learner.size() == 0) return ReportError("no substitutions found in the input");
  for (const std::string& in : texts) {
    size_t kept = 0;
    Status s = learner.AddTexts(in, &kept, html);
    if (!s.ok()) return ReportError(s);
    if (kept == 0) {
      return ReportError(in +
                         ": no text of a traced document (their \"id\"s must match the trace "
                         "output's)");
    }
  }
  Status s = WriteFileAtomically(out, learner.ToTsv());
  if (!s.ok()) return ReportError(s);
  std::fprintf(stderr, "unspin: learned %zu substitutions from %zu documents into %s\n",
               learner.size(), learner.documents(), out.c_str());
  return kExitOk;
}

}  // namespace

void AddTraceCommands(CLI::App* app, int* exit_code) {
  CLI::App* index = app->add_subcommand("index", "Trace index: build, add, info");
  index->require_subcommand(1);
  static IndexFlags bf, af;
  auto* build = index->add_subcommand("build", "Build a trace index from a corpus");
  build->add_option("--out", bf.dir, "index folder (created)")->required();
  build->add_option("CORPUS", bf.corpus,
                    "JSONL {\"id\",\"text\"}, a folder of .txt (and .html) files, or stdin "
                    "(default)");
  AddHtmlFlag(build, &bf.options.html, "each document",
              "indexed and stored as that text; a folder's .html and .htm files are read so "
              "without it");
  build->add_option("--model", bf.model, "model pack (default: en-us.unspin, see README)");
  build->add_option("--threads", bf.options.threads, "threads (default: all cores)");
  build
      ->add_option("--segment-docs", bf.options.segment_docs,
                   "documents per segment: a segment is built in memory, about 0.9 GB per "
                   "million short documents (default 2000000)")
      ->check(PositiveNumber());
  build->add_flag(
      "--passages", [](int64_t) { bf.options.passage_words = kDefaultIndexPassageWords; },
      "also index each document's passages of about 75 words, so 'trace --passages' finds a "
      "source that holds a passage of the query among much other text (about 40% more "
      "index; kept for every 'index add')");
  build->callback([exit_code] { *exit_code = RunIndex(bf, true); });
  auto* add = index->add_subcommand("add", "Add a corpus to an index as a new segment");
  add->add_option("DIR", af.dir, "index folder")->required();
  add->add_option("CORPUS", af.corpus,
                  "JSONL, a folder of .txt (and .html) files, or stdin (default)");
  AddHtmlFlag(add, &af.options.html, "each document",
              "indexed and stored as that text; a folder's .html and .htm files are read so "
              "without it");
  add->add_option("--model", af.model, "model pack the index was built with");
  add->add_option("--threads", af.options.threads, "threads (default: all cores)");
  add->add_option("--segment-docs", af.options.segment_docs,
                  "documents per segment: a segment is built in memory, about 0.9 GB per "
                  "million short documents (default 2000000)")
      ->check(PositiveNumber());
  add->callback([exit_code] { *exit_code = RunIndex(af, false); });
  static std::string info_dir;
  auto* info = index->add_subcommand("info", "Describe an index");
  info->add_option("DIR", info_dir, "index folder")->required();
  info->callback([exit_code] { *exit_code = RunIndexInfo(info_dir); });

  static TraceFlags tf;
  auto* trace = app->add_subcommand(
      "trace", "Find the source a spun text was made from, with the aligned substitutions");
  trace->add_option("FILE", tf.input, "input text (default: stdin)");
  AddHtmlFlag(trace, &tf.html, "the input (or each --jsonl text)",
              "offsets in the page's bytes; a FILE named *.html or *.htm is read so without it");
  trace->add_option("--index", tf.index, "index folder (unspin index build)")->required();
  trace->add_option("--model", tf.model, "model pack the index was built with");
  trace->add_option("--top", tf.options.top, "report at most K sources (default 5)");
  trace
      ->add_option("--threshold", tf.options.threshold,
                   "similarity a source needs to be reported (default 0.2)")
      ->check(FiniteNumber());
  trace->add_flag(
      "--passages", [](int64_t) { tf.options.passage_words = kDefaultPassageWords; },
      "for texts stitched from several sources: also trace passages of about 150 words (as the "
      "index's when it was built with --passages), score a source by 0.8 x its best passage's "
      "containment when higher, and list each passage under "
      "the source that contains the most of it");
  trace->add_flag("--json", tf.json,
                  "print {\"matches\": [{id, score, substitutions: [{spun, source, spun_start, "
                  "spun_end, source_start, source_end, word_before, word_after}], passages: "
                  "[{start, end}] (--passages)}]}");
  trace->add_flag(
      "--jsonl", tf.jsonl,
      std::string(kBatchInputHelp) + "{\"id\",\"matches\"} lines out (what 'unspin learn' reads)");
  trace->add_option("--threads", tf.threads, "threads for --jsonl (default: all cores)");
  trace->callback([exit_code] { *exit_code = RunTrace(tf); });

  static std::string learn_out;
  static std::vector<std::string> learn_in, learn_texts;
  auto* learn = app->add_subcommand(
      "learn",
      "Turn traced (or spin-aligned) pairs into a spinner dictionary for restore --dict and "
      "model build --dict");
  learn
      ->add_option("--out", learn_out,
                   "dictionary to write (TSV original<TAB>spun<TAB>count[<TAB>occurrences])")
      ->required();
  learn->add_option("INPUTS", learn_in,
                    "JSONL files of 'unspin trace --jsonl' (or 'unspin spin --jsonl') output "
                    "(default: stdin)");
  learn
      ->add_option("--texts", learn_texts,
                   "JSONL {\"id\",\"text\"} of the traced copies (what 'unspin trace --jsonl' "
                   "read): adds a fourth column, how often each spun phrase occurs in them, from "
                   "which restore --dict learns how often the spinner replaces it, and widens a "
                   "traced pair by a neighbour word where the spinner's key held it ('on the' -> "
                   "'at the'); repeatable")
      ->allow_extra_args(false);
  static bool learn_html = false;
  learn->add_flag("--html", learn_html,
                  "the --texts are web pages (what 'unspin trace --jsonl --html' read): their "
                  "phrases are counted in the text a reader of the page sees");
  learn->callback([exit_code] {
    *exit_code = RunLearn(learn_out, learn_in.empty() ? std::vector<std::string>{"-"} : learn_in,
                          learn_texts, learn_html);
  });
}

}  // namespace unspin::cli
