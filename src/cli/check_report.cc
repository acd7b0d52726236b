#include "cli/check_report.h"

#include <cstdio>

#include "cli/html_input.h"
#include "cli/report_json.h"
#include "detect/check_marks.h"
#include "text/utf8.h"
#include "unspin/html.h"

namespace unspin::cli {
namespace {

std::string Verdict(const DetectReport& r) {
  return r.spun ? "SPUN" : r.score >= kBorderlineScore ? "clean, borderline" : "clean";
}

// "(score 0.97, threshold 0.96, 102 words, 21 suspicious spans)"
std::string Figures(const DetectReport& r) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "(score %.2f, threshold %.2f, %zu words, %zu suspicious spans)",
                r.score, r.threshold, r.words, r.spans.size());
  return buf;
}

// HTML text: markup characters escaped, invalid UTF-8 as U+FFFD.
std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = DecodeUtf8(s, i, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

// The start of a page, through <body>, with the reports' stylesheet.
std::string PageHead(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         Escape(title) +
         "</title>\n<style>\n"
         "body { font: 16px/1.5 sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em; }\n"
         ".text { white-space: pre-wrap; }\n"
         "mark { background: #fde68a; }\n"
         "mark.fingerprint { background: #fca5a5; }\n"
         ".wording { color: #0e7490; }\n"
         ".wording.tentative { color: #888; }\n"
         ".verdict-spun { color: #b91c1c; }\n"
         "textarea { width: 100%; box-sizing: border-box; font: inherit; }\n"
         "</style>\n</head>\n<body>\n";
}

}  // namespace

nlohmann::json CheckInputJson(const Detector& detector, const Restorer& restorer,
                              const std::string& input, bool html, bool explain) {
  DetectReport detect;
  DetectText(detector, input, html, &detect);
  RestoreResult restored;
  RestoreText(restorer, input, html, &restored);
  return CheckJson(input, detect, restored, explain);
}

CheckedText CheckReaderText(const Detector& detector, const Restorer& restorer, std::string input,
                            bool html) {
  CheckedText c;
  c.text = html ? ReadHtml(input).text : std::move(input);
  detector.Detect(c.text, &c.detect);
  restorer.Restore(c.text, &c.restored);
  return c;
}

std::string CheckReportText(std::string_view text, const DetectReport& detect,
                            const RestoreResult& restored, bool color) {
  std::string out = "verdict: " + Verdict(detect) + " " + Figures(detect) + "\n";
  if (!detect.note.empty()) out += "note: " + detect.note + "\n";
  out += "\n--- text, suspicious spans marked ";
  out += color ? "in colour (restored wording after the arrow; dim and '?': a possible original "
                 "restore did not adopt)"
               : "[span -> restored wording] ('?': a possible original restore did not adopt)";
  out += "\n\n";
  // The wording after an arrow is what the restored text below says.
  size_t at = 0;
  for (const CheckMark& m : CheckMarks(text, detect.spans, restored.edits)) {
    out.append(text.substr(at, m.start - at));
    const std::string_view span = text.substr(m.start, m.end - m.start);
    const char* tentative = m.restored ? "" : "?";
    if (color) {
      out += (m.reason == "fingerprint" ? "\x1b[1;31m" : "\x1b[1;33m");
      out.append(span);
      out += "\x1b[0m";
      if (!m.suggestion.empty()) {
        out += (m.restored ? "\x1b[36m\u2192" : "\x1b[2m\u2192") + m.suggestion + tentative +
               "\x1b[0m";
      }
      if (m.disguised) out += "\x1b[2m (disguised)\x1b[0m";
    } else {
      out += "[";
      out.append(span);
      if (!m.suggestion.empty()) out += " -> " + m.suggestion + tentative;
      out += m.disguised ? " (disguised)]" : "]";
    }
    at = m.end;
  }
  out.append(text.substr(at));
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += "\n--- restored (" + std::to_string(restored.edits.size()) + " edits)\n\n";
  out += restored.text;
  if (!restored.text.empty() && restored.text.back() != '\n') out += '\n';
  return out;
}

std::string CheckReportHtml(std::string_view text, const DetectReport& detect,
                            const RestoreResult& restored, std::string_view form_path) {
  std::string out = PageHead("unspin check: " + Verdict(detect));
  if (!form_path.empty()) {
    out += "<p><a href=\"" + Escape(form_path) + "\">Check another text</a></p>\n";
  }
  out += "<h1>Verdict: <span class=\"" +
         std::string(detect.spun ? "verdict-spun" : "verdict-clean") + "\">" +
         Escape(Verdict(detect)) + "</span></h1>\n<p>" + Escape(Figures(detect)) + "</p>\n";
  if (!detect.note.empty()) out += "<p class=\"note\">Note: " + Escape(detect.note) + "</p>\n";
  out +=
      "<h2>Text, suspicious spans marked</h2>\n<p>After an arrow: the restored wording; grey "
      "with '?': a possible original restore did not adopt.</p>\n<div class=\"text\">";
  size_t at = 0;
  for (const CheckMark& m : CheckMarks(text, detect.spans, restored.edits)) {
    out += Escape(text.substr(at, m.start - at));
    const std::string title = m.suggestion.empty() ? "suspicious"
                              : m.restored         ? "restored: " + m.suggestion
                                                   : "possible original: " + m.suggestion;
    out += "<mark class=\"" + Escape(m.reason) + "\" title=\"" + Escape(title) + "\">" +
           Escape(text.substr(m.start, m.end - m.start)) + "</mark>";
    if (!m.suggestion.empty()) {
      out += std::string("<span class=\"wording") + (m.restored ? "" : " tentative") + "\">\u2192" +
             Escape(m.suggestion) + (m.restored ? "" : "?") + "</span>";
    }
    if (m.disguised) out += " <small>(disguised)</small>";
    at = m.end;
  }
  out += Escape(text.substr(at));
  out += "</div>\n<h2>Restored (" + std::to_string(restored.edits.size()) +
         " edits)</h2>\n<div class=\"text\">" + Escape(restored.text) +
         "</div>\n</body>\n</html>\n";
  return out;
}

std::string CheckFormHtml(std::string_view action) {
  const std::string a = Escape(action);
  return PageHead("unspin check") +
         "<h1>unspin check</h1>\n"
         "<p>Paste a text to learn whether it was machine-spun (words swapped for "
         "\"synonyms\" to hide a copy), which spans look replaced, and the most likely "
         "original wording.</p>\n"
         "<form method=\"post\" action=\"" +
         a +
         "\" accept-charset=\"utf-8\">\n"
         "<p><label for=\"text\">Text</label><br>\n"
         "<textarea id=\"text\" name=\"text\" rows=\"16\" required></textarea></p>\n"
         "<p><label><input type=\"checkbox\" name=\"html\" value=\"1\"> The text is a "
         "web page's HTML source (read it as its reader sees it)</label></p>\n"
         "<p><button type=\"submit\">Check</button></p>\n"
         "</form>\n</body>\n</html>\n";
}

std::string CheckErrorHtml(std::string_view message, std::string_view form_path) {
  return PageHead("unspin check: error") + "<h1>unspin check</h1>\n<p class=\"verdict-spun\">" +
         Escape(message) + "</p>\n<p><a href=\"" + Escape(form_path) +
         "\">Back to the form</a></p>\n</body>\n</html>\n";
}

}  // namespace unspin::cli
