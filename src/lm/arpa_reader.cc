#include "lm/arpa_reader.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "base/file_util.h"
#include "base/line_reader.h"

namespace unspin {
namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using WordIndex = std::unordered_map<std::string, WordId, StringHash, std::equal_to<>>;

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// `s` without leading and trailing spaces, tabs and carriage returns.
std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Parses all of `s` as a decimal number.
template <typename T>
bool ParseWhole(std::string_view s, T* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// Splits on runs of spaces/tabs into at most `max` fields; returns the count
// (max + 1 when there are more fields than `max`).
size_t SplitFields(std::string_view line, std::string_view* fields, size_t max) {
  size_t n = 0, i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i >= line.size()) break;
    size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (n == max) return max + 1;
    fields[n++] = line.substr(start, i - start);
  }
  return n;
}

bool ParseFloat(std::string_view s, float* out) {
  if (s == "-inf" || s == "-Infinity") {
    *out = -INFINITY;
    return true;
  }
  auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

class ArpaParser {
 public:
  ArpaParser(LineReader* in, NgramTable* table) : in_(in), table_(table) {}

  Status Parse() {
    UNSPIN_RETURN_IF_ERROR(ReadHeader());
    for (int n = 1; n <= static_cast<int>(expected_.size()); ++n) {
      UNSPIN_RETURN_IF_ERROR(ReadSection(n));
    }
    return ExpectEnd();
  }

 private:
  Status Error(const std::string& what) const {
    return Status::Corruption(in_->path() + ":" + std::to_string(in_->line_number()) + ": " + what);
  }
  Status EndOfInput(const std::string& expected) const {
    if (!in_->status().ok()) return in_->status();
    return Status::Corruption(in_->path() + ": file ends early (truncated?): expected " + expected);
  }

  // Next line that is not blank; false at end of input.
  bool NextNonBlank(std::string_view* line) {
    while (in_->Next(line)) {
      size_t i = 0;
      while (i < line->size() && (IsSpace((*line)[i]) || (*line)[i] == '\r')) ++i;
      if (i < line->size()) return true;
    }
    return false;
  }

  Status ReadHeader() {
    std::string_view line;
    for (;;) {  // text before \data\ is allowed (SRILM writes comments there)
      if (!in_->Next(&line)) return EndOfInput("the \\data\\ header");
      if (TrimSpace(line) == "\\data\\") break;
      if (in_->line_number() > 1000) {
        return Status::Corruption(in_->path() +
                                  ": no \\data\\ header in the first 1000 lines; "
                                  "not an ARPA language model");
      }
    }
    for (;;) {
      if (!NextNonBlank(&line)) return EndOfInput("ngram counts");
      line = TrimSpace(line);
      if (line.substr(0, 6) != "ngram ") break;
      // "ngram N=count", spaces allowed around both numbers (IRSTLM writes
      // "ngram  1=     62327").
      size_t eq = line.find('=');
      int n = 0;
      uint64_t count = 0;
      if (eq == std::string_view::npos || !ParseWhole(TrimSpace(line.substr(6, eq - 6)), &n) ||
          !ParseWhole(TrimSpace(line.substr(eq + 1)), &count)) {
        return Error("malformed count line '" + std::string(line) + "'");
      }
      if (n != static_cast<int>(expected_.size()) + 1) return Error("ngram counts out of order");
      if (n > kMaxOrder) {
        return Status::Unsupported(in_->path() + ": order " + std::to_string(n) +
                                   " model; orders up to " + std::to_string(kMaxOrder) +
                                   " are supported");
      }
      expected_.push_back(count);
    }
    if (expected_.empty()) return Error("no 'ngram N=count' lines after \\data\\");
    if (expected_[0] == 0) return Error("the model has no unigrams");
    pending_ = std::string(line);
    table_->orders.resize(expected_.size());
    return Status::Ok();
  }

  Status ReadSection(int n) {
    std::string want = "\\" + std::to_string(n) + "-grams:";
    if (pending_ != want) return Error("expected '" + want + "', found '" + pending_ + "'");
    NgramOrder& ord = table_->orders[n - 1];
    ord.n = n;
    const uint64_t count = expected_[n - 1];
    ord.ids.reserve(count * n);
    ord.prob.reserve(count);
    ord.backoff.reserve(count);
    std::string_view fields[kMaxOrder + 3];
    std::string_view line;
    for (;;) {
      if (!NextNonBlank(&line)) return EndOfInput("\\end\\");
      if (line[0] == '\\') break;
      size_t nf = SplitFields(line, fields, n + 2);
      if (nf != static_cast<size_t>(n) + 1 && nf != static_cast<size_t>(n) + 2) {
        return Error("expected " + std::to_string(n) + " words with a probability, found '" +
                     std::string(line.substr(0, 200)) + "'");
      }
      float prob = 0, bo = 0;
      if (!ParseFloat(fields[0], &prob))
        return Error("bad probability '" + std::string(fields[0]) + "'");
      if (nf == static_cast<size_t>(n) + 2 && !ParseFloat(fields[n + 1], &bo)) {
        return Error("bad backoff '" + std::string(fields[n + 1]) + "'");
      }
      for (int k = 1; k <= n; ++k) {
        WordId id;
        UNSPIN_RETURN_IF_ERROR(Lookup(fields[k], n == 1, &id));
        ord.ids.push_back(id);
      }
      ord.prob.push_back(prob);
      ord.backoff.push_back(bo);
      if (ord.prob.size() > count) {
        return Error("more " + std::to_string(n) + "-grams than the header's " +
                     std::to_string(count));
      }
    }
    if (ord.prob.size() != count) {
      return Error("the header promises " + std::to_string(count) + " " + std::to_string(n) +
                   "-grams but the section has " + std::to_string(ord.prob.size()));
    }
    pending_ = std::string(TrimSpace(line));
    return Status::Ok();
  }

  Status Lookup(std::string_view word, bool define, WordId* id) {
    auto it = index_.find(word);
    if (define) {
      if (it != index_.end()) return Error("duplicate unigram '" + std::string(word) + "'");
      *id = static_cast<WordId>(table_->words.size());
      table_->words.emplace_back(word);
      index_.emplace(std::string(word), *id);
      return Status::Ok();
    }
    if (it == index_.end()) return Error("word '" + std::string(word) + "' is not a unigram");
    *id = it->second;
    return Status::Ok();
  }

  Status ExpectEnd() {
    if (pending_ != "\\end\\") return Error("expected '\\end\\', found '" + pending_ + "'");
    return Status::Ok();
  }

  LineReader* in_;
  NgramTable* table_;
  std::vector<uint64_t> expected_;
  std::string pending_;
  WordIndex index_;
};

}  // namespace

Status ReadArpa(const std::string& path, NgramTable* table) {
  std::unique_ptr<LineReader> in;
  UNSPIN_RETURN_IF_ERROR(LineReader::Open(path, &in, 1 << 20));
  NgramTable result;
  ArpaParser parser(in.get(), &result);
  UNSPIN_RETURN_IF_ERROR(parser.Parse());
  *table = std::move(result);
  return Status::Ok();
}

Status WriteArpa(const NgramTable& table, const std::string& path) {
  std::string out = "\\data\\\n";
  for (const NgramOrder& ord : table.orders) {
    out += "ngram " + std::to_string(ord.n) + "=" + std::to_string(ord.size()) + "\n";
  }
  char num[64];
  for (const NgramOrder& ord : table.orders) {
    out += "\n\\" + std::to_string(ord.n) + "-grams:\n";
    bool top = (ord.n == table.order());
    for (size_t i = 0; i < ord.size(); ++i) {
      std::snprintf(num, sizeof(num), "%.6f", ord.prob[i]);
      out += num;
      for (int k = 0; k < ord.n; ++k) {
        out += (k == 0 ? '\t' : ' ');
        out += table.words[ord.key(i)[k]];
      }
      if (!top) {
        std::snprintf(num, sizeof(num), "\t%.6f", ord.backoff[i]);
        out += num;
      }
      out += '\n';
    }
  }
  out += "\n\\end\\\n";
  return WriteFileAtomically(path, out);
}

}  // namespace unspin
