#include "eval/harness.h"

#include <memory>

#include "base/jsonl.h"
#include "eval/coverage.h"

namespace unspin {

std::string IdOf(const nlohmann::json& j) {
  if (!j.contains("id")) return "";
  const nlohmann::json& id = j["id"];
  return id.is_string() ? id.get<std::string>() : id.dump();
}

Status ReadJsonl(const std::string& path, const std::vector<std::string>& required,
                 std::vector<nlohmann::json>* out) {
  UNSPIN_RETURN_IF_ERROR(ForEachJsonLine(path, [&](nlohmann::json& j, const std::string& where) {
    for (const std::string& field : required) {
      if (!j.contains(field) || !j[field].is_string()) {
        return Status::InvalidArgument(where + ": missing string field \"" + field + "\"");
      }
    }
    if (!j.contains("id")) return Status::InvalidArgument(where + ": missing \"id\"");
    out->push_back(std::move(j));
    return Status::Ok();
  }));
  if (out->empty()) return Status::InvalidArgument(path + ": no records");
  return Status::Ok();
}

Status ReadPairs(const std::string& path, std::vector<EvalPair>* out) {
  std::vector<nlohmann::json> rows;
  UNSPIN_RETURN_IF_ERROR(ReadJsonl(path, {"spun", "original"}, &rows));
  for (const nlohmann::json& j : rows) {
    EvalPair p;
    p.id = IdOf(j);
    p.source = !j.contains("source")     ? p.id
               : j["source"].is_string() ? j["source"].get<std::string>()
                                         : j["source"].dump();
    p.spun = j["spun"];
    p.original = j["original"];
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

double RestoreEval::coverage() const {
  return counts.gold_edits ? static_cast<double>(gold_reachable) / counts.gold_edits : 0;
}

namespace {

// The gold edits of a pair as (spun text of the span, original text).
void GoldSpans(const EvalPair& p, std::vector<std::pair<std::string, std::string>>* out) {
  std::vector<ScoreToken> s = ScoreTokens(p.spun), o = ScoreTokens(p.original);
  std::vector<std::string> st, ot;
  for (const auto& t : s) st.push_back(t.text);
  for (const auto& t : o) ot.push_back(t.text);
  for (const TokenEdit& e : DiffEdits(st, ot)) {
    std::string from, to;
    for (size_t k = std::get<0>(e); k < std::get<1>(e); ++k)
      from += (from.empty() ? "" : " ") + st[k];
    for (const std::string& w : std::get<2>(e)) to += (to.empty() ? "" : " ") + w;
    out->emplace_back(from, to);
  }
}

size_t CountWords(const std::string& text) { return ScoreTokens(text).size(); }

}  // namespace

Status EvaluateRestore(const std::vector<EvalPair>& pairs,
                       const std::map<std::string, std::string>& restored, const Lexicon* lexicon,
                       RestoreEval* out) {
  RestoreEval e;
  std::vector<std::pair<std::string, std::string>> gold;
  for (const EvalPair& p : pairs) {
    auto it = restored.find(p.id);
    if (it == restored.end()) return Status::InvalidArgument("no restored text for id " + p.id);
    e.counts.Add(ScoreRestore(p.spun, p.original, it->second));
    ++e.documents;
    e.words += CountWords(p.spun);
    if (lexicon) {
      gold.clear();
      GoldSpans(p, &gold);
      for (const auto& [from, to] : gold) {
        if (!from.empty() && !to.empty() && IsReachable(*lexicon, from, to)) ++e.gold_reachable;
      }
    }
  }
  *out = e;
  return Status::Ok();
}

double CleanEval::per_1000_words() const { return words ? 1000.0 * edits / words : 0; }

Status EvaluateClean(const std::map<std::string, std::string>& clean,
                     const std::map<std::string, std::string>& restored, CleanEval* out) {
  CleanEval e;
  for (const auto& [id, text] : clean) {
    auto it = restored.find(id);
    if (it == restored.end()) return Status::InvalidArgument("no restored text for clean id " + id);
    std::vector<ScoreToken> a = ScoreTokens(text), b = ScoreTokens(it->second);
    std::vector<std::string> at, bt;
    for (const auto& t : a) at.push_back(t.text);
    for (const auto& t : b) bt.push_back(t.text);
    e.edits += DiffEdits(at, bt).size();
    e.words += at.size();
    ++e.documents;
  }
  *out = e;
  return Status::Ok();
}

double DetectEval::auc() const { return RocAuc(spun_scores, clean_scores); }
double DetectEval::doc_precision() const {
  size_t flagged = spun_flagged + clean_flagged;
  return flagged ? static_cast<double>(spun_flagged) / flagged : 1.0;
}
double DetectEval::doc_recall() const {
  return spun_scores.empty() ? 1.0 : static_cast<double>(spun_flagged) / spun_scores.size();
}
double DetectEval::doc_f1() const {
  double p = doc_precision(), r = doc_recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
double DetectEval::false_positive_rate() const {
  return clean_scores.empty() ? 0 : static_cast<double>(clean_flagged) / clean_scores.size();
}

namespace {

Status ReportFields(const std::string& id, const nlohmann::json& r, double* score, bool* spun) {
  if (!r.contains("score") || !r["score"].is_number() || !r.contains("spun") ||
      !r["spun"].is_boolean()) {
    return Status::InvalidArgument("detection report for id " + id +
                                   " lacks a numeric \"score\" or a boolean \"spun\"");
  }
  *score = r["score"].get<double>();
  *spun = r["spun"].get<bool>();
  return Status::Ok();
}

}  // namespace

Status EvaluateDetect(const std::vector<EvalPair>& pairs,
                      const std::map<std::string, nlohmann::json>& reports,
                      const std::map<std::string, nlohmann::json>& clean_reports, DetectEval* out) {
  DetectEval e;
  for (const EvalPair& p : pairs) {
    auto it = reports.find(p.id);
    if (it == reports.end()) return Status::InvalidArgument("no detection report for id " + p.id);
    double score;
    bool spun;
    UNSPIN_RETURN_IF_ERROR(ReportFields(p.id, it->second, &score, &spun));
    e.spun_scores.push_back(score);
    e.spun_flagged += spun;
    std::vector<std::pair<size_t, size_t>> spans;
    if (it->second.contains("spans")) {
      for (const auto& s : it->second["spans"]) {
        auto offset = [&](const char* k) {
          return s.contains(k) && s[k].is_number_integer() && s[k].get<int64_t>() >= 0;
        };
        if (!offset("start") || !offset("end")) {
          return Status::InvalidArgument("detection report for id " + p.id +
                                         ": spans need unsigned \"start\" and \"end\"");
        }
        spans.emplace_back(s["start"].get<size_t>(), s["end"].get<size_t>());
      }
    }
    e.tokens.Add(ScoreDetect(p.spun, p.original, spans));
  }
  for (const auto& [id, r] : clean_reports) {
    double score;
    bool spun;
    UNSPIN_RETURN_IF_ERROR(ReportFields(id, r, &score, &spun));
    e.clean_scores.push_back(score);
    e.clean_flagged += spun;
  }
  *out = e;
  return Status::Ok();
}

double TraceEval::recall_at_1() const { return queries ? static_cast<double>(hit1) / queries : 0; }
double TraceEval::recall_at_10() const {
  return queries ? static_cast<double>(hit10) / queries : 0;
}
double TraceEval::mrr() const { return queries ? reciprocal_rank_sum / queries : 0; }

Status EvaluateTrace(const std::vector<EvalPair>& pairs,
                     const std::map<std::string, nlohmann::json>& rankings, TraceEval* out) {
  TraceEval e;
  for (const EvalPair& p : pairs) {
    auto it = rankings.find(p.id);
    if (it == rankings.end()) return Status::InvalidArgument("no trace result for id " + p.id);
    ++e.queries;
    const nlohmann::json& matches =
        it->second.contains("matches") ? it->second["matches"] : nlohmann::json::array();
    size_t rank = 0;
    for (const auto& m : matches) {
      ++rank;
      if (IdOf(m) == p.source) {
        e.hit1 += rank == 1;
        e.hit10 += rank <= 10;
        e.reciprocal_rank_sum += 1.0 / static_cast<double>(rank);
        break;
      }
    }
  }
  *out = e;
  return Status::Ok();
}

}  // namespace unspin
