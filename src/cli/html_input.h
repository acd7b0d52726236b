// --html: detect, check, restore and trace read an HTML page as the text a
// reader of it sees (include/unspin/html.h) and answer in the page's bytes.
#ifndef UNSPIN_CLI_HTML_INPUT_H_
#define UNSPIN_CLI_HTML_INPUT_H_

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_index.h"
#include "unspin/detector.h"
#include "unspin/html.h"
#include "unspin/restorer.h"

namespace unspin::cli {

// Adds --html, reading `what` (FILE, each --jsonl line's "text", a corpus'
// documents) as HTML; `note` ends the help line.
void AddHtmlFlag(CLI::App* cmd, bool* html, const char* what, const char* note);

// Whether the input is read as HTML: --html, or a FILE named *.html / *.htm.
bool ReadsHtml(bool flag, const std::string& input);

// The report on page.text with its offsets moved to the page's bytes (spans'
// and evidence's); span texts stay the text a reader sees.
void MapToPage(const HtmlText& page, DetectReport* r);

// The restoration of page.text turned into one of `html`: the page with the
// edits written in (HtmlText::Rewrite), the edits' offsets in its bytes; an
// edit Rewrite could not write (broken markup) is dropped.
void MapToPage(const HtmlText& page, std::string_view html, RestoreResult* r);

// Trace matches of page.text with the query's offsets (substitutions'
// spun_start/spun_end, passages) moved to the page's bytes.
void MapToPage(const HtmlText& page, std::vector<TraceMatch>* matches);

// The bytes of `page` that are not UTF-8, as the tokenizer counts them (for
// WarnInvalidUtf8: a page's bytes are not what detect and restore tokenise).
TokenizeStats InvalidUtf8Of(std::string_view page);

// `text` judged, restored or traced as it is, or, when `html`, as the text a
// reader of the page sees with the answer in the page's bytes (MapToPage):
// what the commands and the HTTP API run.
void DetectText(const Detector& detector, const std::string& text, bool html, DetectReport* r);
void RestoreText(const Restorer& restorer, const std::string& text, bool html, RestoreResult* r);
void TraceText(const TraceIndex& index, const Lexicon& lexicon, const std::string& text,
               const TraceOptions& options, bool html, std::vector<TraceMatch>* matches);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_HTML_INPUT_H_
