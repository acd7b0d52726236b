#include "cli/html_input.h"

#include "unspin/text.h"

namespace unspin::cli {

void AddHtmlFlag(CLI::App* cmd, bool* html, const char* what, const char* note) {
  cmd->add_flag("--html", *html,
                std::string("read ") + what +
                    " as HTML: the text a reader of the page sees (scripts, styles and markup "
                    "left out, blocks as paragraphs); " +
                    note);
}

bool ReadsHtml(bool flag, const std::string& input) { return flag || LooksLikeHtmlPath(input); }

namespace {

// Moves a [start, end) range of page.text to the page's bytes.
template <typename T>
void Move(const HtmlText& page, T* start, T* end) {
  const auto [from, to] = page.SourceRange(*start, *end);
  *start = from;
  *end = to;
}

}  // namespace

void MapToPage(const HtmlText& page, DetectReport* r) {
  for (DetectSpan& s : r->spans) Move(page, &s.start, &s.end);
  for (WordEvidence& e : r->evidence) Move(page, &e.start, &e.end);
}

void MapToPage(const HtmlText& page, std::string_view html, RestoreResult* r) {
  std::vector<TextReplacement> edits;
  edits.reserve(r->edits.size());
  for (const RestoreEdit& e : r->edits) edits.push_back({e.start, e.end, e.to});
  std::vector<bool> applied;
  r->text = page.Rewrite(html, edits, &applied);
  // The edits reported are those written into the page.
  size_t kept = 0;
  for (size_t k = 0; k < r->edits.size(); ++k) {
    if (!applied[k]) continue;
    RestoreEdit& e = r->edits[kept++];
    if (&e != &r->edits[k]) e = std::move(r->edits[k]);
    Move(page, &e.start, &e.end);
  }
  r->edits.resize(kept);
}

void MapToPage(const HtmlText& page, std::vector<TraceMatch>* matches) {
  for (TraceMatch& m : *matches) {
    for (Substitution& s : m.substitutions) Move(page, &s.spun_start, &s.spun_end);
    for (auto& [start, end] : m.passages) Move(page, &start, &end);
  }
}

TokenizeStats InvalidUtf8Of(std::string_view page) {
  TokenizeStats stats;  // counted as the tokenizer counts them in text
  ForEachToken(
      page, 0, [](Token&) {}, &stats);
  return stats;
}

void DetectText(const Detector& detector, const std::string& text, bool html, DetectReport* r) {
  if (!html) return detector.Detect(text, r);
  const HtmlText page = ReadHtml(text);
  detector.Detect(page.text, r);
  MapToPage(page, r);
}

void RestoreText(const Restorer& restorer, const std::string& text, bool html, RestoreResult* r) {
  if (!html) return restorer.Restore(text, r);
  const HtmlText page = ReadHtml(text);
  restorer.Restore(page.text, r);
  MapToPage(page, text, r);
}

void TraceText(const TraceIndex& index, const Lexicon& lexicon, const std::string& text,
               const TraceOptions& options, bool html, std::vector<TraceMatch>* matches) {
  if (!html) return index.Trace(lexicon, text, options, matches);
  const HtmlText page = ReadHtml(text);
  index.Trace(lexicon, page.text, options, matches);
  MapToPage(page, matches);
}

}  // namespace unspin::cli
