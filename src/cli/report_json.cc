#include "cli/report_json.h"

#include <cmath>

#include "detect/check_marks.h"

namespace unspin::cli {

nlohmann::json ReportJson(const DetectReport& r, bool explain) {
  nlohmann::json spans = nlohmann::json::array();
  for (const DetectSpan& s : r.spans) {
    spans.push_back({{"start", s.start},
                     {"end", s.end},
                     {"text", s.text},
                     {"suggestion", s.suggestion},
                     {"confidence", std::round(s.confidence * 1e4) / 1e4},
                     {"reason", s.reason}});
  }
  nlohmann::json j = {{"score", std::round(r.score * 1e4) / 1e4},
                      {"spun", r.spun},
                      {"threshold", r.threshold},
                      {"spans", spans},
                      {"words", r.words}};
  if (!r.note.empty()) j["note"] = r.note;
  if (explain) {
    nlohmann::json words = nlohmann::json::array();
    for (const WordEvidence& e : r.evidence) {
      nlohmann::json values = nlohmann::json::array();
      for (double v : e.values) values.push_back(std::round(v * 1e4) / 1e4);
      words.push_back({{"start", e.start},
                       {"end", e.end},
                       {"p", std::round(e.probability * 1e4) / 1e4},
                       {"evidence", values}});
    }
    j["words_evidence"] = words;
    nlohmann::json doc = nlohmann::json::array();
    for (double v : r.features.values) doc.push_back(v);
    j["document_evidence"] = doc;
  }
  return j;
}

nlohmann::json EditsJson(const std::vector<RestoreEdit>& edits, bool explain) {
  nlohmann::json out = nlohmann::json::array();
  for (const RestoreEdit& e : edits) {
    nlohmann::json j = {{"start", e.start},
                        {"end", e.end},
                        {"from", e.from},
                        {"to", e.to},
                        {"confidence", std::round(e.confidence * 1e4) / 1e4}};
    if (explain) {
      j["margin"] = e.margin;
      if (e.support >= 0) j["support"] = std::round(e.support * 1e4) / 1e4;
      if (e.window_score >= 0) j["window_score"] = std::round(e.window_score * 1e4) / 1e4;
      j["lm_log10"] = e.lm_log10;
      j["channel_log10"] = e.channel_log10;
      nlohmann::json alts = nlohmann::json::array();
      for (const RestoreAlternative& a : e.alternatives) {
        alts.push_back(
            {{"text", a.text}, {"lm_log10", a.lm_log10}, {"channel_log10", a.channel_log10}});
      }
      j["alternatives"] = alts;
    }
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json RestoreJson(const RestoreResult& r, bool explain) {
  return {{"text", r.text}, {"edits", EditsJson(r.edits, explain)}};
}

nlohmann::json CheckJson(std::string_view text, const DetectReport& detect,
                         const RestoreResult& restore, bool explain) {
  nlohmann::json marks = nlohmann::json::array();
  for (const CheckMark& m : CheckMarks(text, detect.spans, restore.edits)) {
    marks.push_back({{"start", m.start},
                     {"end", m.end},
                     {"text", std::string(text.substr(m.start, m.end - m.start))},
                     {"suggestion", m.suggestion},
                     {"restored", m.restored},
                     {"reason", m.reason}});
  }
  return {{"detect", ReportJson(detect, explain)},
          {"restore", RestoreJson(restore, explain)},
          {"marks", marks}};
}

nlohmann::json MatchesJson(const std::vector<TraceMatch>& matches) {
  nlohmann::json arr = nlohmann::json::array();
  for (const TraceMatch& m : matches) {
    nlohmann::json subs = nlohmann::json::array();
    for (const Substitution& s : m.substitutions) {
      nlohmann::json sub = {{"spun", s.spun},
                            {"source", s.source},
                            {"spun_start", s.spun_start},
                            {"spun_end", s.spun_end},
                            {"source_start", s.source_start},
                            {"source_end", s.source_end}};
      if (!s.word_before.empty()) sub["word_before"] = s.word_before;
      if (!s.word_after.empty()) sub["word_after"] = s.word_after;
      subs.push_back(std::move(sub));
    }
    nlohmann::json match = {
        {"id", m.id}, {"score", std::round(m.score * 1e4) / 1e4}, {"substitutions", subs}};
    if (!m.passages.empty()) {
      nlohmann::json passages = nlohmann::json::array();
      for (const auto& [start, end] : m.passages)
        passages.push_back({{"start", start}, {"end", end}});
      match["passages"] = passages;
    }
    arr.push_back(std::move(match));
  }
  return arr;
}

}  // namespace unspin::cli
