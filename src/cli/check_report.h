// `unspin check`'s report for people: the verdict, the text with its marks
// (CheckMarks: the detector's spans united with restore's edits) and the
// restored text, as plain text (colour for a terminal) or as an HTML page.
#ifndef UNSPIN_CLI_CHECK_REPORT_H_
#define UNSPIN_CLI_CHECK_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "unspin/detector.h"
#include "unspin/restorer.h"

namespace unspin::cli {

// check's JSON (CheckJson) for `input`, a page when `html` (offsets in its
// bytes): what check --json and --jsonl print and the HTTP API's /check
// answers.
nlohmann::json CheckInputJson(const Detector& detector, const Restorer& restorer,
                              const std::string& input, bool html, bool explain);

// What check's text and HTML reports show: the text (a page's as a reader
// of it sees it, when `html`) with the detector's and restore's answers.
struct CheckedText {
  std::string text;
  DetectReport detect;
  RestoreResult restored;
};
CheckedText CheckReaderText(const Detector& detector, const Restorer& restorer, std::string input,
                            bool html);

// `text` is what both reports' offsets index. `color`: ANSI colours (marks
// highlighted, the wording after an arrow) instead of "[span -> wording]".
std::string CheckReportText(std::string_view text, const DetectReport& detect,
                            const RestoreResult& restored, bool color);

// The same report as one self-contained HTML page (UTF-8, no scripts, no
// outside resources): marks highlighted by reason, restore's wording after an
// arrow and in the mark's tooltip. Text is escaped; invalid UTF-8 bytes are
// written as U+FFFD. A non-empty `form_path` adds a link to that path (the
// server's form, CheckFormHtml).
std::string CheckReportHtml(std::string_view text, const DetectReport& detect,
                            const RestoreResult& restored, std::string_view form_path = {});

// A page with a form for a person to paste a text into: it posts the text
// form-urlencoded (fields "text" and, when ticked, "html=1") to `action`,
// which answers with CheckReportHtml's page.
std::string CheckFormHtml(std::string_view action);

// A page saying what was wrong with a form's text, linking back to the form.
std::string CheckErrorHtml(std::string_view message, std::string_view form_path);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_CHECK_REPORT_H_
